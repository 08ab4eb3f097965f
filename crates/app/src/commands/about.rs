//! About CertDeck: versions and folders, all from the backend.

use errors::Result;
use serde::Serialize;

use crate::{App, Host};

/// What the About dialog and the Settings page show.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AboutInfo {
    pub app_name: String,
    pub app_version: String,
    /// The short git commit the app was built from, or "unknown".
    pub commit: String,
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

pub async fn about_info(app: &App, host: &dyn Host, _: ()) -> Result<AboutInfo> {
    let info = host.info()?;
    Ok(AboutInfo {
        app_name: info.app_name,
        app_version: info.app_version,
        commit: info.commit,
        tauri_version: info.runtime_version,
        webview_engine: info.webview_engine,
        webview_version: info.webview_version,
        os: std::env::consts::OS.to_owned(),
        arch: std::env::consts::ARCH.to_owned(),
        config_dir: app.dirs().config.display().to_string(),
        data_dir: app.dirs().data.display().to_string(),
        log_file: app.log_file().display().to_string(),
    })
}
