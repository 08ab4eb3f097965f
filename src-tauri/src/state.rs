//! What the shell keeps for the lifetime of the app.

use std::path::PathBuf;
use std::sync::Mutex;

use crate::app_dirs::AppDirs;
use crate::settings::Settings;

pub struct AppState {
    pub dirs: AppDirs,
    pub log_file: PathBuf,
    /// The settings as last saved; writes go through [`Settings::save`] first.
    pub settings: Mutex<Settings>,
}
