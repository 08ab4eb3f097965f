//! Deleting certificates and the vault's deleted ones: what a delete will do, delete, the
//! streamed list of deleted certificates, recover (followed until readable) and purge.

use errors::Result;
use futures::TryStreamExt;
use serde::{Deserialize, Serialize};
use vault::CertificateName;
pub use vault::{DeletedCertificate, RecoverySettings};

use super::{CertificateArgs, CertificateSummary, Events, VaultId};
use crate::{App, Host};

const DAY: i64 = 86_400;

/// What deleting a certificate will do, from its vault's recovery level and retention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeleteExplanation {
    pub name: String,
    pub settings: RecoverySettings,
    /// Soft delete: it can be recovered until `purge_on`. False: gone at once.
    pub recoverable: bool,
    /// Purge protection: it cannot be purged before `purge_on`.
    pub purge_protected: bool,
    /// When Key Vault would purge it if deleted now (Unix seconds); none when not recoverable.
    pub purge_on: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListDeletedArgs {
    pub vault: VaultId,
    /// `cancel_request` with it stops the listing.
    pub request: u32,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecoverArgs {
    pub vault: VaultId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub name: CertificateName,
    /// `cancel_request` with it stops waiting (the recovery itself goes on).
    pub request: u32,
}

/// How far a recovery has come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "stage")]
pub enum RecoverProgress {
    /// Key Vault accepted the recovery; the certificate is not readable yet.
    Recovering,
    /// Still not readable after `tries` reads.
    Waiting { tries: u32 },
}

/// Reads the certificate's vault settings and says what a delete would do.
pub async fn explain_delete(
    app: &App,
    _: &dyn Host,
    args: CertificateArgs,
) -> Result<DeleteExplanation> {
    let connection = app.vaults.connect(args.vault).await?;
    let settings = vault::deletion::recovery_settings(&connection, &args.name).await?;
    Ok(explain(args.name.into(), settings, now()))
}

fn explain(name: String, settings: RecoverySettings, now: i64) -> DeleteExplanation {
    let recoverable = settings.recoverable();
    DeleteExplanation {
        name,
        recoverable,
        purge_protected: recoverable && !settings.purgeable(),
        purge_on: settings
            .recoverable_days
            .filter(|_| recoverable)
            .map(|days| now + i64::from(days) * DAY),
        settings,
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

pub async fn delete_certificate(
    app: &App,
    _: &dyn Host,
    args: CertificateArgs,
) -> Result<DeletedCertificate> {
    let connection = app.vaults.connect(args.vault).await?;
    vault::deletion::delete_certificate(&connection, &args.name).await
}

/// Streams the vault's deleted certificates a page at a time; returns how many there were.
pub async fn list_deleted_certificates(
    app: &App,
    _: &dyn Host,
    args: ListDeletedArgs,
    events: &Events<'_, Vec<DeletedCertificate>>,
) -> Result<usize> {
    let request = app.requests.start(args.request);
    let events: &Events<_> = &request.events(events);
    request
        .run(async {
            let connection = app.vaults.connect(args.vault).await?;
            let mut pages = vault::deletion::list_deleted_certificates(&connection);
            let mut total = 0;
            while let Some(page) = pages.try_next().await? {
                total += page.len();
                events(page)?;
            }
            Ok(total)
        })
        .await
}

/// Recovers a deleted certificate and follows it until it is readable again; returns its
/// row for the vault's listing.
pub async fn recover_certificate(
    app: &App,
    _: &dyn Host,
    args: RecoverArgs,
    events: &Events<'_, RecoverProgress>,
) -> Result<CertificateSummary> {
    let request = app.requests.start(args.request);
    let events: &Events<_> = &request.events(events);
    request
        .run(async {
            let connection = app.vaults.connect(args.vault).await?;
            vault::deletion::recover_deleted_certificate(&connection, &args.name).await?;
            events(RecoverProgress::Recovering)?;
            let mut undelivered = None;
            let row = vault::deletion::wait_until_readable(&connection, &args.name, |tries| {
                if let Err(err) = events(RecoverProgress::Waiting { tries }) {
                    undelivered.get_or_insert(err);
                }
            })
            .await?;
            undelivered.map_or(Ok(row), Err)
        })
        .await
}

pub async fn purge_certificate(app: &App, _: &dyn Host, args: CertificateArgs) -> Result<()> {
    let connection = app.vaults.connect(args.vault).await?;
    vault::deletion::purge_deleted_certificate(&connection, &args.name).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(level: &str, days: Option<i32>) -> RecoverySettings {
        RecoverySettings {
            recovery_level: Some(level.into()),
            recoverable_days: days,
        }
    }

    #[test]
    fn a_soft_delete_is_recoverable_until_the_retention_ends() {
        let told = explain(
            "web".into(),
            settings("Recoverable+Purgeable", Some(90)),
            1_000,
        );
        assert!(told.recoverable && !told.purge_protected);
        assert_eq!(told.purge_on, Some(1_000 + 90 * DAY));
    }

    #[test]
    fn purge_protection_and_final_deletes_are_said() {
        let guarded = explain("web".into(), settings("CustomizedRecoverable", Some(7)), 0);
        assert!(guarded.recoverable && guarded.purge_protected);
        assert_eq!(guarded.purge_on, Some(7 * DAY));

        let bare = explain("web".into(), settings("Purgeable", None), 0);
        assert!(!bare.recoverable && !bare.purge_protected);
        assert_eq!(bare.purge_on, None);
    }
}
