//! Needs attention: one scan over every open vault for the certificates an administrator must
//! act on, streamed as each vault's listing arrives.
//!
//! Requests per vault: the listing, one contacts read, the pending operation of each pending
//! certificate, and the policy of each certificate expiring within the window (AutoRenew?
//! EmailContacts without contacts?). A vault without contacts is one row for the vault, not a
//! policy read per certificate. A failed renewal of a certificate whose issued version still
//! lists as current is not seen: finding it would take one operation read per certificate.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use errors::{Code, Error, Result};
use futures::future::{BoxFuture, Shared};
use futures::stream::FuturesUnordered;
use futures::{FutureExt, StreamExt};
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;
use vault::{CertificateSummary, VaultConnection};

use super::{Events, VaultId};
pub use crate::attention::{Fix, Problem};
use crate::attention::{Rules, Triage};
use crate::{App, Host};

/// The window when the UI names none.
pub const DEFAULT_WINDOW_DAYS: u32 = 30;
const MAX_WINDOW_DAYS: u32 = 3_650;

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NeedsAttentionArgs {
    pub vaults: Vec<VaultId>,
    /// "Expiring" means within this many days (default 30).
    pub window_days: Option<u32>,
    /// `cancel_request` with it stops the scan.
    pub request: u32,
}

/// One certificate's problem (or a vault's, without a name) and what fixes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttentionRow {
    pub vault: VaultId,
    /// `None`: the whole vault could not be checked.
    pub name: Option<String>,
    pub problem: Problem,
    /// The usual fix first.
    pub fixes: Vec<Fix>,
}

/// Rows of one vault as they are found; the vault's last batch says it is done.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttentionBatch {
    pub vault: VaultId,
    pub rows: Vec<AttentionRow>,
    /// The vault's last batch.
    pub done: bool,
    /// On the last batch: how many certificates were checked (`None`: the vault failed).
    pub certificates: Option<u32>,
}

/// What a scan found and what it asked the vaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttentionSummary {
    pub certificates: u32,
    pub rows: u32,
    pub failed_vaults: u32,
    pub requests: AttentionRequests,
}

/// Requests a scan made, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttentionRequests {
    pub listing_pages: u32,
    pub contacts: u32,
    pub operations: u32,
    pub policies: u32,
}

#[derive(Default)]
struct Counts {
    certificates: AtomicUsize,
    rows: AtomicUsize,
    failed_vaults: AtomicUsize,
    pages: AtomicUsize,
    contacts: AtomicUsize,
    operations: AtomicUsize,
    policies: AtomicUsize,
}

impl Counts {
    fn add(counter: &AtomicUsize, n: usize) {
        counter.fetch_add(n, Ordering::Relaxed);
    }

    fn summary(&self) -> AttentionSummary {
        let get = |counter: &AtomicUsize| {
            u32::try_from(counter.load(Ordering::Relaxed)).unwrap_or(u32::MAX)
        };
        AttentionSummary {
            certificates: get(&self.certificates),
            rows: get(&self.rows),
            failed_vaults: get(&self.failed_vaults),
            requests: AttentionRequests {
                listing_pages: get(&self.pages),
                contacts: get(&self.contacts),
                operations: get(&self.operations),
                policies: get(&self.policies),
            },
        }
    }
}

/// Scans `vaults` (all at once; each within its own request limit) and streams each vault's
/// rows as they are found. A vault that cannot be checked is one row saying why; the others
/// go on.
pub async fn needs_attention(
    app: &App,
    _: &dyn Host,
    args: NeedsAttentionArgs,
    events: &Events<'_, AttentionBatch>,
) -> Result<AttentionSummary> {
    let window = args.window_days.unwrap_or(DEFAULT_WINDOW_DAYS);
    if !(1..=MAX_WINDOW_DAYS).contains(&window) {
        return Err(Error::new(
            Code::InvalidInput,
            format!("An expiry window of {window} days is out of range."),
        )
        .with_hint(format!("Choose between 1 and {MAX_WINDOW_DAYS} days.")));
    }
    let rules = Rules::new(unix_now(), window);
    let counts = Counts::default();
    let request = app.requests.start(args.request);
    let events: &Events<_> = &request.events(events);
    request
        .run(async {
            // Owned ids, no closure over references: the future must pass Tauri's `Send` check.
            let scans = args
                .vaults
                .into_iter()
                .map(|vault| scan_vault(app, vault, rules, &counts, events));
            futures::future::try_join_all(scans).await?;
            Ok(counts.summary())
        })
        .await
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
        })
}

