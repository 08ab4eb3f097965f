//! Key Vault access for many vaults. No Tauri, no knowledge of the local vault's internals.

#[macro_use]
mod service_strings;

pub mod backup;
pub mod client_secret;
pub mod connection;
pub mod contacts;
pub mod copy;
pub mod create;
pub mod credential;
pub mod deletion;
pub mod details;
pub mod download;
pub mod error;
pub mod import;
mod import_once;
pub mod issuers;
pub mod listing;
pub mod local_admin;
pub mod names;
pub mod operation;
pub mod policy;
pub mod properties;
pub mod registry;

pub use backup::{backup_certificate, restore_certificate};
pub use connection::VaultConnection;
pub use contacts::CertificateContact;
pub use copy::{CopyMethod, CopyPlan, copy_certificate, plan_copy};
pub use credential::CredentialKind;
pub use deletion::{DeletedCertificate, RecoverySettings};
pub use details::{CertificateDetails, PolicySummary};
pub use download::{CertificateSecret, read_certificate_der, read_certificate_secret};
pub use import::{DeletedName, ImportOptions, NameStatus};
pub use issuers::{IssuerAdmin, IssuerDetails, IssuerInput, IssuerSummary};
pub use listing::{CertificateStatus, CertificateSummary, list_certificates, list_versions};
pub use local_admin::{SERVE_FILE, ServedVault, served_vault_url};
pub use names::{CertificateName, IssuerName, VersionId};
pub use operation::{OperationError, OperationOutcome, OperationStatus, PendingOperation};
pub use policy::field::policy_field_of;
pub use policy::{
    CertificatePolicy, KeyCurve, KeyType, KeyUsage, LifetimeAction, LifetimeActionType,
    LifetimeTrigger, PolicyAttributes, PolicyIssuer, PolicyKey, PolicySans, PolicySecret,
    PolicyX509, SELF_ISSUER, SecretContentType, UNKNOWN_ISSUER,
};
pub use registry::{Registry, VaultEntry, VaultId};
