//! A vault of this service: storage's state holding the domain's records, and the lookups
//! handlers share, failing with the service's errors.

use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::{CertRecord, IssuerRecord, Notification};
use crate::storage::state::{self, Documents};

// The storage key belongs to the vault's vocabulary: the layer above reaches it through here
// and depends on the domain alone.
pub use crate::storage::state::key_of;

/// The records a vault of this service holds.
pub struct Records;

impl Documents for Records {
    type Cert = CertRecord;
    type Issuer = IssuerRecord;
    type Note = Notification;
}

/// A running vault.
pub type Vault = state::Vault<Records>;
/// Everything a vault holds.
pub type VaultState = state::VaultState<Records>;
/// One change to persist and apply.
pub type Change = state::Change<Records>;

/// 404 for a certificate that does not exist (or is deleted).
pub fn cert_not_found(name: &str) -> ApiError {
    ApiError::not_found(
        "CertificateNotFound",
        format!(
            "A certificate with (name/id) {name} was not found in this key vault. If you recently deleted this \
             certificate you may be able to recover it using the correct recovery command."
        ),
    )
}

/// A live (not deleted) certificate with at least one version.
pub fn active<'a>(state: &'a VaultState, name: &str) -> ApiResult<&'a CertRecord> {
    state
        .certs
        .get(&key_of(name))
        .filter(|c| c.deleted.is_none() && !c.versions.is_empty())
        .ok_or_else(|| cert_not_found(name))
}

/// 409 when `name` is deleted but recoverable (the name cannot be reused).
pub fn ensure_not_deleted(state: &VaultState, name: &str) -> ApiResult<()> {
    if state
        .certs
        .get(&key_of(name))
        .is_some_and(|c| c.deleted.is_some())
    {
        return Err(ApiError::conflict(
            format!(
                "Certificate {name} is currently in a deleted but recoverable state, and its name cannot be reused; \
                 in this state, the certificate can only be recovered or purged."
            ),
            Some("ObjectIsDeletedButRecoverable"),
        ));
    }
    Ok(())
}

/// An empty state of a vault keeping deleted certificates `retention_days`, for unit tests.
#[cfg(test)]
pub fn test_state(retention_days: i64) -> VaultState {
    VaultState::new(state::VaultMeta {
        created: 0,
        retention_days,
        shift_days: 0,
        remembered: false,
    })
}
