//! A certificate's policy: read, check as the service would, diff, save, renew; subjects.

use errors::Result;
pub use policy::{FieldChange, FieldIssue, PolicyPatch, SubjectAttribute};
use serde::{Deserialize, Serialize};
pub use vault::{CertificatePolicy, PendingOperation};

use super::{CertificateArgs, VaultId};
use crate::{App, Host};

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckPolicyArgs {
    /// The vault the policy is for (lint reads its contacts); None: no vault yet.
    pub vault: Option<VaultId>,
    pub policy: CertificatePolicy,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiffPoliciesArgs {
    pub before: CertificatePolicy,
    pub after: CertificatePolicy,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SavePolicyArgs {
    pub vault: VaultId,
    pub name: String,
    pub policy: CertificatePolicy,
}

/// What saving a policy did.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "outcome")]
pub enum SavedPolicy {
    /// Saved; `policy` is what the service stored, re-read, and `differences` the fields it
    /// stored otherwise than sent.
    Saved {
        policy: Box<CertificatePolicy>,
        differences: Vec<FieldChange>,
    },
    /// Refused before sending (the rules) or by the service (a 400 naming a field): nothing
    /// changed.
    Refused { issues: Vec<FieldIssue> },
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ParseSubjectArgs {
    pub subject: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FormatSubjectArgs {
    pub attributes: Vec<SubjectAttribute>,
}

pub async fn get_policy(
    app: &App,
    _: &dyn Host,
    args: CertificateArgs,
) -> Result<CertificatePolicy> {
    app.vaults
        .connect(args.vault)
        .await?
        .policy(&args.name)
        .await
}

/// The rules' errors and lint's warnings, each on its field.
pub async fn check_policy(
    _: &App,
    _: &dyn Host,
    _args: CheckPolicyArgs,
) -> Result<Vec<FieldIssue>> {
    todo!("check_policy")
}

pub async fn diff_policies(
    _: &App,
    _: &dyn Host,
    args: DiffPoliciesArgs,
) -> Result<Vec<FieldChange>> {
    Ok(policy::diff(&args.before, &args.after))
}

/// Checks, saves, re-reads: what the service stored, and where it differs from what was sent.
pub async fn save_policy(_: &App, _: &dyn Host, _args: SavePolicyArgs) -> Result<SavedPolicy> {
    todo!("save_policy")
}

/// A new version from the current policy.
pub async fn renew_certificate(
    _: &App,
    _: &dyn Host,
    _args: CertificateArgs,
) -> Result<PendingOperation> {
    todo!("renew_certificate")
}

pub async fn parse_subject(
    _: &App,
    _: &dyn Host,
    _args: ParseSubjectArgs,
) -> Result<Vec<SubjectAttribute>> {
    todo!("parse_subject")
}

pub async fn format_subject(_: &App, _: &dyn Host, args: FormatSubjectArgs) -> Result<String> {
    Ok(policy::format_subject(&args.attributes))
}
