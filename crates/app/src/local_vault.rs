//! The built-in local vault, run in-process as the app's offline default. The app reaches
//! it only over HTTPS, like any vault; this module just starts it and adds vaults to it.

use std::path::PathBuf;
use std::time::Duration;

use local_vault::{Config, LocalVault, VaultEndpoint};
use vault::CredentialKind;

use errors::{Code, Error, Result};

pub struct EmbeddedLocalVault {
    data_dir: PathBuf,
    /// Empty until started; `Err` keeps why it could not start.
    server: tokio::sync::OnceCell<Result<LocalVault, String>>,
}

impl EmbeddedLocalVault {
    pub fn new(data_dir: PathBuf) -> Self {
        Self {
            data_dir,
            server: tokio::sync::OnceCell::new(),
        }
    }

    /// How vaults of this local vault sign in: its token and CA in its data dir.
    pub fn credential(&self) -> CredentialKind {
        CredentialKind::LocalVault {
            data_dir: self.data_dir.clone(),
        }
    }

    /// Starts serving `seed` plus every vault created before; returns all endpoints.
    pub async fn start(&self, seed: Vec<String>) -> Result<Vec<VaultEndpoint>, String> {
        let started = self
            .server
            .get_or_init(|| async {
                LocalVault::start(Config {
                    data_dir: self.data_dir.clone(),
                    vaults: seed,
                    first_port: None,
                    operation_delay: Duration::from_secs(2),
                    // Key Vault takes seconds to settle a delete or a recover; the built-in
                    // vault does too, so CertDeck's own flows meet the real timing.
                    deletion_delay: Duration::from_secs(2),
                    vault_settings: Default::default(),
                })
                .await
                .map_err(|err| err.to_string())
            })
            .await;
        Ok(started.as_ref().map_err(Clone::clone)?.vaults())
    }

    /// Serves vault `name` (reopening it if it was created before).
    pub async fn add_vault(&self, name: &str) -> Result<VaultEndpoint> {
        let server = self.running()?;
        match server.vaults().into_iter().find(|v| v.name == name) {
            Some(served) => Ok(served),
            None => server
                .add_vault(name)
                .await
                .map_err(|err| Error::new(Code::InvalidInput, err.to_string())),
        }
    }

    /// Fails with the start error when the local vault is not running.
    pub fn check_running(&self, vault_name: &str) -> Result<()> {
        self.running().map(drop).map_err(|err| {
            Error::new(
                Code::LocalVaultUnavailable,
                format!("{vault_name} is unavailable: {}", err.message),
            )
            .with_hint(
                "Another CertDeck window may be using the local vault: close it and restart CertDeck.",
            )
        })
    }

    fn running(&self) -> Result<&LocalVault> {
        match self.server.get() {
            Some(Ok(server)) => Ok(server),
            Some(Err(why)) => Err(Error::new(
                Code::LocalVaultUnavailable,
                format!("The local vault did not start: {why}"),
            )),
            None => Err(Error::new(
                Code::LocalVaultUnavailable,
                "The local vault has not started yet.",
            )),
        }
    }
}
