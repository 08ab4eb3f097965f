//! Deleting certificates and what follows: the vault's deleted certificates, recovering them
//! (asynchronous on Key Vault: [`wait_until_readable`]) and purging them.

use std::time::Duration;

use azure_security_keyvault_certificates::models::{
    CertificateAttributes, DeletedCertificate as SdkDeleted, DeletedCertificateProperties,
    ListDeletedCertificatePropertiesResult,
};
use futures::stream::BoxStream;
use serde::Serialize;

use crate::connection::VaultConnection;
use crate::error::{Code, Error, from_azure};
use crate::listing::{CertificateSummary, now, pages};

/// A soft-deleted certificate (or, where soft delete is off, one deleted for good).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeletedCertificate {
    /// The row it had in the vault's listing (unversioned id), as of its deletion.
    pub summary: CertificateSummary,
    /// `https://vault/deletedcertificates/NAME`; none where the delete was final.
    pub recovery_id: Option<String>,
    /// Unix seconds.
    pub deleted_on: Option<i64>,
    /// When Key Vault purges it by itself, Unix seconds.
    pub scheduled_purge: Option<i64>,
    /// The vault's recovery level, e.g. `Recoverable+Purgeable`.
    pub recovery_level: Option<String>,
    /// The vault's retention in days.
    pub recoverable_days: Option<i32>,
}

/// What deleting a certificate of a vault does, from the recovery level it reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecoverySettings {
    pub recovery_level: Option<String>,
    pub recoverable_days: Option<i32>,
}

impl RecoverySettings {
    /// Whether a delete can be undone (any level but `Purgeable`).
    pub fn recoverable(&self) -> bool {
        self.recovery_level
            .as_deref()
            .is_some_and(|level| level.contains("Recoverable"))
    }

    /// Whether a deleted certificate may be purged before its scheduled date: false under
    /// purge protection (`Recoverable`, `CustomizedRecoverable`, `…ProtectedSubscription`).
    pub fn purgeable(&self) -> bool {
        self.recovery_level
            .as_deref()
            .is_none_or(|level| level.ends_with("Purgeable"))
    }
}

/// [`DeletedCertificate::new`] from either of the SDK's deleted-certificate models, which
/// share these fields but no trait.
macro_rules! fields_of {
    ($deleted:expr, $now:expr) => {
        Self::new(
            Fields {
                id: $deleted.id,
                recovery_id: $deleted.recovery_id,
                deleted_date: $deleted.deleted_date,
                scheduled_purge_date: $deleted.scheduled_purge_date,
                thumbprint: $deleted.x509_thumbprint,
                tags: $deleted.tags,
            },
            $deleted.attributes,
            $now,
        )
    };
}
impl DeletedCertificate {
    pub fn settings(&self) -> RecoverySettings {
        RecoverySettings {
            recovery_level: self.recovery_level.clone(),
            recoverable_days: self.recoverable_days,
        }
    }

    fn new(
        fields: Fields,
        attributes: Option<CertificateAttributes>,
        now: i64,
    ) -> Option<DeletedCertificate> {
        let settings = settings_of(attributes.as_ref());
        let unix = |t: Option<azure_core::time::OffsetDateTime>| t.map(|t| t.unix_timestamp());
        let summary =
            CertificateSummary::new(fields.id?, attributes, fields.thumbprint, fields.tags, now)?;
        Some(DeletedCertificate {
            summary: unversioned(summary),
            recovery_id: fields.recovery_id,
            deleted_on: unix(fields.deleted_date),
            scheduled_purge: unix(fields.scheduled_purge_date),
            recovery_level: settings.recovery_level,
            recoverable_days: settings.recoverable_days,
        })
    }

    fn from_sdk(deleted: SdkDeleted, now: i64) -> Option<Self> {
        fields_of!(deleted, now)
    }

    fn from_properties(deleted: DeletedCertificateProperties, now: i64) -> Option<Self> {
        fields_of!(deleted, now)
    }
}

/// The fields the SDK's two deleted-certificate models share.
struct Fields {
    id: Option<String>,
    recovery_id: Option<String>,
    deleted_date: Option<azure_core::time::OffsetDateTime>,
    scheduled_purge_date: Option<azure_core::time::OffsetDateTime>,
    thumbprint: Option<Vec<u8>>,
    tags: Option<std::collections::HashMap<String, String>>,
}

