//! Policies of many certificates at once: bulk apply with a preview, and compliance against a
//! template.

use errors::{Error, Result};
use futures::stream::BoxStream;
use futures::{StreamExt, TryStreamExt};
use policy::{FieldChange, FieldIssue, PolicyPatch};
use serde::{Deserialize, Serialize};
use vault::CertificateName;

use super::{CertificatePolicy, Events, VaultId};
use crate::refusals::{rule_errors, service_refusal, without_read_only};
use crate::{App, Host};

/// One certificate of one vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CertificateRef {
    pub vault: VaultId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub name: CertificateName,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BulkPolicyArgs {
    pub targets: Vec<CertificateRef>,
    pub patch: PolicyPatch,
    /// `cancel_request` with it stops what has not started.
    pub request: u32,
}

/// What a bulk change would do, or did, to one certificate.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BulkItem {
    pub target: CertificateRef,
    pub outcome: BulkOutcome,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "outcome")]
pub enum BulkOutcome {
    /// Preview: these fields would change (and would pass the rules).
    WouldChange { changes: Vec<FieldChange> },
    /// Applied: these fields changed.
    Changed { changes: Vec<FieldChange> },
    /// Nothing to change: the policy already says so.
    Unchanged,
    /// The patched policy breaks the rules; nothing sent.
    Refused { issues: Vec<FieldIssue> },
    /// Reading or saving failed.
    Failed { error: errors::Error },
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComplianceArgs {
    pub vaults: Vec<VaultId>,
    pub template: CertificatePolicy,
    pub request: u32,
}

/// One certificate against a template: the fields that deviate (empty: compliant).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComplianceRow {
    pub target: CertificateRef,
    pub deviations: Vec<FieldChange>,
    /// Set when its policy could not be read.
    pub error: Option<errors::Error>,
}

/// Reads each target's policy and says what the patch would change; streams each item.
pub async fn preview_bulk_policy(
    app: &App,
    _: &dyn Host,
    args: BulkPolicyArgs,
    events: &Events<'_, BulkItem>,
) -> Result<Vec<BulkItem>> {
    let request = app.requests.start(args.request);
    let events: &Events<_> = &request.events(events);
    request
        .run(bulk_policy(app, &args.targets, &args.patch, false, events))
        .await
}

/// Applies the patch to each target (4 at a time per vault), skipping the unchanged; streams
/// each result. A policy the preview read moments ago is not read again, and only the
/// sections the patch changes are sent.
pub async fn apply_bulk_policy(
    app: &App,
    _: &dyn Host,
    args: BulkPolicyArgs,
    events: &Events<'_, BulkItem>,
) -> Result<Vec<BulkItem>> {
    let request = app.requests.start(args.request);
    let events: &Events<_> = &request.events(events);
    request
        .run(bulk_policy(app, &args.targets, &args.patch, true, events))
        .await
}

/// Every certificate of `vaults` against `template`, streamed as each policy is read.
pub async fn check_compliance(
    app: &App,
    _: &dyn Host,
    args: ComplianceArgs,
    events: &Events<'_, ComplianceRow>,
) -> Result<usize> {
    let patch = policy::patch_from(&args.template);
    let request = app.requests.start(args.request);
    let events: &Events<_> = &request.events(events);
    request
        .run(async {
            let vault_count = args.vaults.len().max(1);
            // Owned ids: a closure over `&VaultId` would make the future fail Tauri's `Send`
            // check (a higher-ranked lifetime the compiler cannot prove general enough).
            let listings = args.vaults.into_iter().map(|vault| {
                let patch = &patch;
                async move {
                    let listed = async {
                        let connection = app.vaults.connect(vault).await?;
                        let pages: Vec<Vec<vault::CertificateSummary>> =
                            vault::list_certificates(&connection).try_collect().await?;
                        // Listed names follow the rule; one that did not would fail this vault.
                        let names = pages
                            .into_iter()
                            .flatten()
                            .map(|row| CertificateName::try_from(row.name))
                            .collect::<Result<Vec<_>>>()?;
                        Ok::<_, Error>(per_vault(names, move |name| {
                            let connection = connection.clone();
                            async move {
                                let read = connection.policy(&name).await;
                                Ok(ComplianceRow {
                                    target: CertificateRef { vault, name },
                                    deviations: read.as_ref().map_or_else(
                                        |_| Vec::new(),
                                        |current| {
                                            policy::diff(current, &policy::apply(patch, current))
                                        },
                                    ),
                                    error: read.err(),
                                })
                            }
                        }))
                    };
                    // A vault that cannot be listed is one error among the rows.
                    listed
                        .await
                        .unwrap_or_else(|err| futures::stream::iter([Err(err)]).boxed())
                }
            });
            let rows = futures::stream::iter(listings)
                .buffer_unordered(vault_count)
                .flatten_unordered(None);
            // Each vault's rows stream as soon as it is listed; a vault that cannot be listed
            // fails the check once the others have been streamed, so its absence is never
            // mistaken for compliance.
            let mut rows = std::pin::pin!(rows);
            let mut failed = None;
            let mut count = 0;
            while let Some(row) = rows.next().await {
                match row {
                    Ok(row) => {
                        events(row)?;
                        count += 1;
                    }
                    Err(err) => drop(failed.get_or_insert(err)),
                }
            }
            failed.map_or(Ok(count), Err)
        })
        .await
}

