//! The vaults a user has added, persisted as `vaults.json` in the config dir.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use url::Url;

use crate::credential::CredentialKind;
use crate::error::{Code, Error};

/// A registry-unique vault id, stable across renames and reorders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VaultId(pub u32);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VaultEntry {
    pub id: VaultId,
    /// What the sidebar shows; defaults to the vault's host name.
    pub name: String,
    /// Normalised `https://host[:port]/`.
    pub url: String,
    pub credential: CredentialKind,
    /// A CSS colour for the sidebar label, if the user picked one.
    pub color: Option<String>,
    /// For a vault of the app's embedded local vault: its name there. Its port, and so its
    /// URL, is assigned again on every start.
    #[serde(default)]
    pub local_name: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    next_id: u32,
    vaults: Vec<VaultEntry>,
}

/// The persisted vault list. Every change is written before it is reported as done.
#[derive(Debug)]
pub struct Registry {
    path: PathBuf,
    stored: Stored,
}

const MAX_NAME: usize = 64;

impl Registry {
    /// Loads `path`; a missing file is an empty registry, a damaged one an error (never
    /// silently replaced, so the user's list is not lost).
    pub fn load(path: &Path) -> Result<Self, Error> {
        let stored = match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|err| {
                Error::new(
                    Code::Io,
                    format!("The vault list {} is damaged: {err}", path.display()),
                )
                .with_hint("Fix or move the file away; CertDeck then starts with an empty list.")
            })?,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Stored::default(),
            Err(err) => return Err(io_error("read", path, &err)),
        };
        Ok(Self {
            path: path.to_owned(),
            stored,
        })
    }

    pub fn vaults(&self) -> &[VaultEntry] {
        &self.stored.vaults
    }

    pub fn get(&self, id: VaultId) -> Result<&VaultEntry, Error> {
        self.stored
            .vaults
            .iter()
            .find(|v| v.id == id)
            .ok_or_else(|| unknown(id))
    }

    /// Adds a vault by URL; `name` defaults to the URL's host.
    pub fn add(
        &mut self,
        url: &str,
        name: Option<&str>,
        credential: CredentialKind,
    ) -> Result<VaultEntry, Error> {
        self.insert(url, name, credential, None)
    }

    /// Adds a vault of the embedded local vault, served at `url` for now.
    pub fn add_local(
        &mut self,
        url: &str,
        name: &str,
        local_name: &str,
        credential: CredentialKind,
    ) -> Result<VaultEntry, Error> {
        self.insert(url, Some(name), credential, Some(local_name.to_owned()))
    }

    /// Records where an embedded local vault listens after a start.
    pub fn set_url(&mut self, id: VaultId, url: &str) -> Result<(), Error> {
        let url = parse_vault_url(url)?.to_string();
        let index = self.index(id)?;
        if self.stored.vaults[index].url == url {
            return Ok(());
        }
        self.change(|stored| stored.vaults[index].url = url)
    }

    fn insert(
        &mut self,
        url: &str,
        name: Option<&str>,
        credential: CredentialKind,
        local_name: Option<String>,
    ) -> Result<VaultEntry, Error> {
        let url = parse_vault_url(url)?;
        if let Some(existing) = self.stored.vaults.iter().find(|v| v.url == url.as_str()) {
            return Err(Error::new(
                Code::Conflict,
                format!("{url} is already in the list as \"{}\"", existing.name),
            ));
        }
        let name = match name {
            Some(name) => valid_name(name)?,
            None => url.host_str().unwrap_or_default().to_owned(),
        };
        let entry = VaultEntry {
            id: VaultId(self.stored.next_id),
            name,
            url: url.to_string(),
            credential,
            color: None,
            local_name,
        };
        self.change(|stored| {
            stored.next_id += 1;
            stored.vaults.push(entry.clone());
        })?;
        Ok(entry)
    }

    pub fn rename(&mut self, id: VaultId, name: &str) -> Result<(), Error> {
        let name = valid_name(name)?;
        let index = self.index(id)?;
        self.change(|stored| stored.vaults[index].name = name)
    }

    pub fn set_color(&mut self, id: VaultId, color: Option<String>) -> Result<(), Error> {
        let index = self.index(id)?;
        self.change(|stored| stored.vaults[index].color = color)
    }

    pub fn remove(&mut self, id: VaultId) -> Result<VaultEntry, Error> {
        let index = self.index(id)?;
        let removed = self.stored.vaults[index].clone();
        self.change(|stored| {
            stored.vaults.remove(index);
        })?;
        Ok(removed)
    }

    /// Puts the vaults in the order of `ids`, which must name each vault exactly once.
    pub fn reorder(&mut self, ids: &[VaultId]) -> Result<(), Error> {
        let mut sorted: Vec<_> = ids.iter().map(|id| id.0).collect();
        sorted.sort_unstable();
        let mut current: Vec<_> = self.stored.vaults.iter().map(|v| v.id.0).collect();
        current.sort_unstable();
        if sorted != current {
            return Err(Error::new(
                Code::InvalidInput,
                "The new order must list every vault exactly once.",
            ));
        }
        self.change(|stored| {
            stored
                .vaults
                .sort_by_key(|v| ids.iter().position(|id| *id == v.id));
        })
    }

    fn index(&self, id: VaultId) -> Result<usize, Error> {
        self.stored
            .vaults
            .iter()
            .position(|v| v.id == id)
            .ok_or_else(|| unknown(id))
    }

    /// Applies `edit` to a copy, writes it atomically, and only then keeps it.
    fn change(&mut self, edit: impl FnOnce(&mut Stored)) -> Result<(), Error> {
        let mut next = Stored {
            next_id: self.stored.next_id,
            vaults: self.stored.vaults.clone(),
        };
        edit(&mut next);
        let json = serde_json::to_vec_pretty(&next).expect("registry always serializes");
        files::write_private(&self.path, &json)
            .map_err(|err| io_error("write", &self.path, &err))?;
        self.stored = next;
        Ok(())
    }
}

