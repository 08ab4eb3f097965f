//! Policies of many certificates at once: bulk apply with a preview, and compliance against a
//! template.

use errors::Result;
use policy::{FieldChange, FieldIssue, PolicyPatch};
use serde::{Deserialize, Serialize};

use super::{CertificatePolicy, Events, VaultId};
use crate::{App, Host};

/// One certificate of one vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CertificateRef {
    pub vault: VaultId,
    pub name: String,
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
    _: &App,
    _: &dyn Host,
    _args: BulkPolicyArgs,
    _events: &Events<'_, BulkItem>,
) -> Result<Vec<BulkItem>> {
    todo!("preview_bulk_policy")
}

/// Applies the patch to each target (4 at a time per vault), skipping the unchanged; streams
/// each result.
pub async fn apply_bulk_policy(
    _: &App,
    _: &dyn Host,
    _args: BulkPolicyArgs,
    _events: &Events<'_, BulkItem>,
) -> Result<Vec<BulkItem>> {
    todo!("apply_bulk_policy")
}

/// Every certificate of `vaults` against `template`, streamed as each policy is read.
pub async fn check_compliance(
    _: &App,
    _: &dyn Host,
    _args: ComplianceArgs,
    _events: &Events<'_, ComplianceRow>,
) -> Result<usize> {
    todo!("check_compliance")
}