/// Runs `one` on each of a vault's `items`, as many at a time as the vault takes requests, so
/// each certificate goes from read to save without queueing behind every other read.
fn per_vault<'a, I, T, F>(items: Vec<I>, one: impl FnMut(I) -> F + Send + 'a) -> BoxStream<'a, T>
where
    I: Send + 'a,
    F: Future<Output = T> + Send + 'a,
{
    futures::stream::iter(items)
        .map(one)
        .buffer_unordered(vault::connection::PER_VAULT_CONCURRENCY)
        .boxed()
}

async fn bulk_policy(
    app: &App,
    targets: &[CertificateRef],
    patch: &PolicyPatch,
    save: bool,
    events: &Events<'_, BulkItem>,
) -> Result<Vec<BulkItem>> {
    // Few vaults, in the order the targets name them.
    let mut by_vault: Vec<(VaultId, Vec<CertificateRef>)> = Vec::new();
    for target in targets {
        match by_vault
            .iter_mut()
            .find(|(vault, _)| *vault == target.vault)
        {
            Some((_, targets)) => targets.push(target.clone()),
            None => by_vault.push((target.vault, vec![target.clone()])),
        }
    }
    let streams = by_vault.into_iter().map(|(_, targets)| {
        per_vault(targets, |target| async move {
            let outcome = bulk_one(app, &target, patch, save).await;
            BulkItem { target, outcome }
        })
    });
    let mut items = futures::stream::select_all(streams);
    let mut done = Vec::with_capacity(targets.len());
    while let Some(item) = items.next().await {
        events(item.clone())?;
        done.push(item);
    }
    Ok(done)
}

/// What the patch does to one certificate; every failure is its outcome, never dropped.
async fn bulk_one(
    app: &App,
    target: &CertificateRef,
    patch: &PolicyPatch,
    save: bool,
) -> BulkOutcome {
    let connection = match app.vaults.connect(target.vault).await {
        Ok(connection) => connection,
        Err(error) => return BulkOutcome::Failed { error },
    };
    let previewed = save
        .then(|| app.previewed.take(target.vault, &target.name))
        .flatten();
    let current = match previewed {
        Some(current) => current,
        None => match connection.policy(&target.name).await {
            Ok(current) => current,
            Err(error) => return BulkOutcome::Failed { error },
        },
    };
    if !save {
        app.previewed.keep(target.vault, &target.name, &current);
    }
    let patched = policy::apply(patch, &current);
    let changes = policy::diff(&current, &patched);
    if changes.is_empty() {
        return BulkOutcome::Unchanged;
    }
    let issues = rule_errors(&patched);
    if !issues.is_empty() {
        return BulkOutcome::Refused { issues };
    }
    if !save {
        return BulkOutcome::WouldChange { changes };
    }
    let sent = policy::changed_sections(&current, &patched);
    match connection.update_policy(&target.name, &sent).await {
        Ok(stored) => BulkOutcome::Changed {
            changes: policy::diff(&without_read_only(&current), &without_read_only(&stored)),
        },
        Err(error) => match service_refusal(&error) {
            Some(issue) => BulkOutcome::Refused {
                issues: vec![issue],
            },
            None => BulkOutcome::Failed { error },
        },
    }
}
