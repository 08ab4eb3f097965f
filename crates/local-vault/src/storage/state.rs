//! One vault: its state in memory, written through to SQLite before each answer.
//!
//! The documents themselves (certificates, issuers, notifications) are the domain's: storage
//! only names their kinds ([`Documents`]), keeps them and writes them as JSON.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tokio::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::clock;
use crate::config::Delays;
use crate::error::Error;
use crate::storage::store::{Row, Store};
use crate::storage::tls::LocalCa;

/// The document types of a vault, chosen by the domain layer.
pub trait Documents {
    /// A certificate (`cert` rows).
    type Cert: Serialize + DeserializeOwned + Send + Sync;
    /// A configured issuer (`issuer` rows).
    type Issuer: Serialize + DeserializeOwned + Send + Sync;
    /// A recorded notification (`notification` rows).
    type Note: Serialize + DeserializeOwned + Send + Sync;
}

/// Per-vault settings.
#[derive(Clone, Serialize, Deserialize)]
pub struct VaultMeta {
    /// Creation time (real clock), orders vaults on restart.
    pub created: i64,
    /// Soft-delete retention, 7–90 days.
    pub retention_days: i64,
    /// What a delete leaves behind (vaults stored before this setting are the default).
    #[serde(default)]
    pub recovery: Recovery,
    /// Days added to the real clock by the admin API.
    pub shift_days: i64,
    /// Created at run time (admin API, `add_vault`): served again on restart.
    #[serde(default)]
    pub remembered: bool,
    /// Secret reads are refused with 403, as for a caller without the secret `get` permission
    /// (a certificate's private key is read through its secret): for tests of that refusal.
    #[serde(default)]
    pub deny_secret_get: bool,
}

/// What a delete leaves behind, as a vault's soft-delete and purge-protection settings decide.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recovery {
    /// Soft delete off: a delete is final.
    SoftDeleteOff,
    /// Soft delete: recoverable for the retention period, purgeable before it ends.
    #[default]
    Purgeable,
    /// Purge protection: recoverable, and only the retention period's end purges it.
    PurgeProtected,
}

impl VaultMeta {
    /// The settings of a vault created now.
    pub fn new(retention_days: i64, recovery: Recovery, remembered: bool) -> Self {
        VaultMeta {
            created: clock::real_now(),
            retention_days,
            recovery,
            shift_days: 0,
            remembered,
            deny_secret_get: false,
        }
    }
}

/// Lower-cased name: the key of certificates and issuers, whose names compare case-insensitively.
pub fn key_of(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// A contact as set with the contacts API.
pub type Contacts = serde_json::Value;

/// Everything a vault holds.
pub struct VaultState<D: Documents> {
    /// Settings.
    pub meta: VaultMeta,
    /// Certificates by lower-cased name.
    pub certs: BTreeMap<String, D::Cert>,
    /// Issuers by lower-cased name.
    pub issuers: BTreeMap<String, D::Issuer>,
    /// The contacts list, when set.
    pub contacts: Option<Contacts>,
    /// Recorded notifications, oldest first.
    pub notifications: Vec<D::Note>,
    /// Bumped by every write lock (see [`Vault::write`]): what was rendered from an older
    /// generation may be stale.
    generation: u64,
}

impl<D: Documents> VaultState<D> {
    /// An empty vault with these settings.
    pub fn new(meta: VaultMeta) -> Self {
        VaultState {
            meta,
            certs: BTreeMap::new(),
            issuers: BTreeMap::new(),
            contacts: None,
            notifications: Vec::new(),
            generation: 0,
        }
    }

    /// Which version of the contents this is; changes whenever they may have changed.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The vault clock in Unix seconds.
    pub fn now(&self) -> i64 {
        clock::vault_now(self.meta.shift_days)
    }
}

/// One change to persist and apply.
pub enum Change<D: Documents> {
    /// Put or delete a certificate.
    Cert(String, Option<Box<D::Cert>>),
    /// Put or delete an issuer.
    Issuer(String, Option<D::Issuer>),
    /// Set or delete the contacts.
    Contacts(Option<Contacts>),
    /// Append a notification.
    Notify(D::Note),
    /// Replace the settings.
    Meta(VaultMeta),
}

/// A running vault.
pub struct Vault<D: Documents> {
    /// Its name.
    pub name: String,
    /// `https://127.0.0.1:PORT/`.
    pub url: String,
    /// Its state; writers hold the write lock across the database commit. Private so that
    /// every writer goes through [`Vault::write`], which bumps the generation.
    state: RwLock<VaultState<D>>,
    store: Store,
    /// The data directory's CA (signs `CertDeckLocalCA` certificates).
    pub ca: Arc<LocalCa>,
    /// Delays of asynchronous operations, deletions and recoveries.
    pub delays: Delays,
}

fn to_json<T: Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| Error::Db(e.to_string()))
}

