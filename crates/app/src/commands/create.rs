//! New certificates and their pending operations: create, watch, cancel, delete, merge.

use std::collections::BTreeMap;

use errors::Result;
use policy::FieldIssue;
use serde::{Deserialize, Serialize};
pub use vault::{DeletedName, IssuerSummary, OperationOutcome};

use super::{
    CertificateArgs, CertificatePolicy, CertificateSummary, PendingOperation, VaultArgs, VaultId,
};
use crate::{App, Host};

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CreateCertificateArgs {
    pub vault: VaultId,
    pub name: String,
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
    pub name: String,
    /// `cancel_request` with it stops watching (not the operation).
    pub request: u32,
}

/// Opened files (`open_file` handles) to merge into a pending certificate.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergeArgs {
    pub vault: VaultId,
    pub name: String,
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

pub async fn create_certificate(
    _: &App,
    _: &dyn Host,
    _args: CreateCertificateArgs,
) -> Result<CreateResult> {
    todo!("create_certificate")
}

/// Streams the operation's state until it ends; returns how it ended.
pub async fn watch_operation(
    _: &App,
    _: &dyn Host,
    _args: WatchOperationArgs,
    _events: &super::Events<'_, PendingOperation>,
) -> Result<OperationOutcome> {
    todo!("watch_operation")
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

pub async fn plan_merge(_: &App, _: &dyn Host, _args: MergeArgs) -> Result<MergePlan> {
    todo!("plan_merge")
}

pub async fn merge_certificate(
    _: &App,
    _: &dyn Host,
    _args: MergeArgs,
) -> Result<CertificateSummary> {
    todo!("merge_certificate")
}
