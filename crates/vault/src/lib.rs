//! Key Vault access for many vaults. No Tauri, no knowledge of the local vault's internals.

#[macro_use]
mod service_strings;

pub mod client_secret;
pub mod connection;
pub mod contacts;
pub mod create;
pub mod credential;
pub mod details;
pub mod error;
pub mod import;
pub mod issuers;
pub mod listing;
pub mod local_admin;
pub mod operation;
pub mod policy;
pub mod properties;
pub mod registry;

pub use connection::VaultConnection;
pub use credential::CredentialKind;
pub use details::{CertificateDetails, PolicySummary};
pub use import::{DeletedName, ImportOptions, NameStatus};
pub use issuers::IssuerSummary;
pub use listing::{CertificateStatus, CertificateSummary, list_certificates, list_versions};
pub use local_admin::{SERVE_FILE, ServedVault, served_vault_url};
pub use operation::{OperationError, OperationOutcome, OperationStatus, PendingOperation};
pub use policy::field::policy_field_of;
pub use policy::{
    CertificatePolicy, KeyCurve, KeyType, KeyUsage, LifetimeAction, LifetimeActionType,
    LifetimeTrigger, PolicyAttributes, PolicyIssuer, PolicyKey, PolicySans, PolicySecret,
    PolicyX509, SELF_ISSUER, SecretContentType, UNKNOWN_ISSUER,
};
pub use registry::{Registry, VaultEntry, VaultId};
