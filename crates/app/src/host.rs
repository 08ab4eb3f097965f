//! What the app core needs from the desktop around it: native dialogs, the browser, facts
//! about the runtime. The Tauri shell implements it; tests use a fake.

use std::path::PathBuf;

use errors::Result;

/// Facts about the running shell, for About and Settings.
#[derive(Debug, Clone)]
pub struct HostInfo {
    pub app_name: String,
    pub app_version: String,
    /// The short git commit the shell was built from, or "unknown".
    pub commit: String,
    /// The shell's runtime version (Tauri's).
    pub runtime_version: String,
    /// The webview engine, e.g. "WebKitGTK" on Linux.
    pub webview_engine: String,
    pub webview_version: String,
}

#[async_trait::async_trait]
pub trait Host: Send + Sync {
    fn info(&self) -> Result<HostInfo>;

    /// The native multi-select dialog for certificate files; `None` when cancelled.
    async fn pick_certificate_files(&self) -> Option<Vec<PathBuf>>;

    /// The native dialog for one Key Vault backup (`.kvbackup`) file; `None` when cancelled.
    /// Hosts without one answer as if cancelled.
    async fn pick_backup_file(&self) -> Option<PathBuf> {
        None
    }

    /// The native save dialog, proposing `suggested_name`; `None` when cancelled.
    async fn choose_save_path(&self, suggested_name: &str) -> Option<PathBuf>;

    /// The native folder dialog (where bulk backups go); `None` when cancelled. Hosts without
    /// one answer as if cancelled.
    async fn pick_folder(&self) -> Option<PathBuf> {
        None
    }

    /// Opens `url` in the user's browser.
    fn open_url(&self, url: &str) -> Result<()>;
}
