//! Certificate policies on the client side, pure functions over [`vault::CertificatePolicy`]:
//! the service's rules (so a form refuses what Key Vault would, on the field, before any
//! request), lint warnings, field-by-field diffs, X.500 subjects, built-in templates, and
//! patches for bulk changes. No network, no Tauri.

mod diff;
mod lint;
mod names;
mod patch;
mod rules;
mod subject;
mod templates;

use serde::{Deserialize, Serialize};
use vault::CertificatePolicy;

pub use diff::{EMPTY_LIST, NO_VALUE, lifetime_action_text};
pub use lint::PUBLIC_TLS_MAX_MONTHS;
pub use names::{content_type_label, eku_label, key_usage_label};
pub use patch::patched_fields;
pub use rules::{dns_name, email, ip_address, upn, uri};
pub use subject::{canonical_subject, common_names};
pub use templates::SUBJECT_PLACEHOLDER;

/// How bad a finding is: `Error` is what the service would refuse; `Warning` is lint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Severity {
    Error,
    Warning,
}

/// A finding on one field of a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldIssue {
    /// A dotted path in the policy's JSON (`x509_props.validity_months`,
    /// `x509_props.sans.dns_names.2`, `lifetime_actions.0.trigger`), as
    /// [`vault::policy_field_of`] names the field of a service refusal.
    pub field: String,
    pub severity: Severity,
    /// Written for the user.
    pub message: String,
}

/// One field that differs between two policies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldChange {
    /// The dotted path, as in [`FieldIssue::field`].
    pub field: String,
    /// The field's name for people ("Validity", "DNS names").
    pub label: String,
    /// The values as text; "—" for none.
    pub before: String,
    pub after: String,
}

/// What lint needs to know about the vault a policy lives in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LintContext {
    /// Whether the vault has certificate contacts (EmailContacts needs some); None: unknown.
    pub vault_has_contacts: Option<bool>,
}

/// One attribute of an X.500 subject, in order. `joined` marks an attribute that shares its
/// RDN with the one before (`CN=a+O=b`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SubjectAttribute {
    /// `CN`, `O`, `OU`, `L`, `ST`, `C`, `E`, or another type as written (e.g. `SERIALNUMBER`,
    /// a dotted OID).
    pub key: String,
    /// Unescaped.
    pub value: String,
    pub joined: bool,
}

/// A named starting point for a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyTemplate {
    /// `builtin:…` for the built-in ones, `user:…` for the user's.
    pub id: String,
    pub name: String,
    pub description: String,
    pub builtin: bool,
    pub policy: CertificatePolicy,
}

/// Fields to set on many policies at once (bulk apply, compliance fixes); `None` leaves a field
/// as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyPatch {
    pub key_type: Option<vault::KeyType>,
    pub key_size: Option<i32>,
    pub curve: Option<vault::KeyCurve>,
    pub exportable: Option<bool>,
    pub reuse_key: Option<bool>,
    pub content_type: Option<vault::SecretContentType>,
    pub ekus: Option<Vec<String>>,
    pub key_usage: Option<Vec<vault::KeyUsage>>,
    pub validity_months: Option<i32>,
    pub lifetime_actions: Option<Vec<vault::LifetimeAction>>,
    pub issuer_name: Option<String>,
    pub enabled: Option<bool>,
}

/// Every rule of the service's that a policy breaks, as errors on their fields.
///
/// Mirrors the service as the local vault does (crates/local-vault/src/domain/policy/rules.rs
/// and issuance.rs), with the service's defaults for unset fields: no key type is RSA (EC
/// when a curve is set), no size 2048, no curve P-256, unset `exportable` is on (so an HSM key
/// must turn it off), no validity 12 months, no issuer `Unknown` (so AutoRenew needs an
/// issuer). A certificate needs a subject or DNS names. Where the local vault is narrower than
/// the service it does not decide: P-256K is accepted, and so are subject attributes other
/// than CN, O, OU, L, ST, C and E. A lifetime action's "exactly one trigger" holds by type
/// ([`vault::LifetimeTrigger`]).
pub fn check(policy: &CertificatePolicy) -> Vec<FieldIssue> {
    rules::check(policy)
}

