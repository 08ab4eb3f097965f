//! The user's vaults: the registry, one reused connection per vault, the embedded local
//! vault.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;
use vault::{CredentialKind, Registry, VaultConnection, VaultEntry, VaultId};

use crate::accounts::SignedInAccounts;
use crate::local_vault::EmbeddedLocalVault;
use errors::{Code, Error, Result};

/// The name the embedded local vault gets in the sidebar on first start.
const FIRST_LOCAL_VAULT: &str = "Local vault";

pub struct Vaults {
    registry: Mutex<Registry>,
    connections: Mutex<HashMap<VaultId, Arc<VaultConnection>>>,
    local: EmbeddedLocalVault,
    /// Where vaults of an account get their credential.
    accounts: Arc<SignedInAccounts>,
    /// Set once the embedded local vault has started (or failed to) and the registry's
    /// local URLs are current.
    ready: OnceCell<()>,
    first_start: bool,
}

impl Vaults {
    /// Loads the registry; the local vault starts on the first call to [`Vaults::ready`].
    pub fn load(
        registry_file: PathBuf,
        local_data_dir: PathBuf,
        accounts: Arc<SignedInAccounts>,
    ) -> Result<Self> {
        let first_start = !registry_file.exists();
        Ok(Self {
            registry: Mutex::new(Registry::load(&registry_file)?),
            connections: Mutex::default(),
            local: EmbeddedLocalVault::new(local_data_dir),
            accounts,
            ready: OnceCell::new(),
            first_start,
        })
    }

    /// Starts the embedded local vault once and points the registry's local vaults at it.
    /// A failure is kept and reported by each local vault, never by the whole app.
    pub async fn ready(&self) -> &Self {
        self.ready
            .get_or_init(|| async {
                let local_names = self.with_registry(|reg| {
                    reg.vaults()
                        .iter()
                        .filter_map(|v| v.local_name.clone())
                        .collect::<Vec<_>>()
                });
                let seed = if self.first_start {
                    vec![vault_slug(FIRST_LOCAL_VAULT)]
                } else {
                    local_names
                };
                match self.local.start(seed).await {
                    Ok(endpoints) => self.adopt_local_endpoints(&endpoints),
                    Err(err) => tracing::error!("the local vault did not start: {err}"),
                }
            })
            .await;
        self
    }

    fn adopt_local_endpoints(&self, endpoints: &[local_vault::VaultEndpoint]) {
        let credential = self.local.credential();
        let result = self.with_registry(|reg| -> Result<()> {
            if self.first_start && reg.vaults().is_empty() {
                let first = &endpoints[0];
                reg.add_local(
                    &first.url,
                    FIRST_LOCAL_VAULT,
                    &first.name,
                    credential.clone(),
                )?;
            }
            let local: Vec<_> = reg
                .vaults()
                .iter()
                .filter_map(|v| Some((v.id, v.local_name.clone()?)))
                .collect();
            for (id, name) in local {
                if let Some(endpoint) = endpoints.iter().find(|e| e.name == name) {
                    reg.set_url(id, &endpoint.url)?;
                }
            }
            Ok(())
        });
        if let Err(err) = result {
            tracing::error!("could not record the local vault's addresses: {err}");
        }
    }

    pub fn list(&self) -> Vec<VaultEntry> {
        self.with_registry(|reg| reg.vaults().to_vec())
    }

    pub async fn add_local(&self, name: &str) -> Result<VaultEntry> {
        let slug = vault_slug(name);
        if slug.is_empty() {
            return Err(Error::new(
                Code::InvalidInput,
                "A local vault name needs at least one letter or digit.",
            ));
        }
        let endpoint = self.local.add_vault(&slug).await?;
        let credential = self.local.credential();
        self.with_registry(|reg| reg.add_local(&endpoint.url, name, &slug, credential))
    }

    pub fn add_azure(
        &self,
        url: &str,
        name: Option<&str>,
        credential: CredentialKind,
    ) -> Result<VaultEntry> {
        if matches!(credential, CredentialKind::LocalVault { .. }) {
            return Err(Error::new(
                Code::InvalidInput,
                "Add local vaults with \"Local vault\", not by URL.",
            ));
        }
        self.with_registry(|reg| reg.add(url, name, credential))
    }

    /// Applies a change to the registry and returns the new list.
    pub fn change(
        &self,
        edit: impl FnOnce(&mut Registry) -> Result<()>,
    ) -> Result<Vec<VaultEntry>> {
        self.with_registry(|reg| {
            edit(reg)?;
            Ok(reg.vaults().to_vec())
        })
    }

    pub fn remove(&self, id: VaultId) -> Result<Vec<VaultEntry>> {
        let list = self.change(|reg| reg.remove(id).map(drop))?;
        self.lock_connections().remove(&id);
        Ok(list)
    }

