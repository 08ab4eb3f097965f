//! Where CertDeck keeps its configuration and data: the OS's standard places, unless
//! `CERTDECK_CONFIG_DIR` / `CERTDECK_DATA_DIR` say otherwise (tests always set both).

use std::path::{Path, PathBuf};

use errors::{Error, Result};

pub const CONFIG_DIR_ENV: &str = "CERTDECK_CONFIG_DIR";
pub const DATA_DIR_ENV: &str = "CERTDECK_DATA_DIR";

#[derive(Debug, Clone)]
pub struct AppDirs {
    pub config: PathBuf,
    pub data: PathBuf,
}

/// Matches `identifier` in tauri.conf.json, so the default folders are the ones Tauri would use.
pub const APP_ID: &str = "app.certdeck.desktop";

impl AppDirs {
    /// The user's standard folders (or the environment's overrides): the desktop app's and the
    /// CLI's, so both see the same vaults, settings and accounts.
    pub fn for_user() -> Result<Self> {
        let config = ::dirs::config_dir().unwrap_or_else(std::env::temp_dir);
        let data = ::dirs::data_dir().unwrap_or_else(std::env::temp_dir);
        Self::resolve(config.join(APP_ID), data.join(APP_ID))
    }

    /// Resolves both directories, preferring the environment overrides, and creates them.
    pub fn resolve(default_config: PathBuf, default_data: PathBuf) -> Result<Self> {
        let pick = |env: &str, default: PathBuf| {
            std::env::var_os(env)
                .filter(|value| !value.is_empty())
                .map(PathBuf::from)
                .unwrap_or(default)
        };
        let dirs = Self {
            config: pick(CONFIG_DIR_ENV, default_config),
            data: pick(DATA_DIR_ENV, default_data),
        };
        create_private_dir(&dirs.config)?;
        create_private_dir(&dirs.data)?;
        Ok(dirs)
    }

    pub fn settings_file(&self) -> PathBuf {
        self.config.join("settings.json")
    }

    pub fn window_state_file(&self) -> PathBuf {
        self.config.join("window-state.json")
    }

    /// The user's vault list.
    pub fn vaults_file(&self) -> PathBuf {
        self.config.join("vaults.json")
    }

    /// The built-in local vault's CA, token and database.
    pub fn local_vault_dir(&self) -> PathBuf {
        self.data.join("local-vault")
    }

    /// The signed-in accounts' encrypted token caches.
    pub fn accounts_dir(&self) -> PathBuf {
        self.data.join("accounts")
    }

    pub fn log_dir(&self) -> PathBuf {
        self.data.join("logs")
    }

    /// WebKit's own storage (local storage, caches), kept apart from the user's profile.
    pub fn webview_dir(&self) -> PathBuf {
        self.data.join("webview")
    }
}

/// Creates `dir` readable only by the user: it will hold vault credentials and key material.
fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .map_err(|err| Error::io("create the folder", dir, &err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_missing_dirs_privately() {
        let root = tempfile::tempdir().unwrap();
        let dirs =
            AppDirs::resolve(root.path().join("a/config"), root.path().join("b/data")).unwrap();
        assert!(dirs.config.is_dir() && dirs.data.is_dir());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&dirs.data).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        assert_eq!(
            dirs.settings_file(),
            root.path().join("a/config/settings.json")
        );
    }

    #[test]
    fn unusable_dir_is_an_io_error() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("file");
        std::fs::write(&file, b"x").unwrap();
        let err = AppDirs::resolve(file.join("config"), root.path().join("data")).unwrap_err();
        assert_eq!(err.code, errors::Code::Io);
    }
}