/// Warnings: what the service accepts but an administrator should reconsider.
///
/// - no lifetime action (unset or empty);
/// - `EmailContacts` while the vault has no certificate contacts;
/// - a public TLS certificate (server authentication, issuer neither `Self` nor `Unknown`)
///   valid for more than 13 months (398 days);
/// - a CN that is not among the DNS names (when there are DNS names);
/// - reusing the key with AutoRenew;
/// - a TLS certificate (CN looks like a host name, or DNS names are set) whose EKU list is
///   set but empty; an unset list gets the service's server and client authentication.
pub fn lint(policy: &CertificatePolicy, context: &LintContext) -> Vec<FieldIssue> {
    lint::lint(policy, context)
}

/// The fields that differ, in form order.
///
/// Lists whose order means nothing (SANs, EKUs, key usages) compare as sets, DNS names
/// ignoring case; subjects compare in canonical form; an unset list ("—", the service's
/// default) differs from an empty one ("none"); the read-only `created` and `updated` are
/// ignored.
pub fn diff(before: &CertificatePolicy, after: &CertificatePolicy) -> Vec<FieldChange> {
    diff::diff(before, after)
}

/// Parses an X.500 subject (RFC 4514 escaping, `+` multi-valued RDNs, `, ` or `,` between
/// RDNs); the message says where it breaks.
pub fn parse_subject(subject: &str) -> Result<Vec<SubjectAttribute>, String> {
    subject::parse_subject(subject)
}

/// Writes attributes as a subject, escaping what needs it; `parse_subject` reads it back.
pub fn format_subject(attributes: &[SubjectAttribute]) -> String {
    subject::format_subject(attributes)
}

/// The built-in templates, the Azure portal's defaults first.
///
/// Their subject is the placeholder [`SUBJECT_PLACEHOLDER`] (`CN=`) for the user to fill in.
pub fn builtin_templates() -> Vec<PolicyTemplate> {
    templates::builtin_templates()
}

/// `policy` with `patch` applied: each `Some` field set, the rest kept.
///
/// When the patch sets a key type, the key stays consistent with it: for EC (or EC-HSM) the
/// curve defaults to P-256 if none is set, and a key size that does not fit the curve is
/// cleared (unless the patch sets one); for RSA (or RSA-HSM) the curve is cleared (unless the
/// patch sets one) and the size defaults to 2048 if none is set. An unknown key type changes
/// nothing else.
pub fn apply(patch: &PolicyPatch, policy: &CertificatePolicy) -> CertificatePolicy {
    patch::apply(patch, policy)
}

/// A template's fields as a patch (for a compliance "fix"): every field [`PolicyPatch`] has,
/// as the template sets it. `diff(policy, apply(&patch_from(t), policy))` lists exactly the
/// fields `t` sets where `policy` differs, plus, when the key changes family (RSA ↔ EC), the
/// other family's size or curve that `apply` clears.
pub fn patch_from(template: &CertificatePolicy) -> PolicyPatch {
    patch::patch_from(template)
}

/// The sections of `after` that differ from `before`, the others left unset: sent as an
/// update, it changes what a patch changed and keeps whatever else the vault holds now (the
/// service merges the sections it is sent), even if `before` was read a while ago.
pub fn changed_sections(
    before: &CertificatePolicy,
    after: &CertificatePolicy,
) -> CertificatePolicy {
    patch::changed_sections(before, after)
}

/// When the policy's first lifetime action would fire for a version valid from `not_before`
/// to `expires` (Unix seconds); None without an action.
///
/// A percentage `p` fires at `not_before + (expires − not_before) × p / 100`, `d` days before
/// expiry at `expires − d × 86 400`; computed in 128 bits and saturated to `i64`.
pub fn next_action_at(policy: &CertificatePolicy, not_before: i64, expires: i64) -> Option<i64> {
    patch::next_action_at(policy, not_before, expires)
}
