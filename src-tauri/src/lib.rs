//! CertDeck's Tauri shell: windows, commands, logs and settings over the `crates/` libraries.

mod bindings;
mod commands;
mod host;
mod logging;
mod opened_with;
#[cfg(target_os = "linux")]
mod rendering;
mod window;
mod window_state;

use app::{App, AppDirs};
use tauri::Manager;

pub fn run() {
    #[cfg(target_os = "linux")]
    rendering::choose();
    let dirs = match AppDirs::for_user() {
        Ok(dirs) => dirs,
        Err(err) => {
            eprintln!("CertDeck cannot start: {err}");
            std::process::exit(1);
        }
    };
    let log_file = logging::init(&dirs.log_dir()).unwrap_or_else(|err| {
        eprintln!("CertDeck logs nowhere: {err}");
        dirs.log_dir()
    });
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        commit = env!("CERTDECK_COMMIT"),
        "CertDeck starting"
    );

    let context = context();
    let single_instance = opened_with::single_instance(&context.config().identifier, &dirs);
    let window_state_file = dirs.window_state_file();
    let webview_dir = dirs.webview_dir();
    let app = match App::load(dirs, log_file) {
        Ok(app) => app,
        Err(err) => {
            // A damaged vault list is never replaced silently: say so and stop.
            eprintln!("CertDeck cannot start: {err}");
            tracing::error!("cannot start: {err}");
            std::process::exit(1);
        }
    };
    opened_with::at_launch(&app);

    let result = tauri::Builder::default()
        // First: a second launch hands its files to the running app and exits here.
        .plugin(single_instance)
        .plugin(
            // An absolute file name: the plugin joins it onto its own folder, which then
            // has no effect, so the state lands in our (overridable) config dir.
            tauri_plugin_window_state::Builder::new()
                .with_filename(window_state_file.to_string_lossy())
                // window::open_main restores it, checked against the monitors present now.
                .skip_initial_state(window::MAIN)
                .build(),
        )
        .manage(app)
        .invoke_handler(commands::handler())
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                let granted = window.state::<App>().files_dropped(paths.iter().cloned());
                opened_with::announce(window, &granted);
            }
            window_state::on_window_event(window.app_handle(), event);
        })
        .setup(move |app| {
            // Start the local vault while the window loads; commands wait for it.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                handle.state::<App>().start().await;
            });
            window::open_main(app, &window_state_file, &webview_dir)?;
            Ok(())
        })
        .run(context);
    if let Err(err) = result {
        tracing::error!("CertDeck stopped: {err}");
        eprintln!("CertDeck stopped: {err}");
        std::process::exit(1);
    }
}

/// The app's configuration, compiled in from tauri.conf.json (with Cargo.toml's version).
fn context() -> tauri::Context {
    tauri::generate_context!()
}

#[cfg(test)]
mod tests {
    /// tauri.conf.json names no version of its own: the app reports the workspace's, as
    /// `certdeck-cli --version` and About do.
    #[test]
    fn the_app_reports_the_workspace_version() {
        let context = super::context();
        assert_eq!(
            context.package_info().version.to_string(),
            env!("CARGO_PKG_VERSION")
        );
        assert_eq!(context.config().version, None);
    }

    /// The build script names the commit: git's short hash, or "unknown" without git.
    #[test]
    fn the_build_names_its_commit() {
        let commit = env!("CERTDECK_COMMIT");
        let known = commit.len() >= 7 && commit.chars().all(|c| c.is_ascii_hexdigit());
        assert!(known || commit == "unknown", "{commit}");
        if let Some(head) = build_info::commit_in(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
        {
            // HEAD may have moved since the build; the commit must still be one of this repo's.
            let found = std::process::Command::new("git")
                .args(["cat-file", "-e", &format!("{commit}^{{commit}}")])
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .status()
                .map(|s| s.success());
            assert_eq!(
                found.ok(),
                Some(true),
                "{commit} is not a commit here (HEAD {head})"
            );
        }
    }
}