/// Scans one vault; its failure becomes its row. Errs only when the UI is gone.
async fn scan_vault(
    app: &App,
    vault: VaultId,
    rules: Rules,
    counts: &Counts,
    events: &Events<'_, AttentionBatch>,
) -> Result<()> {
    let mut out = Outbox::new(vault, events, counts);
    let checked = match app.vaults.connect(vault).await {
        // Its own `?`: the UI is gone.
        Ok(connection) => check_vault(&connection, rules, counts, &mut out).await?,
        Err(err) => Err(err),
    };
    match checked {
        Ok(certificates) => out.finish(Some(certificates)),
        Err(err) => {
            Counts::add(&counts.failed_vaults, 1);
            out.push(vec![AttentionRow {
                vault,
                name: None,
                problem: Problem::CheckFailed { error: err },
                fixes: Vec::new(),
            }])?;
            out.finish(None)
        }
    }
}

/// Lists the vault and checks each row; `Ok(Err)` is the vault's own failure.
async fn check_vault(
    connection: &VaultConnection,
    rules: Rules,
    counts: &Counts,
    out: &mut Outbox<'_>,
) -> Result<Result<u32>> {
    // One of the vault's request slots stays the listing's: its pages are the critical path.
    let slots = Semaphore::new(vault::connection::PER_VAULT_CONCURRENCY - 1);
    // Asked for with the first page that has certificates: only policy reads and the vault's
    // own row wait for it, never the listing or its rows.
    let contacts = async {
        Counts::add(&counts.contacts, 1);
        connection.has_contacts().await
    }
    .boxed()
    .shared();
    let scope = Scope {
        connection,
        vault: out.vault,
        rules,
        counts,
        slots: &slots,
    };
    let mut pages = vault::list_certificates(connection);
    let mut reads = FuturesUnordered::new();
    let mut listed = false;
    let mut certificates: u32 = 0;
    loop {
        tokio::select! {
            // A page first: its own rows go out before the next page is asked for, as a
            // listing's would.
            biased;
            page = pages.next(), if !listed => match page {
                Some(Ok(page)) => {
                    Counts::add(&counts.pages, 1);
                    Counts::add(&counts.certificates, page.len());
                    let checked = u32::try_from(page.len()).unwrap_or(u32::MAX);
                    if certificates == 0 && !page.is_empty() {
                        reads.push(scope.vault_contacts(contacts.clone()).boxed());
                    }
                    certificates = certificates.saturating_add(checked);
                    let (now, later) = scope.triage_page(page);
                    out.push(now)?;
                    let contacts = &contacts;
                    reads.extend(
                        later
                            .into_iter()
                            .map(|(row, read)| scope.read(row, read, contacts.clone()).boxed()),
                    );
                }
                Some(Err(err)) => return Ok(Err(err)),
                None => listed = true,
            },
            Some(found) = reads.next() => match found {
                Ok(found) => {
                    out.push(found)?;
                }
                Err(err) => return Ok(Err(err)),
            },
            else => break,
        }
    }
    Ok(Ok(certificates))
}

/// What a row still needs read.
#[derive(Clone, Copy)]
enum Read {
    Operation,
    Policy,
}

/// What every check of one vault shares.
#[derive(Clone, Copy)]
struct Scope<'a> {
    connection: &'a VaultConnection,
    vault: VaultId,
    rules: Rules,
    counts: &'a Counts,
    /// Slots for operation and policy reads in flight.
    slots: &'a Semaphore,
}

impl<'a> Scope<'a> {
    /// A page's rows: what the listing shows at once, and the rows still to be read.
    fn triage_page(
        self,
        page: Vec<CertificateSummary>,
    ) -> (Vec<AttentionRow>, Vec<(CertificateSummary, Read)>) {
        let mut now = Vec::new();
        let mut later = Vec::new();
        for row in page {
            let Triage {
                problems,
                read_operation,
                read_policy,
            } = self.rules.triage(&row);
            now.extend(rows_of(self.vault, &row.name, problems));
            if read_operation {
                later.push((row, Read::Operation));
            } else if read_policy {
                later.push((row, Read::Policy));
            }
        }
        (now, later)
    }

