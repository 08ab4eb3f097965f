//! Key Vault access for many vaults. No Tauri, no knowledge of the local vault's internals.

pub mod connection;
pub mod credential;
pub mod error;
pub mod listing;
pub mod registry;

pub use connection::VaultConnection;
pub use credential::CredentialKind;
pub use error::{ErrorCode, VaultError};
pub use listing::{CertificateStatus, CertificateSummary, list_certificates};
pub use registry::{Registry, VaultEntry, VaultId};
