//! Persistence: the data directory, SQLite, the CA and each vault's state.

pub mod datadir;
pub mod state;
pub mod store;
pub mod tls;
