//! New certificates and their pending operations: create, watch, cancel, delete, merge.

use std::collections::BTreeMap;
use vault::CertificateName;

use errors::{Code, Error, Result};
use policy::FieldIssue;
use serde::{Deserialize, Serialize};
pub use vault::{DeletedName, IssuerSummary, OperationOutcome};

use super::{
    CertificateArgs, CertificatePolicy, CertificateSummary, PendingOperation, VaultArgs, VaultId,
};
use crate::refusals::{rule_errors, service_refusal};
use crate::signed_chain;
use crate::{App, Host};

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CreateCertificateArgs {
    pub vault: VaultId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub name: CertificateName,
    pub policy: CertificatePolicy,
    pub tags: BTreeMap<String, String>,
    pub enabled: bool,
    /// Required when the name is deleted but recoverable: recover or purge it first.
    pub deleted_name: Option<DeletedName>,
}

/// What asking for a new certificate did.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "outcome")]
pub enum CreateResult {
    Started {
        operation: PendingOperation,
    },
    /// Refused before sending, or by the service naming a field: nothing was created.
    Refused {
        issues: Vec<FieldIssue>,
    },
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WatchOperationArgs {
    pub vault: VaultId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub name: CertificateName,
    /// `cancel_request` with it stops watching (not the operation).
    pub request: u32,
}

/// Opened files (`open_file` handles) to merge into a pending certificate.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergeArgs {
    pub vault: VaultId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub name: CertificateName,
    pub files: Vec<u32>,
}

/// What merging the files would send, judged locally first.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergePlan {
    /// The leaf's public key is the CSR's and the chain is whole enough to send.
    pub ready: bool,
    /// Why not, in words (a key that is not the CSR's, no certificate, …).
    pub problems: Vec<String>,
    /// Subjects of what is sent, leaf first.
    pub chain: Vec<String>,
    /// Repairs made (reordered to leaf first, duplicates dropped), in words.
    pub repairs: Vec<String>,
}

pub async fn list_issuers(app: &App, _: &dyn Host, args: VaultArgs) -> Result<Vec<IssuerSummary>> {
    app.vaults.connect(args.vault).await?.issuers().await
}

/// Checks the policy as the service would, recovers or purges a deleted name when asked,
/// and starts the create; `watch_operation` follows it.
pub async fn create_certificate(
    app: &App,
    _: &dyn Host,
    args: CreateCertificateArgs,
) -> Result<CreateResult> {
    let issues = rule_errors(&args.policy);
    if !issues.is_empty() {
        return Ok(CreateResult::Refused { issues });
    }
    let connection = app.vaults.connect(args.vault).await?;
    let started = connection
        .after_deleted_name(&args.name, args.deleted_name, || {
            connection.create_certificate(&args.name, &args.policy, &args.tags, args.enabled)
        })
        .await;
    match started {
        Ok(operation) => Ok(CreateResult::Started { operation }),
        Err(err) => match service_refusal(&err) {
            Some(issue) => Ok(CreateResult::Refused {
                issues: vec![issue],
            }),
            None => Err(err),
        },
    }
}

/// Streams the operation's state until it ends; returns how it ended.
pub async fn watch_operation(
    app: &App,
    _: &dyn Host,
    args: WatchOperationArgs,
    events: &super::Events<'_, PendingOperation>,
) -> Result<OperationOutcome> {
    let request = app.requests.start(args.request);
    let events: &super::Events<_> = &request.events(events);
    request
        .run(async {
            let connection = app.vaults.connect(args.vault).await?;
            let mut undelivered = None;
            let outcome = connection
                .wait_for_operation(&args.name, |operation| {
                    if let Err(err) = events(operation.clone()) {
                        undelivered.get_or_insert(err);
                    }
                })
                .await?;
            // A state the UI never received is an error, not a quiet gap in its progress.
            undelivered.map_or(Ok(outcome), Err)
        })
        .await
}

pub async fn get_operation(
    app: &App,
    _: &dyn Host,
    args: CertificateArgs,
) -> Result<PendingOperation> {
    app.vaults
        .connect(args.vault)
        .await?
        .pending_operation(&args.name)
        .await
}

pub async fn cancel_operation(
    app: &App,
    _: &dyn Host,
    args: CertificateArgs,
) -> Result<PendingOperation> {
    app.vaults
        .connect(args.vault)
        .await?
        .cancel_operation(&args.name)
        .await
}

/// Removes the operation; returns it as it was.
pub async fn delete_operation(
    app: &App,
    _: &dyn Host,
    args: CertificateArgs,
) -> Result<PendingOperation> {
    app.vaults
        .connect(args.vault)
        .await?
        .delete_operation(&args.name)
        .await
}

/// Whether `files` hold the certificate signed for the pending CSR, and what would be sent.
pub async fn plan_merge(app: &App, _: &dyn Host, args: MergeArgs) -> Result<MergePlan> {
    Ok(merge_plan(app, &args).await?.0)
}

/// Merges what `plan_merge` showed; on success the files are closed. Refused (InvalidInput,
/// with the first problem) when the plan is not ready.
pub async fn merge_certificate(
    app: &App,
    _: &dyn Host,
    args: MergeArgs,
) -> Result<CertificateSummary> {
    let (plan, x5c) = merge_plan(app, &args).await?;
    if !plan.ready {
        let why = plan.problems.into_iter().next();
        return Err(Error::new(
            Code::InvalidInput,
            why.unwrap_or_else(|| "These files cannot be merged.".into()),
        ));
    }
    let row = app
        .vaults
        .connect(args.vault)
        .await?
        .merge_certificate(&args.name, x5c, &BTreeMap::new(), None)
        .await?;
    app.opened.close(&args.files);
    Ok(row)
}

/// Plans again on each call: one GET of the operation and a parse of a few certificates.
async fn merge_plan(app: &App, args: &MergeArgs) -> Result<(MergePlan, Vec<Vec<u8>>)> {
    let certificates = app.opened.certificates(&args.files)?;
    let operation = app
        .vaults
        .connect(args.vault)
        .await?
        .pending_operation(&args.name)
        .await?;
    let csr = operation
        .awaits_merge()
        .then_some(operation.csr.as_deref())
        .flatten();
    Ok(signed_chain::plan(csr, &certificates))
}
