//! What a local vault process is asked to serve, and what it serves.

use std::path::PathBuf;
use std::time::Duration;

use crate::domain::recovery::VaultSettings;

/// How to run the local vault.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where the CA, token and database live (created with mode 0700).
    pub data_dir: PathBuf,
    /// Vaults to serve (created when new). Vaults created earlier at run time (admin API or
    /// [`LocalVault::add_vault`]) are served too, after these.
    pub vaults: Vec<String>,
    /// `None`: OS-chosen ports; `Some(n)`: ports n, n+1, …
    pub first_port: Option<u16>,
    /// Delay before asynchronous creates and signings complete.
    pub operation_delay: Duration,
    /// How long a deletion or recovery takes to settle, as on Key Vault, where both are
    /// asynchronous: meanwhile a deleted certificate cannot be read as deleted nor purged
    /// (409 `ObjectIsBeingDeleted`), a recovered one cannot be read yet, and the name cannot
    /// be reused. Zero completes both at once.
    pub deletion_delay: Duration,
    /// Soft-delete settings of the configured vaults that do not exist yet.
    pub vault_settings: VaultSettings,
}

/// The delays of a vault's asynchronous work.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Delays {
    /// Before creates and signings complete.
    pub operation: Duration,
    /// Before deletions and recoveries settle.
    pub deletion: Duration,
}

impl Config {
    /// A configuration serving one vault named `local` on an OS-chosen port, operations
    /// completing after a second, deletions and recoveries settling at once.
    pub fn new(data_dir: impl Into<PathBuf>) -> Config {
        Config {
            data_dir: data_dir.into(),
            vaults: vec!["local".to_string()],
            first_port: None,
            operation_delay: Duration::from_secs(1),
            deletion_delay: Duration::ZERO,
            vault_settings: VaultSettings::default(),
        }
    }
}

/// What one client may hold of the server: bounds on slow and idle connections.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Time for the TLS handshake, then for each request's header to arrive (an idle
    /// keep-alive connection is closed after it too).
    pub header_timeout: Duration,
    /// Time for a request's body to arrive once its header has; then 408 and the
    /// connection is closed.
    pub body_timeout: Duration,
    /// Open connections across every vault of the process; more are closed on accept.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(20),
            body_timeout: Duration::from_secs(60),
            max_connections: 512,
        }
    }
}

/// A served vault.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct VaultEndpoint {
    /// The vault's name.
    pub name: String,
    /// Its URL, `https://127.0.0.1:PORT/`.
    pub url: String,
}
