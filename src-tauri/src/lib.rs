//! CertDeck's Tauri shell: windows, commands, logs and settings over the `crates/` libraries.

mod app_dirs;
mod bindings;
mod commands;
mod error;
mod grants;
mod local_vault;
mod logging;
mod opened_files;
#[cfg(target_os = "linux")]
mod rendering;
mod settings;
mod state;
mod vaults;
mod window_state;

use std::sync::Mutex;

use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};

use crate::app_dirs::AppDirs;
use crate::settings::Settings;
use crate::state::AppState;
use crate::vaults::Vaults;

/// Matches `identifier` in tauri.conf.json, so the default folders are the ones Tauri would use.
const APP_ID: &str = "app.certdeck.desktop";

pub fn run() {
    #[cfg(target_os = "linux")]
    rendering::choose();
    let dirs = match default_dirs() {
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

    let settings = Settings::load(&dirs.settings_file()).unwrap_or_else(|err| {
        tracing::warn!("using default settings: {err}");
        Settings::default()
    });
    let vaults = match Vaults::load(dirs.vaults_file(), dirs.local_vault_dir()) {
        Ok(vaults) => vaults,
        Err(err) => {
            // A damaged vault list is never replaced silently: say so and stop.
            eprintln!("CertDeck cannot start: {err}");
            tracing::error!("cannot start: {err}");
            std::process::exit(1);
        }
    };
    let window_state_file = dirs.window_state_file();
    let webview_dir = dirs.webview_dir();

    let result = tauri::Builder::default()
        .plugin(
            // An absolute file name: the plugin joins it onto its own folder, which then
            // has no effect, so the state lands in our (overridable) config dir.
            tauri_plugin_window_state::Builder::new()
                .with_filename(window_state_file.to_string_lossy())
                .build(),
        )
        .manage(AppState {
            dirs,
            log_file,
            settings: Mutex::new(settings),
        })
        .manage(vaults)
        .manage(grants::FileGrants::default())
        .manage(opened_files::OpenedFiles::default())
        .invoke_handler(tauri::generate_handler![
            commands::about::about_info,
            commands::settings::get_settings,
            commands::settings::set_theme,
            commands::vaults::list_vaults,
            commands::vaults::add_local_vault,
            commands::vaults::add_azure_vault,
            commands::vaults::rename_vault,
            commands::vaults::set_vault_color,
            commands::vaults::reorder_vaults,
            commands::vaults::remove_vault,
            commands::vaults::add_samples,
            commands::certificates::list_certificates,
            commands::certificates::cancel_request,
            commands::certificates::get_certificate,
            commands::certificates::list_versions,
            commands::desktop::open_in_portal,
            commands::desktop::save_text_file,
            commands::files::pick_files,
            commands::files::open_file,
            commands::files::close_files,
            commands::import::plan_import,
            commands::import::check_certificate_name,
            commands::import::import_certificate,
        ])
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                commands::files::on_native_drop(window.app_handle(), paths);
            }
            window_state::on_window_event(window.app_handle(), event);
        })
        .setup(move |app| {
            // Start the local vault while the window loads; commands wait for it.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                handle.state::<Vaults>().ready().await;
            });
            WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
                .title("CertDeck")
                .inner_size(1280.0, 800.0)
                .min_inner_size(900.0, 560.0)
                .data_directory(webview_dir.clone())
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(err) = result {
        tracing::error!("CertDeck stopped: {err}");
        eprintln!("CertDeck stopped: {err}");
        std::process::exit(1);
    }
}

fn default_dirs() -> error::AppResult<AppDirs> {
    let config = dirs::config_dir().unwrap_or_else(std::env::temp_dir);
    let data = dirs::data_dir().unwrap_or_else(std::env::temp_dir);
    AppDirs::resolve(config.join(APP_ID), data.join(APP_ID))
}