fn settings_of(attributes: Option<&CertificateAttributes>) -> RecoverySettings {
    RecoverySettings {
        recovery_level: attributes
            .and_then(|a| a.recovery_level.as_ref())
            .map(ToString::to_string),
        recoverable_days: attributes.and_then(|a| a.recoverable_days),
    }
}

/// The row as the vault's listing shows it: no version in the id.
fn unversioned(mut summary: CertificateSummary) -> CertificateSummary {
    if let Some(version) = summary.version.take() {
        let trimmed = summary.id.trim_end_matches(&format!("/{version}")).len();
        summary.id.truncate(trimmed);
    }
    summary
}

fn malformed(vault: &VaultConnection, name: &str) -> Error {
    Error::new(
        Code::Service,
        format!(
            "{} answered for {name} without a certificate id.",
            vault.entry.name
        ),
    )
}

/// The recovery level and retention of the vault `name` lives in (one GET of it).
pub async fn recovery_settings(
    vault: &VaultConnection,
    name: &str,
) -> Result<RecoverySettings, Error> {
    let _permit = vault.permit().await;
    let certificate = vault
        .certificates
        .get_certificate(name, None)
        .await
        .and_then(|response| response.into_model())
        .map_err(|err| from_azure(&err, &vault.entry.name, "get"))?;
    Ok(settings_of(certificate.attributes.as_ref()))
}

/// Deletes certificate `name` (every version, its key and secret). With soft delete on, it
/// can be recovered until the scheduled purge date; Key Vault takes a few seconds before it
/// lists it as deleted.
pub async fn delete_certificate(
    vault: &VaultConnection,
    name: &str,
) -> Result<DeletedCertificate, Error> {
    let _permit = vault.permit().await;
    let answer = vault.certificates.delete_certificate(name, None).await;
    deleted_answer(vault, name, "delete", answer)
}

/// The deleted certificate an SDK call answered with, or its error mapped.
fn deleted_answer(
    vault: &VaultConnection,
    name: &str,
    permission: &str,
    answer: azure_core::Result<azure_core::http::Response<SdkDeleted>>,
) -> Result<DeletedCertificate, Error> {
    let deleted = answer
        .and_then(|response| response.into_model())
        .map_err(|err| from_azure(&err, &vault.entry.name, permission))?;
    DeletedCertificate::from_sdk(deleted, now()).ok_or_else(|| malformed(vault, name))
}

/// Streams the vault's deleted certificates a page at a time; dropping the stream cancels
/// the request in flight. The stream ends after the first error.
pub fn list_deleted_certificates(
    vault: &VaultConnection,
) -> BoxStream<'_, Result<Vec<DeletedCertificate>, Error>> {
    let pager = vault.certificates.list_deleted_certificate_properties(None);
    pages(vault, pager, "list", deleted_rows)
}

fn deleted_rows(body: ListDeletedCertificatePropertiesResult, now: i64) -> Vec<DeletedCertificate> {
    body.value
        .into_iter()
        .filter_map(|deleted| DeletedCertificate::from_properties(deleted, now))
        .collect()
}

/// Deleted certificate `name` (404 `NotFound` while its deletion still settles).
pub async fn get_deleted_certificate(
    vault: &VaultConnection,
    name: &str,
) -> Result<DeletedCertificate, Error> {
    let _permit = vault.permit().await;
    let answer = vault.certificates.get_deleted_certificate(name, None).await;
    deleted_answer(vault, name, "get", answer)
}

/// Starts recovering deleted certificate `name`; returns its row as the service answered.
/// Key Vault completes a recovery asynchronously: [`wait_until_readable`] waits for it.
pub async fn recover_deleted_certificate(
    vault: &VaultConnection,
    name: &str,
) -> Result<CertificateSummary, Error> {
    let _permit = vault.permit().await;
    let certificate = vault
        .certificates
        .recover_deleted_certificate(name, None)
        .await
        .and_then(|response| response.into_model())
        .map_err(|err| from_azure(&err, &vault.entry.name, "recover"))?;
    CertificateSummary::from_certificate(certificate, now())
        .map(unversioned)
        .ok_or_else(|| malformed(vault, name))
}

