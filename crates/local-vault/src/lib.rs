//! A Key Vault-compatible certificates data plane served over HTTPS on 127.0.0.1.
//!
//! Each vault listens on its own port (clients cannot use a path prefix) and answers the 27
//! certificate operations of api-version 2025-07-01, the key and secret reads a certificate
//! implies, and an admin API under `/_certdeck/`. State lives in SQLite in the data directory.

mod clock;
mod domain;
mod http;
mod ids;
mod server;
mod storage;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub use domain::error::ApiError;

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
}

impl Config {
    /// A configuration serving one vault named `local` on an OS-chosen port.
    pub fn new(data_dir: impl Into<PathBuf>) -> Config {
        Config {
            data_dir: data_dir.into(),
            vaults: vec!["local".to_string()],
            first_port: None,
            operation_delay: Duration::from_secs(1),
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

/// Why the local vault could not start or change.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file in the data directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The database failed.
    #[error("database: {0}")]
    Db(String),
    /// Key or certificate generation failed.
    #[error("crypto: {0}")]
    Crypto(String),
    /// The TLS configuration could not be built.
    #[error("tls: {0}")]
    Tls(String),
    /// A stored file or record is unreadable.
    #[error("corrupt data: {0}")]
    Corrupt(String),
    /// A vault name is invalid or already used.
    #[error("{0}")]
    InvalidVault(String),
    /// Another process serves this data directory.
    #[error("{0} is in use by another local vault process")]
    Busy(PathBuf),
    /// A port could not be bound.
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind {
        /// The port.
        port: u16,
        /// The cause.
        source: std::io::Error,
    },
}

impl Error {
    fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    fn db(e: rusqlite::Error) -> Error {
        Error::Db(e.to_string())
    }

    fn crypto(e: rcgen::Error) -> Error {
        Error::Crypto(e.to_string())
    }
}

/// A running local vault process: every vault's HTTPS server, sharing one data directory.
pub struct LocalVault {
    shared: Arc<server::Shared>,
}

impl LocalVault {
    /// Starts every vault; returns once each accepts connections. Restarting on the same data
    /// directory keeps the CA, the token and the contents.
    pub async fn start(config: Config) -> Result<LocalVault, Error> {
        Ok(LocalVault {
            shared: server::Shared::start(config).await?,
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
        self.shared.add_vault(name, None, true).await
    }

    /// Stops every vault, letting in-flight requests finish.
    pub async fn shutdown(self) {
        self.shared.stop_all().await;
    }
}
