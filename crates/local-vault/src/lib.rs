//! A Key Vault-compatible certificates data plane served over HTTPS on 127.0.0.1.
//!
//! Each vault listens on its own port (clients cannot use a path prefix) and answers the 27
//! certificate operations of api-version 2025-07-01, the key and secret reads a certificate
//! implies, and an admin API under `/_certdeck/`. State lives in SQLite in the data directory.

mod clock;
mod config;
mod connections;
mod domain;
mod error;
#[doc(hidden)]
pub mod fuzzing;
mod http;
mod ids;
mod server;
mod storage;

use std::path::PathBuf;
use std::sync::Arc;

pub use config::{Config, Limits, VaultEndpoint};
pub use domain::ApiError;
pub use domain::recovery::VaultSettings;
pub use error::Error;

/// A running local vault process: every vault's HTTPS server, sharing one data directory.
pub struct LocalVault {
    shared: Arc<server::Shared>,
}

impl LocalVault {
    /// Starts every vault; returns once each accepts connections. Restarting on the same data
    /// directory keeps the CA, the token and the contents.
    pub async fn start(config: Config) -> Result<LocalVault, Error> {
        LocalVault::start_limited(config, Limits::default()).await
    }

    /// [`LocalVault::start`] with other bounds on slow and idle clients than the defaults.
    pub async fn start_limited(config: Config, limits: Limits) -> Result<LocalVault, Error> {
        Ok(LocalVault {
            shared: server::Shared::start(config, limits).await?,
        })
    }

    /// The served vaults, in start order.
    pub fn vaults(&self) -> Vec<VaultEndpoint> {
        self.shared.endpoints()
    }

    /// `DATA/ca.pem`: the CA clients must trust.
    pub fn ca_file(&self) -> PathBuf {
        self.shared.data_dir.join("ca.pem")
    }

    /// `DATA/token`: the bearer token file (mode 0600).
    pub fn token_file(&self) -> PathBuf {
        self.shared.data_dir.join("token")
    }

    /// The bearer token every request must carry.
    pub fn token(&self) -> &str {
        &self.shared.token
    }

    /// Creates (or reopens) vault `name` on a new port.
    pub async fn add_vault(&self, name: &str) -> Result<VaultEndpoint, Error> {
        self.shared
            .add_vault(name, &VaultSettings::default(), true)
            .await
    }

    /// Creates vault `name` with soft-delete `settings` (kept only when it is new).
    pub async fn add_vault_with(
        &self,
        name: &str,
        settings: &VaultSettings,
    ) -> Result<VaultEndpoint, Error> {
        self.shared.add_vault(name, settings, true).await
    }

    /// Makes vault `name` answer secret reads with 403, as Key Vault does a caller without the
    /// secret `get` permission (`deny` false allows them again); false if there is no such vault.
    pub async fn deny_secret_get(&self, name: &str, deny: bool) -> Result<bool, Error> {
        self.shared.deny_secret_get(name, deny).await
    }

    /// Stops every vault, letting in-flight requests finish.
    pub async fn shutdown(self) {
        self.shared.stop_all().await;
    }
}
