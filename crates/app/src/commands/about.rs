use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use crate::error::{AppError, AppResult, ErrorCode};
use crate::state::AppState;

/// What the About dialog and the Settings page show; every value comes from the backend.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AboutInfo {
    pub app_name: String,
    pub app_version: String,
    pub tauri_version: String,
    /// The webview engine, e.g. "WebKitGTK" on Linux.
    pub webview_engine: String,
    pub webview_version: String,
    pub os: String,
    pub arch: String,
    pub config_dir: String,
    pub data_dir: String,
    pub log_file: String,
}

const WEBVIEW_ENGINE: &str = if cfg!(target_os = "linux") {
    "WebKitGTK"
} else if cfg!(target_os = "macos") {
    "WebKit"
} else {
    "WebView2"
};

#[tauri::command]
pub fn about_info<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<AboutInfo> {
    let package = app.package_info();
    Ok(AboutInfo {
        app_name: package.name.clone(),
        app_version: package.version.to_string(),
        tauri_version: tauri::VERSION.to_owned(),
        webview_engine: WEBVIEW_ENGINE.to_owned(),
        webview_version: webview_version()?,
        os: std::env::consts::OS.to_owned(),
        arch: std::env::consts::ARCH.to_owned(),
        config_dir: state.dirs.config.display().to_string(),
        data_dir: state.dirs.data.display().to_string(),
        log_file: state.log_file.display().to_string(),
    })
}

fn webview_version() -> AppResult<String> {
    tauri::webview_version().map_err(|err| {
        AppError::new(
            ErrorCode::Internal,
            format!("Could not read the {WEBVIEW_ENGINE} version: {err}"),
        )
        .with_hint("Reinstall the webview runtime (on Debian: libwebkit2gtk-4.1-0).")
    })
}
