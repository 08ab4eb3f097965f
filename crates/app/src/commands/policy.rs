//! A certificate's policy: read, check as the service would, diff, save, renew; subjects.

use errors::{Code, Error, Result};
use policy::LintContext;
pub use policy::{FieldChange, FieldIssue, PolicyPatch, SubjectAttribute};
use serde::{Deserialize, Serialize};
use vault::CertificateName;
pub use vault::{CertificatePolicy, PendingOperation};

use super::{CertificateArgs, VaultId};
use crate::refusals::{rule_errors, service_refusal, without_read_only};
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
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub name: CertificateName,
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
    app: &App,
    _: &dyn Host,
    args: CheckPolicyArgs,
) -> Result<Vec<FieldIssue>> {
    let context = LintContext {
        vault_has_contacts: match args.vault {
            Some(vault) => Some(app.vaults.connect(vault).await?.has_contacts().await?),
            None => None,
        },
    };
    let mut issues = policy::check(&args.policy);
    issues.extend(policy::lint(&args.policy, &context));
    Ok(issues)
}

pub async fn diff_policies(
    _: &App,
    _: &dyn Host,
    args: DiffPoliciesArgs,
) -> Result<Vec<FieldChange>> {
    Ok(policy::diff(&args.before, &args.after))
}

/// Checks, saves, re-reads: what the service stored, and where it differs from what was sent.
pub async fn save_policy(app: &App, _: &dyn Host, args: SavePolicyArgs) -> Result<SavedPolicy> {
    let issues = rule_errors(&args.policy);
    if !issues.is_empty() {
        return Ok(SavedPolicy::Refused { issues });
    }
    let connection = app.vaults.connect(args.vault).await?;
    if let Err(err) = connection.update_policy(&args.name, &args.policy).await {
        return match service_refusal(&err) {
            Some(issue) => Ok(SavedPolicy::Refused {
                issues: vec![issue],
            }),
            None => Err(err),
        };
    }
    // Re-read rather than trust the update's answer: the editor shows what a later read shows.
    let stored = connection.policy(&args.name).await?;
    Ok(SavedPolicy::Saved {
        differences: policy::diff(
            &without_read_only(&args.policy),
            &without_read_only(&stored),
        ),
        policy: Box::new(stored),
    })
}

/// A new version from the current policy.
pub async fn renew_certificate(
    app: &App,
    _: &dyn Host,
    args: CertificateArgs,
) -> Result<PendingOperation> {
    let connection = app.vaults.connect(args.vault).await?;
    let current = connection.policy(&args.name).await?;
    // The portal's "renew now" is a create under the same policy, sending no tags.
    let enabled = current.attributes.enabled.unwrap_or(true);
    connection
        .create_certificate(&args.name, &current, &Default::default(), enabled)
        .await
}

pub async fn parse_subject(
    _: &App,
    _: &dyn Host,
    args: ParseSubjectArgs,
) -> Result<Vec<SubjectAttribute>> {
    policy::parse_subject(&args.subject).map_err(|message| Error::new(Code::InvalidInput, message))
}

pub async fn format_subject(_: &App, _: &dyn Host, args: FormatSubjectArgs) -> Result<String> {
    Ok(policy::format_subject(&args.attributes))
}
