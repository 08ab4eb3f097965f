//! The app core for the CLI: the desktop app's folders (so the vault list, settings and
//! signed-in accounts are shared), and a host without dialogs.

use std::path::PathBuf;

use app::{App, AppDirs, Host, HostInfo, Result};

/// Loads the app core on the user's folders (or `CERTDECK_CONFIG_DIR` / `CERTDECK_DATA_DIR`).
pub fn load() -> Result<App> {
    let dirs = AppDirs::for_user()?;
    let log_file = dirs.log_dir().join("certdeck-cli.log");
    App::load(dirs, log_file)
}

/// No windows: dialogs answer as cancelled; the browser opens unless told not to.
pub struct CliHost {
    pub open_browser: bool,
}

/// For commands that open nothing.
pub const QUIET: CliHost = CliHost {
    open_browser: false,
};

#[async_trait::async_trait]
impl Host for CliHost {
    fn info(&self) -> Result<HostInfo> {
        Ok(HostInfo {
            app_name: "certdeck-cli".into(),
            app_version: env!("CARGO_PKG_VERSION").into(),
            commit: env!("CERTDECK_COMMIT").into(),
            runtime_version: "none".into(),
            webview_engine: "none".into(),
            webview_version: "none".into(),
        })
    }

    async fn pick_certificate_files(&self) -> Option<Vec<PathBuf>> {
        None
    }

    async fn choose_save_path(&self, _: &str) -> Option<PathBuf> {
        None
    }

    fn open_url(&self, url: &str) -> Result<()> {
        if self.open_browser {
            open::that_detached(url).map_err(|err| {
                app::Error::new(app::Code::Io, format!("Could not open the browser: {err}"))
                    .with_hint(format!("Open {url} yourself."))
            })?;
        }
        Ok(())
    }
}
