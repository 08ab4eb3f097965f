//! The accounts signed in from CertDeck, shared by the app and the CLI through the data dir,
//! and the credentials (and HTTP client) the vaults of an account use.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use azure::accounts::{Account, Accounts};
use azure::discovery::TenantTokens;
use azure::http::Network;
use azure::keys::{KeyStore, MemoryKeyStore, default_key_store};
use azure_core::credentials::TokenCredential;
use errors::{Code, Error, Result};
use vault::{VaultConnection, VaultEntry};

/// `memory` keeps sign-ins in memory for this run only (tests, shared machines); otherwise
/// the OS keyring keeps the cache keys when it answers.
pub const KEY_STORE_ENV: &str = "CERTDECK_KEY_STORE";

fn chosen_key_store() -> Arc<dyn KeyStore> {
    if std::env::var(KEY_STORE_ENV).is_ok_and(|store| store == "memory") {
        return Arc::new(MemoryKeyStore::default());
    }
    default_key_store()
}

/// Opened on first use: opening probes the OS keyring and reads the environment's endpoints,
/// which neither the app's start nor the vaults without an account should wait for or fail on.
pub struct SignedInAccounts {
    dir: PathBuf,
    keys: OnceLock<Arc<dyn KeyStore>>,
    network: OnceLock<Network>,
    opened: OnceLock<Accounts>,
}

impl SignedInAccounts {
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            keys: OnceLock::new(),
            network: OnceLock::new(),
            opened: OnceLock::new(),
        }
    }

    /// Reaches Azure through `network` and keeps cache keys in `keys` instead of the
    /// environment's endpoints and the OS keyring; only before the first use.
    pub fn use_azure(&self, network: Network, keys: Arc<dyn KeyStore>) {
        if self.network.set(network).is_err() || self.keys.set(keys).is_err() {
            tracing::warn!("the accounts' network and key store were chosen already");
        }
    }

    /// The endpoints and HTTP client of sign-in, discovery and the vaults of accounts.
    pub fn network(&self) -> Result<&Network> {
        if let Some(network) = self.network.get() {
            return Ok(network);
        }
        let network = Network::from_env()?;
        Ok(self.network.get_or_init(|| network))
    }

    pub fn get(&self) -> Result<&Accounts> {
        if let Some(accounts) = self.opened.get() {
            return Ok(accounts);
        }
        let keys = self.keys.get_or_init(chosen_key_store).clone();
        let accounts = Accounts::open_with(&self.dir, keys, self.network()?.clone())?;
        // A racing first use opened the same directory: either is as good.
        Ok(self.opened.get_or_init(|| accounts))
    }

    /// Whether sign-ins outlive this process (a keyring keeps their cache keys).
    pub fn kept(&self) -> bool {
        self.keys.get_or_init(chosen_key_store).persistent()
    }

    pub fn find(&self, account_id: &str) -> Result<Account> {
        self.get()?
            .list()
            .into_iter()
            .find(|account| account.id == account_id)
            .ok_or_else(|| {
                Error::new(
                    Code::NotSignedIn,
                    format!("No account {account_id} is signed in."),
                )
                .with_hint("Sign in with that account (Settings → Accounts), then retry.")
            })
    }

    /// Opens a vault of `account_id` in `tenant_id`: Key Vault tokens of the account's cloud,
    /// refreshed silently, over the client that also trusts `CERTDECK_EXTRA_CA_FILE`.
    pub fn connect(
        &self,
        entry: &VaultEntry,
        account_id: &str,
        tenant_id: &str,
    ) -> Result<VaultConnection> {
        let account = self.find(account_id)?;
        let network = self.network()?;
        let scope = network.endpoints(account.cloud).vault_scope;
        let credential = self.get()?.credential(account_id, tenant_id, &scope)?;
        VaultConnection::with_transport(entry, credential, azure::http::transport(&network.http))
    }

    /// The account's tokens per tenant, for discovery through ARM.
    pub fn tenant_tokens(&self, account_id: &str) -> Result<ArmTokens> {
        let account = self.find(account_id)?;
        Ok(ArmTokens {
            scope: self.network()?.endpoints(account.cloud).arm_scope,
            accounts: self.get()?.clone(),
            account,
        })
    }
}

/// ARM credentials of one account, per tenant.
pub struct ArmTokens {
    pub account: Account,
    accounts: Accounts,
    scope: String,
}

impl TenantTokens for ArmTokens {
    fn home_tenant(&self) -> String {
        self.account.home_tenant.clone()
    }

    fn credential(&self, tenant_id: &str) -> Result<Arc<dyn TokenCredential>> {
        self.accounts
            .credential(&self.account.id, tenant_id, &self.scope)
    }
}