/// Checks and normalises a vault URL to `https://host[:port]/`.
pub fn parse_vault_url(input: &str) -> Result<Url, Error> {
    let invalid = |why: &str| {
        Error::new(
            Code::InvalidVaultUrl,
            format!("\"{}\" is not a vault URL: {why}", input.trim()),
        )
        .with_hint("A vault URL looks like https://my-vault.vault.azure.net/")
    };
    let url = Url::parse(input.trim()).map_err(|err| invalid(&err.to_string()))?;
    if url.scheme() != "https" {
        return Err(invalid("Key Vault is only reachable over https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("it has no host"));
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(
            "it must be the vault's address alone, without a path or query",
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("it must not carry a user name or password"));
    }
    Ok(url)
}

fn valid_name(name: &str) -> Result<String, Error> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME {
        return Err(Error::new(
            Code::InvalidInput,
            format!("A vault name needs 1 to {MAX_NAME} characters."),
        ));
    }
    Ok(name.to_owned())
}

fn unknown(id: VaultId) -> Error {
    Error::new(Code::NotFound, format!("No vault with id {}", id.0))
        .with_hint("The vault list changed meanwhile: refresh it.")
}

fn io_error(what: &str, path: &Path, err: &std::io::Error) -> Error {
    Error::new(
        Code::Io,
        format!("Could not {what} {}: {err}", path.display()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> (tempfile::TempDir, Registry) {
        let dir = tempfile::tempdir().unwrap();
        let registry = Registry::load(&dir.path().join("vaults.json")).unwrap();
        (dir, registry)
    }

    #[test]
    fn add_rename_reorder_remove_survive_a_reload() {
        let (dir, mut reg) = registry();
        let a = reg
            .add(
                "https://a.vault.azure.net",
                None,
                CredentialKind::DeveloperTools,
            )
            .unwrap();
        let b = reg
            .add(
                "https://B.vault.azure.net/",
                Some(" Prod "),
                CredentialKind::AzureCli { tenant_id: None },
            )
            .unwrap();
        assert_eq!(a.name, "a.vault.azure.net");
        assert_eq!(a.url, "https://a.vault.azure.net/");
        assert_eq!(b.name, "Prod");
        assert_eq!(b.url, "https://b.vault.azure.net/");

        reg.rename(a.id, "Staging").unwrap();
        reg.reorder(&[b.id, a.id]).unwrap();
        let reloaded = Registry::load(&dir.path().join("vaults.json")).unwrap();
        let names: Vec<_> = reloaded.vaults().iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["Prod", "Staging"]);

        reg.remove(b.id).unwrap();
        let c = reg
            .add(
                "https://c.vault.azure.net",
                None,
                CredentialKind::DeveloperTools,
            )
            .unwrap();
        assert_ne!(c.id, b.id, "ids are never reused");
        let reloaded = Registry::load(&dir.path().join("vaults.json")).unwrap();
        assert_eq!(reloaded.vaults().len(), 2);
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("vaults.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the user's alone");
    }

    #[test]
    fn rejects_bad_urls_with_specific_reasons() {
        for (url, why) in [
            ("http://a.vault.azure.net", "https"),
            ("https://a.vault.azure.net/secrets/x", "path"),
            ("https://a.vault.azure.net/?x=1", "path or query"),
            ("not a url", "relative URL"),
            ("https://user:pw@a.vault.azure.net/", "password"),
        ] {
            let err = parse_vault_url(url).unwrap_err();
            assert_eq!(err.code, Code::InvalidVaultUrl, "{url}");
            assert!(err.message.contains(why), "{url}: {}", err.message);
            assert!(err.hint.is_some());
        }
        assert_eq!(
            parse_vault_url(" https://127.0.0.1:8443 ")
                .unwrap()
                .as_str(),
            "https://127.0.0.1:8443/"
        );
    }

    #[test]
    fn duplicates_bad_names_and_bad_orders_change_nothing() {
        let (dir, mut reg) = registry();
        let a = reg
            .add(
                "https://a.vault.azure.net",
                None,
                CredentialKind::DeveloperTools,
            )
            .unwrap();
        let dup = reg
            .add(
                "https://A.vault.azure.net/",
                None,
                CredentialKind::DeveloperTools,
            )
            .unwrap_err();
        assert_eq!(dup.code, Code::Conflict);
        assert_eq!(
            reg.rename(a.id, "   ").unwrap_err().code,
            Code::InvalidInput
        );
        assert_eq!(
            reg.reorder(&[a.id, a.id]).unwrap_err().code,
            Code::InvalidInput
        );
        assert_eq!(reg.remove(VaultId(99)).unwrap_err().code, Code::NotFound);
        let reloaded = Registry::load(&dir.path().join("vaults.json")).unwrap();
        assert_eq!(reloaded.vaults(), reg.vaults());
        assert_eq!(reg.vaults().len(), 1);
    }

    #[test]
    fn a_damaged_file_is_reported_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vaults.json");
        std::fs::write(&path, b"{ nope").unwrap();
        let err = Registry::load(&path).unwrap_err();
        assert_eq!(err.code, Code::Io);
        assert!(err.message.contains("damaged"));
        assert_eq!(std::fs::read(&path).unwrap(), b"{ nope");
    }
}
