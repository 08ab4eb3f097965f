//! A vault of this service: storage's state holding the domain's records, and the lookups
//! handlers share, failing with the service's errors.

use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::{CertRecord, IssuerRecord, Notification, Transition};
use crate::storage::state::{self, Documents};

// The storage key belongs to the vault's vocabulary: the layer above reaches it through here
// and depends on the domain alone.
pub use crate::storage::state::{Recovery, key_of};

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

/// 404 for a certificate that does not exist (or is deleted); `id` is its name, or
/// `name/versions/version` for a version.
pub fn cert_not_found(id: &str) -> ApiError {
    ApiError::not_found(
        "CertificateNotFound",
        format!(
            "A certificate with (name/id) {id} was not found in this key vault. If you recently deleted this \
             certificate you may be able to recover it using the correct recovery command. For help resolving \
             this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182"
        ),
    )
}

/// A live certificate (not deleted, not settling a deletion or recovery) with a version.
pub fn active<'a>(state: &'a VaultState, name: &str) -> ApiResult<&'a CertRecord> {
    state
        .certs
        .get(&key_of(name))
        .filter(|c| c.live() && !c.versions.is_empty())
        .ok_or_else(|| cert_not_found(name))
}

/// 409 while a deletion settles: the service's answer to a purge (recorded) and to anything
/// else that needs the name.
pub fn being_deleted() -> ApiError {
    ApiError::conflict(
        "Certificate is currently being deleted.",
        Some("ObjectIsBeingDeleted"),
    )
}

/// 409 while a recovery settles, in the service's words for a request that meets one.
fn being_recovered(name: &str) -> ApiError {
    ApiError::conflict(
        format!(
            "There was a conflict while recovering the soft-deleted certificate '{name}'. This can happen when \
             multiple operations are performed in parallel against the soft-deleted certificate. To avoid this \
             error, perform operations against the soft-deleted certificate in a sequential manner."
        ),
        None,
    )
}

/// 409 when `name` cannot be reused: deleted but recoverable, or still being deleted or
/// recovered.
pub fn ensure_not_deleted(state: &VaultState, name: &str) -> ApiResult<()> {
    let Some(cert) = state.certs.get(&key_of(name)) else {
        return Ok(());
    };
    match cert.transition {
        Some(Transition::Deleting) => Err(being_deleted()),
        Some(Transition::Recovering) => Err(being_recovered(name)),
        None if cert.deleted.is_some() => Err(ApiError::conflict(
            format!(
                "Certificate {name} is currently in a deleted but recoverable state, and its name cannot be reused; \
                 in this state, the certificate can only be recovered or purged."
            ),
            Some("ObjectIsDeletedButRecoverable"),
        )),
        None => Ok(()),
    }
}

/// An empty state of a vault keeping deleted certificates `retention_days`, for unit tests.
#[cfg(test)]
pub fn test_state(retention_days: i64) -> VaultState {
    VaultState::new(state::VaultMeta {
        created: 0,
        retention_days,
        recovery: state::Recovery::Purgeable,
        shift_days: 0,
        remembered: false,
        deny_secret_get: false,
    })
}
