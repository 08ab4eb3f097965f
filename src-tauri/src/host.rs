//! The app core's [`Host`]: native dialogs through rfd on the GTK thread, the browser, and
//! facts about Tauri and the webview.

use std::io::Write;
use std::path::PathBuf;

use app::{Code, Error, Host, HostInfo, Result};
use tauri::{AppHandle, WebviewWindow};

/// Names a file that receives the URLs the app would open in the browser (E2E tests).
const OPEN_URL_FILE_ENV: &str = "CERTDECK_E2E_OPEN_URL_FILE";

/// The window a command came from, and the app around it.
pub struct TauriHost {
    app: AppHandle,
    window: WebviewWindow,
}

impl TauriHost {
    pub fn new(app: AppHandle, window: WebviewWindow) -> Self {
        Self { app, window }
    }

    /// Runs an rfd dialog and waits for its answer. rfd's GTK backend hands the dialog to the
    /// GTK main loop itself and blocks until it is answered, so it is called from a blocking
    /// thread: called on the main thread, it would wait on the very loop it blocks.
    async fn dialog<T: Send + 'static>(
        &self,
        show: impl FnOnce(rfd::FileDialog) -> Option<T> + Send + 'static,
    ) -> Option<T> {
        let window = self.window.clone();
        let answer = tauri::async_runtime::spawn_blocking(move || {
            show(rfd::FileDialog::new().set_parent(&window))
        });
        match answer.await {
            Ok(answer) => answer,
            Err(err) => {
                tracing::error!("could not show a dialog: {err}");
                None
            }
        }
    }
}

const WEBVIEW_ENGINE: &str = if cfg!(target_os = "linux") {
    "WebKitGTK"
} else if cfg!(target_os = "macos") {
    "WebKit"
} else {
    "WebView2"
};

#[async_trait::async_trait]
impl Host for TauriHost {
    fn info(&self) -> Result<HostInfo> {
        let package = self.app.package_info();
        let webview_version = tauri::webview_version().map_err(|err| {
            Error::new(
                Code::Internal,
                format!("Could not read the {WEBVIEW_ENGINE} version: {err}"),
            )
            .with_hint("Reinstall the webview runtime (on Debian: libwebkit2gtk-4.1-0).")
        })?;
        Ok(HostInfo {
            app_name: package.name.clone(),
            app_version: package.version.to_string(),
            commit: env!("CERTDECK_COMMIT").to_owned(),
            runtime_version: tauri::VERSION.to_owned(),
            webview_engine: WEBVIEW_ENGINE.to_owned(),
            webview_version,
        })
    }

    async fn pick_certificate_files(&self) -> Option<Vec<PathBuf>> {
        self.dialog(|dialog| {
            dialog
                .set_title("Import certificates")
                .add_filter(
                    "Certificate files",
                    &["pfx", "p12", "pem", "crt", "cer", "key", "p7b"],
                )
                .add_filter("All files", &["*"])
                .pick_files()
        })
        .await
    }

    async fn pick_backup_file(&self) -> Option<PathBuf> {
        self.dialog(|dialog| {
            dialog
                .set_title("Restore a certificate backup")
                .add_filter("Key Vault backups", &["kvbackup"])
                .add_filter("All files", &["*"])
                .pick_file()
        })
        .await
    }

    async fn choose_save_path(&self, suggested_name: &str) -> Option<PathBuf> {
        let name = suggested_name.to_owned();
        self.dialog(move |dialog| dialog.set_file_name(name).save_file())
            .await
    }

    async fn pick_folder(&self) -> Option<PathBuf> {
        self.dialog(|dialog| dialog.set_title("Back up to folder").pick_folder())
            .await
    }

    /// With `CERTDECK_E2E_OPEN_URL_FILE` set, the URL is written to that file instead (one
    /// line, appended), so an end-to-end test can play the browser: follow a sign-in's
    /// authorize page back to the app's loopback listener.
    fn open_url(&self, url: &str) -> Result<()> {
        if let Some(file) = std::env::var_os(OPEN_URL_FILE_ENV).filter(|f| !f.is_empty()) {
            let file = PathBuf::from(file);
            let mut out = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&file)
                .map_err(|err| Error::io("write", &file, &err))?;
            return writeln!(out, "{url}").map_err(|err| Error::io("write", &file, &err));
        }
        open::that_detached(url).map_err(|err| {
            Error::new(Code::Io, format!("Could not open the browser: {err}"))
                .with_hint(format!("Open {url} yourself."))
        })
    }
}
