//! Refusals of a policy as issues on its fields: the service's rules checked before sending,
//! and a service 400 put on the field it names, so a form shows both the same way.

use errors::{Code, Error};
use policy::{FieldIssue, Severity};
use vault::CertificatePolicy;

/// The rules `policy` breaks (errors only; lint's warnings never stop a save).
pub fn rule_errors(policy: &CertificatePolicy) -> Vec<FieldIssue> {
    policy::check(policy)
        .into_iter()
        .filter(|issue| issue.severity == Severity::Error)
        .collect()
}

/// A service 400 as the issue it raises (on the field its message names, or on "" when it
/// names none); None for every other error, which stays an error.
pub fn service_refusal(err: &Error) -> Option<FieldIssue> {
    (err.code == Code::InvalidInput).then(|| FieldIssue {
        field: vault::policy_field_of(&err.message)
            .unwrap_or_default()
            .to_owned(),
        severity: Severity::Error,
        message: err.message.clone(),
    })
}

/// `policy` without what the service sets and never takes (creation and update times), so
/// comparing what was sent with what was stored shows only real differences.
pub fn without_read_only(policy: &CertificatePolicy) -> CertificatePolicy {
    let mut policy = policy.clone();
    policy.attributes.created = None;
    policy.attributes.updated = None;
    policy
}
