// The command list is the app core's (crates/app/src/commands/mod.rs); only its names are
// read here. Listing them makes each command need an explicit grant in a capability file, so
// the webview can call only what `src-tauri/capabilities/` allows.
include!("../crates/app/src/commands/list.rs");

macro_rules! names {
    ($($name:ident($args:ty) => $result:ty $(, events $event:ty)?;)*) => {
        &[$(stringify!($name)),*]
    };
}

const COMMANDS: &[&str] = with_commands!(names);

fn main() {
    println!("cargo::rerun-if-changed=crates/app/src/commands/list.rs");
    // About says which commit this binary is.
    build_info::emit_commit();
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("failed to run tauri-build");
}
