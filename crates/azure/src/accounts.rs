//! Signed-in accounts and their token cache. Each account's cache (its newest refresh token,
//! display claims, the tenants it reached, client id and cloud) is one file in the app's data
//! dir, sealed with AES-256-GCM under a random key kept in the `KeyStore`, mode 0600. Access
//! tokens are kept in memory per (account, tenant, scope) until near expiry, then refreshed
//! silently; a refresh that needs interaction is `Code::SignInRequired`, never a browser.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use azure_core::credentials::{AccessToken, Secret, TokenCredential, TokenRequestOptions};
use azure_core::time::{Duration, OffsetDateTime};
use errors::{Code, Error, Result};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::cloud::Cloud;
use crate::http::Network;
use crate::keys::{CacheKey, KeyStore};
use crate::oauth;
use crate::seal;
use crate::signin::{SignedIn, tenant_segment};

/// A signed-in account, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Account {
    /// `{oid}.{tid}`: the user's object id and home tenant.
    pub id: String,
    /// `preferred_username`, e.g. `ada@contoso.com`.
    pub username: String,
    pub name: String,
    pub home_tenant: String,
    pub cloud: Cloud,
}

/// What the cache file holds (sealed).
#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
struct Record {
    #[zeroize(skip)]
    account: Account,
    #[zeroize(skip)]
    client_id: String,
    /// The newest refresh token: Entra rotates them on every use.
    refresh_token: String,
    #[zeroize(skip)]
    known_tenants: Vec<String>,
}

struct Entry {
    record: Record,
    key: CacheKey,
}

/// An access token and when it stops being good.
struct Cached {
    token: Zeroizing<String>,
    expires_on: OffsetDateTime,
}

/// Refresh this long before expiry (the SDK asks again within 5 minutes of it).
const EARLY: Duration = Duration::minutes(6);

const EXTENSION: &str = "account";

/// Every account of this user, shared by the app and the CLI through `dir`.
#[derive(Clone)]
pub struct Accounts {
    inner: Arc<Inner>,
}

struct Inner {
    dir: PathBuf,
    keys: Arc<dyn KeyStore>,
    network: Network,
    entries: Mutex<BTreeMap<String, Entry>>,
    tokens: Mutex<HashMap<(String, String, String), Cached>>,
    /// One refresh at a time: two refreshes with the same rotating token would race.
    refreshing: tokio::sync::Mutex<()>,
}

impl Accounts {
    /// The accounts cached in `dir`, reaching Azure as the environment says.
    pub fn open(dir: &Path, keys: Arc<dyn KeyStore>) -> Result<Accounts> {
        Self::open_with(dir, keys, Network::from_env()?)
    }

    /// The accounts cached in `dir`, reaching Azure through `network`.
    pub fn open_with(dir: &Path, keys: Arc<dyn KeyStore>, network: Network) -> Result<Accounts> {
        let mut entries = BTreeMap::new();
        if keys.persistent() {
            create_private_dir(dir)?;
            let listing = std::fs::read_dir(dir).map_err(|err| Error::io("read", dir, &err))?;
            for path in listing.flatten().map(|entry| entry.path()) {
                if path.extension().is_some_and(|ext| ext == EXTENSION) {
                    match load(&path, keys.as_ref()) {
                        Ok(Some(entry)) => {
                            entries.insert(entry.record.account.id.clone(), entry);
                        }
                        Ok(None) => {}
                        Err(err) => tracing::warn!("skipping {}: {}", path.display(), err.message),
                    }
                }
            }
        }
        Ok(Accounts {
            inner: Arc::new(Inner {
                dir: dir.to_owned(),
                keys,
                network,
                entries: Mutex::new(entries),
                tokens: Mutex::new(HashMap::new()),
                refreshing: tokio::sync::Mutex::new(()),
            }),
        })
    }

    /// Every account, by user name.
    pub fn list(&self) -> Vec<Account> {
        let mut accounts: Vec<Account> = self
            .inner
            .entries()
            .values()
            .map(|entry| entry.record.account.clone())
            .collect();
        accounts.sort_by(|a, b| a.username.cmp(&b.username).then(a.id.cmp(&b.id)));
        accounts
    }

    /// Remembers a sign-in (replacing an earlier one of the same account).
    pub fn add(&self, signed_in: SignedIn) -> Result<Account> {
        let claims = &signed_in.claims;
        let id = format!("{}.{}", claims.oid, claims.tid);
        check_id(&id)?;
        let username = claims
            .preferred_username
            .clone()
            .unwrap_or_else(|| claims.oid.clone());
        let account = Account {
            name: claims.name.clone().unwrap_or_else(|| username.clone()),
            username,
            home_tenant: claims.tid.clone(),
            cloud: signed_in.cloud,
            id: id.clone(),
        };
        let key = match self.inner.entries().get(&id) {
            Some(entry) => entry.key.clone(),
            None => {
                let key = seal::new_key()?;
                self.inner.keys.set(&id, &key)?;
                key
            }
        };
        let record = Record {
            account: account.clone(),
            client_id: signed_in.client_id.clone(),
            refresh_token: signed_in.refresh_token.to_string(),
            known_tenants: vec![claims.tid.clone()],
        };
        self.inner.save(&record, &key)?;
        self.inner.forget_tokens(&id);
        self.inner.entries().insert(id, Entry { record, key });
        Ok(account)
    }