    /// The rows one read shows; errs only with the contacts' error, which fails the vault.
    async fn read(
        self,
        row: CertificateSummary,
        read: Read,
        contacts: Shared<BoxFuture<'a, Result<bool>>>,
    ) -> Result<Vec<AttentionRow>> {
        let problems = match read {
            Read::Operation => self.operation_problems(&row).await,
            Read::Policy => {
                let has_contacts = contacts.await?;
                self.policy_problems(&row, has_contacts).await
            }
        };
        Ok(rows_of(self.vault, &row.name, problems))
    }

    /// The vault's own row when it has certificates but no contacts.
    async fn vault_contacts(
        self,
        contacts: Shared<BoxFuture<'a, Result<bool>>>,
    ) -> Result<Vec<AttentionRow>> {
        let has_contacts = contacts.await?;
        let problem = Problem::VaultWithoutContacts;
        Ok(Vec::from_iter((!has_contacts).then(|| AttentionRow {
            vault: self.vault,
            name: None,
            fixes: problem.fixes(),
            problem,
        })))
    }

    async fn operation_problems(self, row: &CertificateSummary) -> Vec<Problem> {
        let _slot = self.slots.acquire().await;
        Counts::add(&self.counts.operations, 1);
        match self.connection.pending_operation(&row.name).await {
            Ok(operation) => self
                .rules
                .operation_problem(row, &operation)
                .into_iter()
                .collect(),
            // Gone since the listing: nothing pending.
            Err(err) if err.code == Code::NotFound => Vec::new(),
            Err(error) => vec![Problem::CheckFailed { error }],
        }
    }

    async fn policy_problems(self, row: &CertificateSummary, has_contacts: bool) -> Vec<Problem> {
        let _slot = self.slots.acquire().await;
        Counts::add(&self.counts.policies, 1);
        match self.connection.policy(&row.name).await {
            Ok(policy) => self.rules.policy_problems(row, &policy, has_contacts),
            Err(error) => vec![Problem::CheckFailed { error }],
        }
    }
}

fn rows_of(vault: VaultId, name: &str, problems: Vec<Problem>) -> Vec<AttentionRow> {
    problems
        .into_iter()
        .map(|problem| AttentionRow {
            vault,
            name: Some(name.to_owned()),
            fixes: problem.fixes(),
            problem,
        })
        .collect()
}

/// A message goes out at most this often per vault (each costs the webview more than its rows).
const BATCH_AGE: Duration = Duration::from_millis(100);

/// One vault's rows on their way to the UI: the first at once, then batched.
struct Outbox<'a> {
    vault: VaultId,
    events: &'a Events<'a, AttentionBatch>,
    counts: &'a Counts,
    pending: Vec<AttentionRow>,
    sent_at: Option<Instant>,
}

impl<'a> Outbox<'a> {
    fn new(vault: VaultId, events: &'a Events<'a, AttentionBatch>, counts: &'a Counts) -> Self {
        Self {
            vault,
            events,
            counts,
            pending: Vec::new(),
            sent_at: None,
        }
    }

    fn push(&mut self, rows: Vec<AttentionRow>) -> Result<()> {
        Counts::add(&self.counts.rows, rows.len());
        self.pending.extend(rows);
        let due =
            !self.pending.is_empty() && self.sent_at.is_none_or(|at| at.elapsed() >= BATCH_AGE);
        if due { self.send(None) } else { Ok(()) }
    }

    /// Sends what is left as the vault's last batch.
    fn finish(mut self, certificates: Option<u32>) -> Result<()> {
        self.send(Some(certificates))
    }

    /// `last`: the vault's last batch, with its certificate count.
    fn send(&mut self, last: Option<Option<u32>>) -> Result<()> {
        self.sent_at = Some(Instant::now());
        (self.events)(AttentionBatch {
            vault: self.vault,
            rows: std::mem::take(&mut self.pending),
            done: last.is_some(),
            certificates: last.flatten(),
        })
    }
}