    /// Drops the connections of `account`'s vaults: their next use asks for its credential
    /// again (and says the account is signed out).
    pub fn forget_account(&self, account: &str) {
        self.lock_connections().retain(|_, open| {
            !matches!(&open.entry.credential,
                CredentialKind::Account { account: of, .. } if of == account)
        });
    }

    /// The vault's connection, opened on first use and reused while its entry is unchanged.
    pub async fn connect(&self, id: VaultId) -> Result<Arc<VaultConnection>> {
        self.ready().await;
        let entry = self.with_registry(|reg| reg.get(id).cloned())?;
        if entry.local_name.is_some() {
            self.local.check_running(&entry.name)?;
        }
        let mut connections = self.lock_connections();
        if let Some(open) = connections.get(&id).filter(|c| c.entry == entry) {
            return Ok(open.clone());
        }
        let opened = Arc::new(match &entry.credential {
            CredentialKind::Account { account, tenant_id } => {
                self.accounts.connect(&entry, account, tenant_id)?
            }
            _ => VaultConnection::open(&entry)?,
        });
        connections.insert(id, opened.clone());
        Ok(opened)
    }

    fn with_registry<T>(&self, f: impl FnOnce(&mut Registry) -> T) -> T {
        f(&mut self.registry.lock().unwrap_or_else(|e| e.into_inner()))
    }

    fn lock_connections(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<VaultId, Arc<VaultConnection>>> {
        self.connections.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A local vault's name on the server: `0-9a-zA-Z-` only, as Key Vault names.
fn vault_slug(name: &str) -> String {
    let slug: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    slug.split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .take(63)
        .collect()
}

#[cfg(test)]
mod tests {
    use futures::TryStreamExt;

    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    fn load(dir: &std::path::Path) -> Vaults {
        std::fs::create_dir_all(dir.join("config")).unwrap();
        Vaults::load(
            dir.join("config/vaults.json"),
            dir.join("data/local-vault"),
            Arc::new(SignedInAccounts::new(dir.join("data/accounts"))),
        )
        .unwrap()
    }

    #[test]
    fn first_start_shows_the_local_vault_and_a_restart_keeps_the_list() {
        let dir = tempfile::tempdir().unwrap();
        let first_url = runtime().block_on(async {
            let vaults = load(dir.path());
            let list = vaults.ready().await.list();
            assert_eq!(list.len(), 1);
            assert_eq!(list[0].name, FIRST_LOCAL_VAULT);
            assert_eq!(list[0].local_name.as_deref(), Some("local-vault"));

            let names = vaults
                .connect(list[0].id)
                .await
                .unwrap()
                .add_samples()
                .await;
            assert_eq!(names.unwrap().len(), 5);
            let second = vaults.add_local("Team B").await.unwrap();
            assert_eq!(second.local_name.as_deref(), Some("team-b"));
            vaults.remove(list[0].id).unwrap();
            vaults.add_local("Local vault").await.unwrap().url
        });
        // The runtime is gone, and with it the local vault's servers and lock.
        runtime().block_on(async {
            let vaults = load(dir.path());
            let list = vaults.ready().await.list();
            let names: Vec<_> = list.iter().map(|v| v.name.as_str()).collect();
            assert_eq!(
                names,
                ["Team B", "Local vault"],
                "no second default appears"
            );
            let readded = &list[1];
            assert_ne!(readded.url, first_url, "ports are assigned again on start");
            let connection = vaults.connect(readded.id).await.unwrap();
            let pages: Vec<Vec<_>> = vault::list_certificates(&connection)
                .try_collect()
                .await
                .unwrap();
            assert_eq!(
                pages.concat().len(),
                5,
                "the samples survived, in the re-added vault"
            );
        });
    }

    #[test]
    fn bad_names_and_local_credentials_by_url_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        runtime().block_on(async {
            let vaults = load(dir.path());
            vaults.ready().await;
            let err = vaults.add_local(" !! ").await.unwrap_err();
            assert_eq!(err.code, Code::InvalidInput);
            let err = vaults
                .add_azure(
                    "https://127.0.0.1:1/",
                    None,
                    CredentialKind::LocalVault {
                        data_dir: dir.path().into(),
                    },
                )
                .unwrap_err();
            assert_eq!(err.code, Code::InvalidInput);
            let err = vaults
                .add_azure(
                    "http://x.vault.azure.net",
                    None,
                    CredentialKind::DeveloperTools,
                )
                .unwrap_err();
            assert_eq!(err.code, Code::InvalidVaultUrl);
            assert_eq!(vaults.list().len(), 1, "nothing was added");
        });
    }
}