/// How long a recovery may take to become readable, and the polls' back-off.
const READABLE_TIMEOUT: Duration = Duration::from_secs(120);
const FIRST_POLL: Duration = Duration::from_millis(250);
const LONGEST_POLL: Duration = Duration::from_secs(4);

/// Polls `GET /certificates/{name}` until it answers, backing off between tries; calls
/// `progress` with each failed try's number. Returns the certificate's row. Dropping the
/// future cancels it.
pub async fn wait_until_readable(
    vault: &VaultConnection,
    name: &str,
    mut progress: impl FnMut(u32),
) -> Result<CertificateSummary, Error> {
    let deadline = tokio::time::Instant::now() + READABLE_TIMEOUT;
    let mut pause = FIRST_POLL;
    let mut tries = 0;
    loop {
        match vault.certificate(name, None).await {
            Ok(details) => return Ok(unversioned(details.summary)),
            Err(err) if err.code == Code::NotFound => {}
            Err(err) => return Err(err),
        }
        tries += 1;
        progress(tries);
        if tokio::time::Instant::now() + pause > deadline {
            return Err(Error::new(
                Code::Service,
                format!(
                    "{name} was recovered in {} but is still not readable after {} s.",
                    vault.entry.name,
                    READABLE_TIMEOUT.as_secs()
                ),
            )
            .with_hint("Key Vault may still be restoring it: refresh the vault in a minute."));
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 3 / 2).min(LONGEST_POLL);
    }
}

/// Purges deleted certificate `name` for good. Right after its deletion Key Vault answers
/// `BeingDeleted`; under purge protection it refuses with `PurgeProtected`.
pub async fn purge_deleted_certificate(vault: &VaultConnection, name: &str) -> Result<(), Error> {
    let _permit = vault.permit().await;
    vault
        .certificates
        .purge_deleted_certificate(name, None)
        .await
        .map(drop)
        .map_err(|err| purge_error(from_azure(&err, &vault.entry.name, "purge"), name))
}

/// A 403 for purge protection is the vault's setting, not a missing permission.
fn purge_error(err: Error, name: &str) -> Error {
    if err.code == Code::Forbidden && err.message.contains("purge protection") {
        Error::new(
            Code::PurgeProtected,
            format!("{name} cannot be purged: the vault has purge protection."),
        )
        .with_hint(
            "Key Vault purges it by itself on its scheduled purge date; until then it can only be recovered.",
        )
    } else {
        err
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purge_protection_is_told_apart_from_a_missing_permission() {
        let protected = Error::new(
            Code::Forbidden,
            "Operation \"purge\" is not allowed because purge protection is enabled for this vault.",
        );
        let err = purge_error(protected, "web");
        assert_eq!(err.code, Code::PurgeProtected);
        assert!(err.message.contains("web"), "{}", err.message);
        assert!(err.hint.unwrap().contains("scheduled purge date"));

        let denied = Error::new(
            Code::Forbidden,
            "does not have certificates purge permission",
        );
        assert_eq!(purge_error(denied, "web").code, Code::Forbidden);
    }

    #[test]
    fn levels_say_whether_a_delete_is_recoverable_and_purgeable() {
        let of = |level: &str| RecoverySettings {
            recovery_level: Some(level.into()),
            recoverable_days: Some(90),
        };
        assert!(of("Recoverable+Purgeable").recoverable());
        assert!(of("Recoverable+Purgeable").purgeable());
        assert!(!of("Purgeable").recoverable());
        assert!(!of("CustomizedRecoverable").purgeable());
        assert!(!of("Recoverable+ProtectedSubscription").purgeable());
        assert!(of("CustomizedRecoverable+Purgeable").purgeable());
    }

    #[test]
    fn versions_leave_the_id() {
        let summary = CertificateSummary::new(
            "https://v.vault.azure.net/certificates/web/abc".into(),
            None,
            None,
            None,
            0,
        )
        .unwrap();
        let row = unversioned(summary);
        assert_eq!(row.id, "https://v.vault.azure.net/certificates/web");
        assert_eq!(row.version, None);
    }
}
