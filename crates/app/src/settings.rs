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
    /// The app registration sign-in uses; `None`: CertDeck's default, a placeholder to
    /// replace with your own (README, "Using a real Azure tenant").
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub sign_in_client_id: Option<String>,
    /// The tenant (id or domain) sign-in targets; `None`: any work or school account.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub sign_in_tenant: Option<String>,
    /// The page zoom in percent (Ctrl+= / Ctrl+-); `None`: 100 %. Kept here rather than in
    /// the webview's storage, which WebKit may not have written when the app quits.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub zoom_percent: Option<u16>,
}

/// The zooms the UI steps through, as browsers offer them.
pub(crate) const ZOOM_PERCENT: std::ops::RangeInclusive<u16> = 50..=300;

/// Checks a client id for Settings: a GUID, or nothing for the default.
pub(crate) fn client_id_setting(input: Option<&str>) -> Result<Option<String>> {
    let Some(id) = input.map(str::trim).filter(|id| !id.is_empty()) else {
        return Ok(None);
    };
    if !is_guid(id) {
        return Err(Error::new(
            Code::InvalidInput,
            format!("\"{id}\" is not a client id: it must be a GUID."),
        )
        .with_hint(
            "Copy the \"Application (client) ID\" from your app registration's overview, e.g. 11111111-2222-3333-4444-555555555555.",
        ));
    }
    Ok(Some(id.to_ascii_lowercase()))
}

/// Checks a tenant for sign-in: a tenant id (GUID) or a verified domain, or nothing.
pub fn tenant_setting(input: Option<&str>) -> Result<Option<String>> {
    let Some(tenant) = input.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if !is_guid(tenant) && !is_domain(tenant) {
        return Err(Error::new(
            Code::InvalidInput,
            format!("\"{tenant}\" is not a tenant: give its id (a GUID) or one of its domains."),
        )
        .with_hint(
            "For example contoso.onmicrosoft.com, or the \"Tenant ID\" from Entra ID's overview.",
        ));
    }
    Ok(Some(tenant.to_ascii_lowercase()))
}

/// `8-4-4-4-12` hex digits, the form Entra shows ids in.
fn is_guid(text: &str) -> bool {
    let groups: Vec<_> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.chars().all(|c| c.is_ascii_hexdigit()))
}

/// A DNS name of two labels or more: letters, digits and inner hyphens.
fn is_domain(text: &str) -> bool {
    let labels: Vec<_> = text.split('.').collect();
    text.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|label| {
            (1..=63).contains(&label.len())
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
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
        tracing::info!(theme = ?next.theme, client_id = ?next.sign_in_client_id, tenant = ?next.sign_in_tenant, "settings saved");
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
            sign_in_client_id: Some("11111111-2222-3333-4444-555555555555".into()),
            sign_in_tenant: None,
            zoom_percent: Some(150),
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
    fn sign_in_fields_are_checked_and_normalised() {
        let guid = "11111111-2222-3333-4444-55555555AAAA";
        assert_eq!(
            client_id_setting(Some(&format!(" {guid} ")))
                .unwrap()
                .as_deref(),
            Some("11111111-2222-3333-4444-55555555aaaa")
        );
        assert_eq!(client_id_setting(Some("  ")).unwrap(), None);
        for bad in [
            "contoso",
            "11111111-2222-3333-4444-5555555555",
            "{11111111-2222-3333-4444-555555555555}",
        ] {
            let err = client_id_setting(Some(bad)).unwrap_err();
            assert_eq!(err.code, Code::InvalidInput, "{bad}");
            assert!(err.message.contains("GUID"), "{}", err.message);
            assert!(err.hint.is_some());
        }
        assert_eq!(
            tenant_setting(Some("Contoso.onmicrosoft.com"))
                .unwrap()
                .as_deref(),
            Some("contoso.onmicrosoft.com")
        );
        assert_eq!(
            tenant_setting(Some(guid)).unwrap().as_deref(),
            Some(&*guid.to_ascii_lowercase())
        );
        assert_eq!(tenant_setting(None).unwrap(), None);
        for bad in [
            "contoso",
            "-a.com",
            "a..com",
            "https://contoso.com",
            "a b.com",
        ] {
            let err = tenant_setting(Some(bad)).unwrap_err();
            assert_eq!(err.code, Code::InvalidInput, "{bad}");
            assert!(err.message.contains(bad), "{}", err.message);
        }
    }

    #[test]
    fn a_file_from_before_sign_in_loads_with_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, r#"{"theme":"dark"}"#).unwrap();
        let loaded = Settings::load(&path).unwrap();
        assert_eq!(loaded.theme, ThemePreference::Dark);
        assert_eq!(
            (loaded.sign_in_client_id, loaded.sign_in_tenant),
            (None, None)
        );
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, r#"{"theme":"light","future":1}"#).unwrap();
        assert_eq!(Settings::load(&path).unwrap().theme, ThemePreference::Light);
    }
}
