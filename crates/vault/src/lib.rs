//! Key Vault access for many vaults. No Tauri, no knowledge of the local vault's internals.

pub mod client_secret;
pub mod connection;
pub mod credential;
pub mod details;
pub mod error;
pub mod import;
pub mod listing;
pub mod local_admin;
pub mod registry;

pub use connection::VaultConnection;
pub use credential::CredentialKind;
pub use details::{CertificateDetails, PolicySummary};
pub use import::{DeletedName, ImportOptions, NameStatus};
pub use listing::{CertificateStatus, CertificateSummary, list_certificates, list_versions};
pub use local_admin::{SERVE_FILE, ServedVault, served_vault_url};
pub use registry::{Registry, VaultEntry, VaultId};