    /// Signs `account_id` out: its cache file, key and access tokens go.
    pub fn remove(&self, account_id: &str) -> Result<()> {
        let removed = self.inner.entries().remove(account_id);
        if removed.is_none() {
            return Err(not_signed_in(account_id));
        }
        self.inner.forget_tokens(account_id);
        let path = self.inner.path(account_id);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(Error::io("delete", &path, &err)),
        }
        self.inner.keys.delete(account_id)
    }

    /// A credential for `tenant_id` as `account_id`, for `scope` unless the caller asks for
    /// other scopes. It refreshes silently and never opens a browser.
    pub fn credential(
        &self,
        account_id: &str,
        tenant_id: &str,
        scope: &str,
    ) -> Result<Arc<dyn TokenCredential>> {
        if !self.inner.entries().contains_key(account_id) {
            return Err(not_signed_in(account_id));
        }
        tenant_segment(Some(tenant_id))?;
        Ok(Arc::new(AccountCredential {
            inner: self.inner.clone(),
            account: account_id.to_owned(),
            tenant: tenant_id.to_owned(),
            scope: scope.to_owned(),
        }))
    }

    /// An access token for `scope` in `tenant_id` as `account_id` (what the credential gives).
    pub async fn token(
        &self,
        account_id: &str,
        tenant_id: &str,
        scope: &str,
    ) -> Result<AccessToken> {
        self.inner.token(account_id, tenant_id, scope).await
    }
}

impl Inner {
    fn entries(&self) -> MutexGuard<'_, BTreeMap<String, Entry>> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn tokens(&self) -> MutexGuard<'_, HashMap<(String, String, String), Cached>> {
        self.tokens
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn forget_tokens(&self, account_id: &str) {
        self.tokens()
            .retain(|(account, _, _), _| account != account_id);
    }

    fn path(&self, account_id: &str) -> PathBuf {
        self.dir.join(format!("{account_id}.{EXTENSION}"))
    }

    /// Writes the sealed record (only where keys outlive the process).
    fn save(&self, record: &Record, key: &CacheKey) -> Result<()> {
        if !self.keys.persistent() {
            return Ok(());
        }
        let id = &record.account.id;
        let plain = Zeroizing::new(serde_json::to_vec(record).map_err(Error::internal)?);
        let sealed = seal::seal(key, id, &plain)?;
        let path = self.path(id);
        files::write_private(&path, &sealed).map_err(|err| Error::io("write", &path, &err))
    }

    fn cached(&self, key: &(String, String, String)) -> Option<AccessToken> {
        let tokens = self.tokens();
        let cached = tokens.get(key)?;
        (cached.expires_on - EARLY > OffsetDateTime::now_utc())
            .then(|| AccessToken::new(Secret::new(cached.token.to_string()), cached.expires_on))
    }

    async fn token(&self, account_id: &str, tenant_id: &str, scope: &str) -> Result<AccessToken> {
        let cache_key = (
            account_id.to_owned(),
            tenant_id.to_owned(),
            scope.to_owned(),
        );
        if let Some(token) = self.cached(&cache_key) {
            return Ok(token);
        }
        let _one_at_a_time = self.refreshing.lock().await;
        if let Some(token) = self.cached(&cache_key) {
            return Ok(token);
        }
        // Another process (the CLI, a second window) may have rotated the token since.
        self.reload(account_id)?;
        let (refresh_token, client_id, cloud, username) = {
            let entries = self.entries();
            let entry = entries
                .get(account_id)
                .ok_or_else(|| not_signed_in(account_id))?;
            (
                Zeroizing::new(entry.record.refresh_token.clone()),
                entry.record.client_id.clone(),
                entry.record.account.cloud,
                entry.record.account.username.clone(),
            )
        };
        let endpoints = self.network.endpoints(cloud);
        let scopes = format!("{scope} offline_access");
        let tokens = oauth::token(
            &self.network.http,
            &endpoints.oauth(tenant_segment(Some(tenant_id))?, "token")?,
            &[
                ("client_id", client_id.as_str()),
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token.as_str()),
                ("scope", scopes.as_str()),
            ],
        )
        .await
        .map_err(|err| in_tenant(err, &username, tenant_id))?;
        let expires_on = OffsetDateTime::now_utc()
            + Duration::seconds(i64::try_from(tokens.expires_in).unwrap_or(0));
        self.remember_refresh(account_id, tenant_id, tokens.refresh_token)?;
        self.tokens().insert(
            cache_key,
            Cached {
                token: tokens.access_token.clone(),
                expires_on,
            },
        );
        Ok(AccessToken::new(
            Secret::new(tokens.access_token.to_string()),
            expires_on,
        ))
    }

