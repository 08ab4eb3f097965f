//! CertDeck's app core: everything the desktop app does that needs no window. The vault list
//! and one connection per vault, the embedded local vault, settings, the files the user
//! granted, opened files awaiting import, requests the UI may cancel, and every command.
//!
//! The Tauri shell (`src-tauri/`) only adapts: it registers [`with_commands!`]'s list and
//! implements [`Host`] (dialogs, the browser, webview facts). Tests drive the same commands
//! with a fake host.

mod accounts;
mod attention;
mod blocking;
mod command_line;
pub mod commands;
mod dirs;
mod grants;
mod host;
mod local_vault;
mod opened_files;
mod previewed;
mod refusals;
mod requests;
mod settings;
mod signed_chain;
mod user_templates;
mod vaults;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use dirs::AppDirs;
pub use errors::{Code, Error, Result};
pub use grants::MAX_FILE_BYTES;
pub use host::{Host, HostInfo};
pub use settings::{Settings, ThemePreference};

use crate::accounts::SignedInAccounts;
use crate::command_line::WaitingFiles;
use crate::grants::FileGrants;
use crate::opened_files::OpenedFiles;
use crate::requests::Requests;
use crate::user_templates::UserTemplates;
use crate::vaults::Vaults;

/// The app's state for its lifetime: what every command works on.
pub struct App {
    dirs: AppDirs,
    log_file: PathBuf,
    /// The settings as last saved; writes go through [`Settings::save`] first.
    settings: Mutex<Settings>,
    vaults: Vaults,
    accounts: Arc<SignedInAccounts>,
    grants: FileGrants,
    /// Files opened with CertDeck that the UI has not heard of yet.
    opened_with: WaitingFiles,
    opened: OpenedFiles,
    requests: Requests,
    templates: UserTemplates,
    previewed: previewed::PreviewedPolicies,
}

impl App {
    /// Loads the settings and the vault list from `dirs`. Damaged settings fall back to the
    /// defaults (with a warning); a damaged vault list is an error, never silently replaced.
    pub fn load(dirs: AppDirs, log_file: PathBuf) -> Result<Self> {
        let settings = Settings::load(&dirs.settings_file()).unwrap_or_else(|err| {
            tracing::warn!("using default settings: {err}");
            Settings::default()
        });
        let accounts = Arc::new(SignedInAccounts::new(dirs.accounts_dir()));
        let vaults = Vaults::load(dirs.vaults_file(), dirs.local_vault_dir(), accounts.clone())?;
        Ok(Self {
            accounts,
            templates: UserTemplates::new(dirs.config.join("templates.json")),
            dirs,
            log_file,
            settings: Mutex::new(settings),
            vaults,
            grants: FileGrants::default(),
            opened_with: WaitingFiles::default(),
            opened: OpenedFiles::default(),
            requests: Requests::default(),
            previewed: Default::default(),
        })
    }

    /// Starts the embedded local vault (once); commands that need it wait for it anyway, so
    /// calling this early only makes the first listing faster.
    pub async fn start(&self) {
        self.vaults.ready().await;
    }

    /// Reaches Azure through `network` and keeps the accounts' cache keys in `keys`, instead
    /// of the environment's endpoints and the OS keyring (tests); before any account command.
    pub fn with_azure(
        self,
        network: azure::http::Network,
        keys: Arc<dyn azure::keys::KeyStore>,
    ) -> Self {
        self.accounts.use_azure(network, keys);
        self
    }

    /// Whether sign-ins outlive this run: without an OS keyring (or with
    /// `CERTDECK_KEY_STORE=memory`) they are kept in memory only, never written in plaintext.
    pub fn keeps_sign_ins(&self) -> bool {
        self.accounts.kept()
    }

    pub fn dirs(&self) -> &AppDirs {
        &self.dirs
    }

    pub fn log_file(&self) -> &Path {
        &self.log_file
    }

    /// Grants the paths of a native drop on the window (which the page cannot forge); returns
    /// the canonical paths of those that exist, which the UI then names.
    pub fn files_dropped(&self, paths: impl IntoIterator<Item = PathBuf>) -> Vec<PathBuf> {
        self.grants.grant(paths)
    }

    /// Grants the files named in `argv` (program first; flags skipped), relative ones taken
    /// from `cwd`: CertDeck's own command line, or a second launch's handed over. Returns the
    /// paths to announce as a drop now, or `None` while the UI is not listening yet: then
    /// they wait for the `take_opened_files` command.
    pub fn files_opened<I>(&self, argv: I, cwd: &Path) -> Option<Vec<PathBuf>>
    where
        I: IntoIterator,
        I::Item: Into<PathBuf>,
    {
        let paths = command_line::file_args(argv, cwd);
        if paths.is_empty() {
            return None;
        }
        self.opened_with.arrived(self.grants.grant_named(paths))
    }
}
