//! What the app's benches share: a host that opens nothing, and an app on a temporary folder.

use std::path::PathBuf;

use app::{App, AppDirs, Host, HostInfo};

/// The benches open no dialogs.
pub struct NoHost;

#[async_trait::async_trait]
impl Host for NoHost {
    fn info(&self) -> app::Result<HostInfo> {
        Err(app::Error::internal("no host in the bench"))
    }
    async fn pick_certificate_files(&self) -> Option<Vec<PathBuf>> {
        None
    }
    async fn choose_save_path(&self, _: &str) -> Option<PathBuf> {
        None
    }
    fn open_url(&self, _: &str) -> app::Result<()> {
        Ok(())
    }
}

/// An app whose settings, data and log live in `dir`.
pub fn app_in(dir: &std::path::Path) -> App {
    let dirs = AppDirs::resolve(dir.join("config"), dir.join("data")).unwrap();
    App::load(dirs, dir.join("bench.log")).unwrap()
}