    /// Keeps the rotated refresh token and the tenant reached, on disk before anything else.
    fn remember_refresh(
        &self,
        account_id: &str,
        tenant_id: &str,
        rotated: Option<Zeroizing<String>>,
    ) -> Result<()> {
        let mut entries = self.entries();
        let entry = entries
            .get_mut(account_id)
            .ok_or_else(|| not_signed_in(account_id))?;
        let new_tenant = !entry
            .record
            .known_tenants
            .iter()
            .any(|known| known.eq_ignore_ascii_case(tenant_id));
        if new_tenant {
            entry.record.known_tenants.push(tenant_id.to_owned());
        }
        let rotated = rotated.filter(|token| **token != entry.record.refresh_token);
        if let Some(token) = &rotated {
            entry.record.refresh_token.zeroize();
            entry.record.refresh_token = token.to_string();
        }
        if new_tenant || rotated.is_some() {
            self.save(&entry.record, &entry.key)?;
        }
        Ok(())
    }

    /// Re-reads the account's file if it is there (a persistent store) and newer state.
    fn reload(&self, account_id: &str) -> Result<()> {
        if !self.keys.persistent() {
            return Ok(());
        }
        let path = self.path(account_id);
        match load(&path, self.keys.as_ref()) {
            Ok(Some(entry)) if entry.record.account.id == account_id => {
                self.entries().insert(account_id.to_owned(), entry);
                Ok(())
            }
            Ok(_) => {
                // Signed out elsewhere (file or key gone).
                self.entries().remove(account_id);
                self.forget_tokens(account_id);
                Err(Error::new(
                    Code::SignInRequired,
                    format!("Account {account_id} was signed out."),
                )
                .with_hint("Sign in again."))
            }
            Err(err) => Err(err),
        }
    }
}

/// The account in `path`, or `None` when its file or key is gone for good (a key-less file
/// can never be read again, so it is removed).
fn load(path: &Path, keys: &dyn KeyStore) -> Result<Option<Entry>> {
    let Some(id) = path.file_stem().and_then(|stem| stem.to_str()) else {
        return Ok(None);
    };
    let sealed = match std::fs::read(path) {
        Ok(sealed) => sealed,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(Error::io("read", path, &err)),
    };
    let Some(key) = keys.get(id)? else {
        let _ = std::fs::remove_file(path);
        return Ok(None);
    };
    let plain = seal::open(&key, id, &sealed)?;
    let record: Record = serde_json::from_slice(&plain).map_err(|err| {
        Error::new(
            Code::Corrupt,
            format!("The sign-in cache of account {id} is unreadable: {err}"),
        )
        .with_hint("Sign out of the account and sign in again.")
    })?;
    Ok(Some(Entry { record, key }))
}

fn create_private_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|err| Error::io("create the folder", dir, &err))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|err| Error::io("restrict", dir, &err))?;
    }
    Ok(())
}

/// Account ids name files: `{oid}.{tid}`, GUIDs in practice.
fn check_id(id: &str) -> Result<()> {
    let valid = !id.is_empty()
        && !id.starts_with('.')
        && id.len() <= 200
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    if valid {
        Ok(())
    } else {
        Err(Error::new(
            Code::Service,
            "The sign-in service returned an account id CertDeck cannot store.",
        )
        .with_hint("Check CERTDECK_AUTHORITY_HOST: Entra ID names accounts by GUIDs."))
    }
}

fn not_signed_in(account_id: &str) -> Error {
    Error::new(
        Code::NotSignedIn,
        format!("No account {account_id} is signed in."),
    )
    .with_hint("Sign in in Settings → Accounts (or `certdeck-cli accounts login`).")
}

/// Names the account (by its username, as the user knows it, not its `oid.tid` id) and the
/// tenant in a refresh's error (a guest tenant may demand MFA the home one did not).
fn in_tenant(mut err: Error, username: &str, tenant_id: &str) -> Error {
    if err.code == Code::SignInRequired {
        err.message = format!(
            "{username} must sign in again for tenant {tenant_id}: {}",
            err.message
        );
    }
    err
}

/// `Accounts::credential`'s credential.
struct AccountCredential {
    inner: Arc<Inner>,
    account: String,
    tenant: String,
    scope: String,
}

impl fmt::Debug for AccountCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccountCredential")
            .field("account", &self.account)
            .field("tenant", &self.tenant)
            .field("scope", &self.scope)
            .finish()
    }
}

#[async_trait::async_trait]
impl TokenCredential for AccountCredential {
    async fn get_token(
        &self,
        scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        // Entra issues one resource per token: the first scope asked for, else our own.
        let scope = scopes.first().copied().unwrap_or(&self.scope);
        self.inner
            .token(&self.account, &self.tenant, scope)
            .await
            .map_err(|err| azure_core::Error::new(azure_core::error::ErrorKind::Credential, err))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_ids_are_safe_file_names() {
        assert!(
            check_id("6f1c0a2e-1111-2222-3333-444455556666.72f988bf-86f1-41af-91ab-2d7cd011db47")
                .is_ok()
        );
        for bad in ["../x.t", ".hidden", "a/b.t", "a b.t", ""] {
            assert_eq!(check_id(bad).unwrap_err().code, Code::Service, "{bad}");
        }
    }
}
