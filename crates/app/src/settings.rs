//! User preferences kept in `settings.json` in the config dir.

use std::path::Path;

use errors::{Code, Error, Result};
use serde::{Deserialize, Serialize};

/// How the UI picks light or dark colours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ThemePreference {
    /// Follow the operating system.
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Settings {
    pub theme: ThemePreference,
}

impl Settings {
    /// Reads the settings; a missing file means defaults. A damaged file is reported, not
    /// silently replaced, so the user does not lose their choices unknowingly.
    pub fn load(path: &Path) -> Result<Self> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(err) => return Err(Error::io("read", path, &err)),
        };
        serde_json::from_str(&text).map_err(|err| {
            Error::new(
                Code::Io,
                format!("Settings file {} is damaged: {err}", path.display()),
            )
            .with_hint("Fix or delete the file; CertDeck then starts with default settings.")
        })
    }

    /// Writes the settings whole or not at all, readable by the user alone.
    pub fn save(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self).expect("settings always serialize");
        files::write_private(path, &json).map_err(|err| Error::io("write", path, &err))
    }
}

impl crate::App {
    pub(crate) fn settings(&self) -> Settings {
        self.lock_settings().clone()
    }

    /// Applies `change`, saves, and only then makes it the current settings.
    pub(crate) fn update_settings(&self, change: impl FnOnce(&mut Settings)) -> Result<Settings> {
        let mut current = self.lock_settings();
        let mut next = current.clone();
        change(&mut next);
        next.save(&self.dirs().settings_file())?;
        *current = next.clone();
        tracing::info!(theme = ?next.theme, "settings saved");
        Ok(next)
    }

    fn lock_settings(&self) -> std::sync::MutexGuard<'_, Settings> {
        self.settings.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_gives_defaults_and_save_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        assert_eq!(Settings::load(&path).unwrap(), Settings::default());

        let dark = Settings {
            theme: ThemePreference::Dark,
        };
        dark.save(&path).unwrap();
        assert_eq!(Settings::load(&path).unwrap(), dark);
        assert!(std::fs::read_to_string(&path).unwrap().contains("\"dark\""));
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the user's alone");
    }

    #[test]
    fn damaged_file_is_reported_with_a_hint() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, "{ not json").unwrap();
        let err = Settings::load(&path).unwrap_err();
        assert!(err.message.contains("damaged"), "{}", err.message);
        assert!(err.hint.unwrap().contains("delete"));
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, r#"{"theme":"light","future":1}"#).unwrap();
        assert_eq!(Settings::load(&path).unwrap().theme, ThemePreference::Light);
    }
}
