/// CertDeck's own commands. Listing them makes each one need an explicit grant in a
/// capability file, so the webview can call only what `src-tauri/capabilities/` allows.
const COMMANDS: &[&str] = &["about_info", "get_settings", "set_theme"];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("failed to run tauri-build");
}
