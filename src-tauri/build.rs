/// CertDeck's own commands. Listing them makes each one need an explicit grant in a
/// capability file, so the webview can call only what `src-tauri/capabilities/` allows.
const COMMANDS: &[&str] = &[
    "about_info",
    "get_settings",
    "set_theme",
    "list_vaults",
    "add_local_vault",
    "add_azure_vault",
    "rename_vault",
    "set_vault_color",
    "reorder_vaults",
    "remove_vault",
    "add_samples",
    "list_certificates",
    "cancel_request",
    "get_certificate",
    "list_versions",
    "open_in_portal",
    "save_text_file",
    "pick_files",
    "open_file",
    "close_files",
    "plan_import",
    "check_certificate_name",
    "import_certificate",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("failed to run tauri-build");
}
