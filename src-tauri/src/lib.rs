//! CertDeck's Tauri shell: windows, commands, logs and settings over the `crates/` libraries.

mod bindings;
mod commands;
mod host;
mod logging;
#[cfg(target_os = "linux")]
mod rendering;
mod window;
mod window_state;

use app::{App, AppDirs};
use tauri::{Emitter, Manager};

/// What the UI hears about a native drop, after the paths are granted. The page cannot
/// forge a grant: only the window's native drop event and the file dialog create one.
const FILES_DROPPED: &str = "certdeck://files-dropped";

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
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "CertDeck starting");

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

    let result = tauri::Builder::default()
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
                if let Err(err) = window.emit(FILES_DROPPED, &granted) {
                    tracing::warn!("could not announce dropped files: {err}");
                }
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
        .run(tauri::generate_context!());
    if let Err(err) = result {
        tracing::error!("CertDeck stopped: {err}");
        eprintln!("CertDeck stopped: {err}");
        std::process::exit(1);
    }
}
