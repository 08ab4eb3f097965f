//! Certificates of a vault: streamed listings, details, versions.

use std::time::{Duration, Instant};
use vault::{CertificateName, VersionId};

use errors::Result;
use futures::TryStreamExt;
use serde::Deserialize;
pub use vault::{CertificateDetails, CertificateSummary};

use super::{Events, VaultId};
use crate::{App, Host};

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListCertificatesArgs {
    pub vault: VaultId,
    /// The UI's number for this listing; `cancel_request` with it stops the listing.
    pub request: u32,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CancelRequestArgs {
    pub request: u32,
}

/// Names one certificate of a vault.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CertificateArgs {
    pub vault: VaultId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub name: CertificateName,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GetCertificateArgs {
    pub vault: VaultId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub name: CertificateName,
    /// `None`: the current version.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub version: Option<VersionId>,
}

/// Streams the vault's certificates to `events`; returns the row count once all are sent.
/// The first page goes out at once (rows on screen early); later pages are sent in batches,
/// since each message costs the webview far more than its rows do.
pub async fn list_certificates(
    app: &App,
    _: &dyn Host,
    args: ListCertificatesArgs,
    events: &Events<'_, Vec<CertificateSummary>>,
) -> Result<usize> {
    // Registered before connecting: a cancel may arrive while the local vault still starts.
    let request = app.requests.start(args.request);
    let events: &Events<_> = &request.events(events);
    request
        .run(async {
            let connection = app.vaults.connect(args.vault).await?;
            let mut pages = vault::list_certificates(&connection);
            let mut batches = Batches::new(events);
            while let Some(page) = pages.try_next().await? {
                batches.push(page)?;
            }
            batches.finish()
        })
        .await
}

pub async fn cancel_request(app: &App, _: &dyn Host, args: CancelRequestArgs) -> Result<()> {
    app.requests.cancel(args.request);
    Ok(())
}

pub async fn get_certificate(
    app: &App,
    _: &dyn Host,
    args: GetCertificateArgs,
) -> Result<CertificateDetails> {
    let connection = app.vaults.connect(args.vault).await?;
    connection
        .certificate(&args.name, args.version.as_deref())
        .await
}

/// Every version of a certificate, newest first.
pub async fn list_versions(
    app: &App,
    _: &dyn Host,
    args: CertificateArgs,
) -> Result<Vec<CertificateSummary>> {
    let connection = app.vaults.connect(args.vault).await?;
    let pages: Vec<Vec<CertificateSummary>> = vault::list_versions(&connection, &args.name)
        .try_collect()
        .await?;
    let mut versions: Vec<_> = pages.into_iter().flatten().collect();
    versions.sort_by_key(|v| std::cmp::Reverse(v.created));
    Ok(versions)
}

/// A batch goes out once it holds this many rows or is this old, whichever comes first.
const BATCH_ROWS: usize = 2_000;
const BATCH_AGE: Duration = Duration::from_millis(100);

/// Pages of a listing on their way to the UI: the first alone, then in batches.
struct Batches<'a> {
    events: &'a Events<'a, Vec<CertificateSummary>>,
    pending: Vec<CertificateSummary>,
    /// When the last message went out; `None` until the first.
    sent_at: Option<Instant>,
    total: usize,
}

impl<'a> Batches<'a> {
    fn new(events: &'a Events<'a, Vec<CertificateSummary>>) -> Self {
        Self {
            events,
            pending: Vec::new(),
            sent_at: None,
            total: 0,
        }
    }

    fn push(&mut self, page: Vec<CertificateSummary>) -> Result<()> {
        self.total += page.len();
        self.pending.extend(page);
        let due = self
            .sent_at
            .is_none_or(|at| at.elapsed() >= BATCH_AGE || self.pending.len() >= BATCH_ROWS);
        if due { self.send() } else { Ok(()) }
    }

    fn send(&mut self) -> Result<()> {
        self.sent_at = Some(Instant::now());
        (self.events)(std::mem::take(&mut self.pending))
    }

    /// Sends what is left; returns the row count.
    fn finish(mut self) -> Result<usize> {
        if !self.pending.is_empty() {
            self.send()?;
        }
        Ok(self.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(prefix: &str, count: usize) -> Vec<CertificateSummary> {
        (0..count)
            .map(|i| CertificateSummary {
                name: format!("{prefix}-{i}"),
                id: format!("https://v/certificates/{prefix}-{i}"),
                version: None,
                enabled: true,
                not_before: None,
                expires: None,
                created: None,
                updated: None,
                thumbprint: None,
                tags: Default::default(),
                status: vault::CertificateStatus::Pending,
            })
            .collect()
    }

    #[test]
    fn the_first_page_goes_alone_and_the_rest_in_batches_in_order() {
        let sent = std::sync::Mutex::new(Vec::new());
        let events = |batch: Vec<CertificateSummary>| {
            sent.lock().unwrap().push(batch);
            Ok(())
        };
        let pages: Vec<_> = (0..11).map(|p| rows(&format!("p{p}"), 500)).collect();
        let mut batches = Batches::new(&events);
        for page in pages.clone() {
            batches.push(page).unwrap();
        }
        assert_eq!(batches.finish().unwrap(), 5_500);
        let sent = sent.into_inner().unwrap();
        assert_eq!(sent[0], pages[0], "rows show after the first page");
        assert_eq!(
            sent.concat(),
            pages.concat(),
            "nothing lost, nothing reordered"
        );
        // Pages pushed back to back: a batch leaves once it holds 2,000 rows.
        assert_eq!(
            sent.iter().map(Vec::len).collect::<Vec<_>>(),
            [500, 2_000, 2_000, 1_000]
        );
    }
}
