//! Why the local vault could not start or change (the public error of the crate).

use std::path::{Path, PathBuf};

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
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn db(e: rusqlite::Error) -> Error {
        Error::Db(e.to_string())
    }

    pub(crate) fn crypto(e: rcgen::Error) -> Error {
        Error::Crypto(e.to_string())
    }
}
