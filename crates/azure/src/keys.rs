//! Where each account's cache key lives: a random 32-byte key in the OS keyring (Secret
//! Service, Keychain, Credential Manager). Only the key goes there — Entra's tokens exceed the
//! Windows credential size limit. Without a keyring (a headless session) keys live in memory
//! for this run, and the cache is never written: sign in each run, never plaintext.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use errors::{Code, Error, Result};
use zeroize::Zeroizing;

/// An account's AES-256 cache key.
pub type CacheKey = Zeroizing<[u8; 32]>;

/// Keeps one cache key per account id.
pub trait KeyStore: Send + Sync {
    /// The key of `account_id`; `None` if there is none (the cache can never be read again).
    fn get(&self, account_id: &str) -> Result<Option<CacheKey>>;
    fn set(&self, account_id: &str, key: &CacheKey) -> Result<()>;
    /// Deletes the key; a missing one is not an error.
    fn delete(&self, account_id: &str) -> Result<()>;
    /// Whether keys outlive this process (if not, nothing is written to disk).
    fn persistent(&self) -> bool;
}

const SERVICE: &str = "CertDeck token cache";

/// The OS keyring.
pub struct KeyringStore;

impl KeyringStore {
    fn entry(account_id: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(SERVICE, account_id).map_err(unavailable)
    }
}

impl KeyStore for KeyringStore {
    fn get(&self, account_id: &str) -> Result<Option<CacheKey>> {
        match Self::entry(account_id)?.get_password() {
            Ok(encoded) => {
                let encoded = Zeroizing::new(encoded);
                let bytes = Zeroizing::new(STANDARD.decode(encoded.as_bytes()).map_err(|_| {
                    Error::new(
                        Code::Corrupt,
                        format!("The keyring's cache key for account {account_id} is damaged."),
                    )
                    .with_hint("Sign out of the account and sign in again.")
                })?);
                let mut key = Zeroizing::new([0u8; 32]);
                if bytes.len() != key.len() {
                    return Ok(None);
                }
                key.copy_from_slice(&bytes);
                Ok(Some(key))
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(err) => Err(unavailable(err)),
        }
    }

    fn set(&self, account_id: &str, key: &CacheKey) -> Result<()> {
        let encoded = Zeroizing::new(STANDARD.encode(&key[..]));
        Self::entry(account_id)?
            .set_password(&encoded)
            .map_err(unavailable)
    }

    fn delete(&self, account_id: &str) -> Result<()> {
        match Self::entry(account_id)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(err) => Err(unavailable(err)),
        }
    }

    fn persistent(&self) -> bool {
        true
    }
}

fn unavailable(err: keyring::Error) -> Error {
    Error::new(
        Code::NotSignedIn,
        format!("The OS keyring is unavailable: {err}"),
    )
    .with_hint(
        "CertDeck keeps the key of its sign-in cache in the OS keyring: unlock it (or install a Secret Service such as GNOME Keyring). Until then, sign-ins last only while CertDeck runs.",
    )
}

/// Keys for this run only (no keyring): accounts are forgotten when the process ends.
#[derive(Default)]
pub struct MemoryKeyStore(Mutex<HashMap<String, CacheKey>>);

impl MemoryKeyStore {
    fn keys(&self) -> std::sync::MutexGuard<'_, HashMap<String, CacheKey>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl KeyStore for MemoryKeyStore {
    fn get(&self, account_id: &str) -> Result<Option<CacheKey>> {
        Ok(self.keys().get(account_id).cloned())
    }

    fn set(&self, account_id: &str, key: &CacheKey) -> Result<()> {
        self.keys().insert(account_id.to_owned(), key.clone());
        Ok(())
    }

    fn delete(&self, account_id: &str) -> Result<()> {
        self.keys().remove(account_id);
        Ok(())
    }

    fn persistent(&self) -> bool {
        false
    }
}

/// The OS keyring if it answers, otherwise keys in memory for this run.
pub fn default_key_store() -> Arc<dyn KeyStore> {
    match KeyringStore::entry("probe").and_then(|entry| match entry.get_password() {
        Ok(_) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(err) => Err(unavailable(err)),
    }) {
        Ok(()) => Arc::new(KeyringStore),
        Err(err) => {
            tracing::warn!("{}; sign-ins are kept in memory only", err.message);
            Arc::new(MemoryKeyStore::default())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_keys_round_trip_and_are_not_persistent() {
        let store = MemoryKeyStore::default();
        assert!(store.get("a").unwrap().is_none());
        let key = Zeroizing::new([7u8; 32]);
        store.set("a", &key).unwrap();
        assert_eq!(*store.get("a").unwrap().unwrap(), [7u8; 32]);
        store.delete("a").unwrap();
        store.delete("a").unwrap();
        assert!(store.get("a").unwrap().is_none());
        assert!(!store.persistent());
    }

    #[test]
    fn keyring_keys_round_trip_as_base64() {
        keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
        // The mock keyring keeps nothing between entries: only the calls' results are checked.
        let store = KeyringStore;
        assert!(store.get("acct").unwrap().is_none());
        store.set("acct", &Zeroizing::new([1u8; 32])).unwrap();
        store.delete("acct").unwrap();
        assert!(store.persistent());
    }
}