impl<D: Documents> Vault<D> {
    /// Loads vault `name` from the store; `meta` are the settings of a new one.
    pub async fn load(
        name: &str,
        url: String,
        meta: VaultMeta,
        store: Store,
        ca: Arc<LocalCa>,
        delays: Delays,
    ) -> Result<Self, Error> {
        let mut state = VaultState::new(meta);
        let docs = store.load(name).await?;
        let fresh = !docs.iter().any(|d| d.kind == "meta");
        for doc in docs {
            let corrupt = |_| Error::Corrupt(format!("{name}/{}/{}", doc.kind, doc.key));
            match doc.kind.as_str() {
                "meta" => state.meta = serde_json::from_str(&doc.doc).map_err(corrupt)?,
                "cert" => {
                    state.certs.insert(
                        doc.key.clone(),
                        serde_json::from_str(&doc.doc).map_err(corrupt)?,
                    );
                }
                "issuer" => {
                    state.issuers.insert(
                        doc.key.clone(),
                        serde_json::from_str(&doc.doc).map_err(corrupt)?,
                    );
                }
                "contacts" => {
                    state.contacts = Some(serde_json::from_str(&doc.doc).map_err(corrupt)?)
                }
                "notification" => state
                    .notifications
                    .push(serde_json::from_str(&doc.doc).map_err(corrupt)?),
                _ => {}
            }
        }
        if fresh {
            let doc = serde_json::to_string(&state.meta).map_err(|e| Error::Db(e.to_string()))?;
            store
                .write(
                    name,
                    vec![Row {
                        kind: "meta",
                        key: String::new(),
                        doc: Some(doc),
                    }],
                )
                .await?;
        }
        Ok(Vault {
            name: name.to_string(),
            url,
            state: RwLock::new(state),
            store,
            ca,
            delays,
        })
    }

    /// Reads the state.
    pub async fn read(&self) -> RwLockReadGuard<'_, VaultState<D>> {
        self.state.read().await
    }

    /// Locks the state for writing. The generation moves on even if the writer ends up
    /// changing nothing: a cached response can never outlive a change.
    pub async fn write(&self) -> RwLockWriteGuard<'_, VaultState<D>> {
        let mut state = self.state.write().await;
        state.generation += 1;
        state
    }

    /// Persists `changes` in one transaction, then applies them to `state`.
    pub async fn commit(
        &self,
        state: &mut VaultState<D>,
        changes: Vec<Change<D>>,
    ) -> Result<(), Error> {
        let mut rows = Vec::with_capacity(changes.len());
        let mut next_note = state.notifications.len();
        for change in &changes {
            rows.push(match change {
                Change::Cert(key, cert) => Row {
                    kind: "cert",
                    key: key.clone(),
                    doc: cert.as_ref().map(to_json).transpose()?,
                },
                Change::Issuer(key, issuer) => Row {
                    kind: "issuer",
                    key: key.clone(),
                    doc: issuer.as_ref().map(to_json).transpose()?,
                },
                Change::Contacts(contacts) => Row {
                    kind: "contacts",
                    key: String::new(),
                    doc: contacts.as_ref().map(to_json).transpose()?,
                },
                Change::Notify(note) => {
                    next_note += 1;
                    Row {
                        kind: "notification",
                        key: format!("{next_note:012}"),
                        doc: Some(to_json(note)?),
                    }
                }
                Change::Meta(meta) => Row {
                    kind: "meta",
                    key: String::new(),
                    doc: Some(to_json(meta)?),
                },
            });
        }
        self.store.write(&self.name, rows).await?;
        for change in changes {
            match change {
                Change::Cert(key, Some(cert)) => drop(state.certs.insert(key, *cert)),
                Change::Cert(key, None) => drop(state.certs.remove(&key)),
                Change::Issuer(key, Some(issuer)) => drop(state.issuers.insert(key, issuer)),
                Change::Issuer(key, None) => drop(state.issuers.remove(&key)),
                Change::Contacts(contacts) => state.contacts = contacts,
                Change::Notify(note) => state.notifications.push(note),
                Change::Meta(meta) => state.meta = meta,
            }
        }
        Ok(())
    }

    /// Persists one certificate record (`None` deletes it).
    pub async fn put_cert(
        &self,
        state: &mut VaultState<D>,
        cert: Option<D::Cert>,
        name: &str,
    ) -> Result<(), Error> {
        self.commit(state, vec![Change::Cert(key_of(name), cert.map(Box::new))])
            .await
    }
}
