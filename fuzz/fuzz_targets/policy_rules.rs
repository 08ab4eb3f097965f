//! The policy editor's backend: the service's rules, lint, diff and patches on arbitrary
//! policies, and the subject and SAN parsers.
//!
//! Input: UTF-8 text. Each of its first lines is a subject and a SAN value; the whole text,
//! when it is a JSON `Case`, gives the policies.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy::{LintContext, PolicyPatch};
use vault::CertificatePolicy;

#[derive(serde::Deserialize)]
struct Case {
    before: CertificatePolicy,
    #[serde(default)]
    after: CertificatePolicy,
    #[serde(default)]
    patch: PolicyPatch,
    #[serde(default)]
    contacts: Option<bool>,
    #[serde(default)]
    not_before: i64,
    #[serde(default)]
    expires: i64,
}

fn subject_round_trip(subject: &str) {
    let _ = policy::canonical_subject(subject);
    let _ = policy::common_names(subject);
    let Ok(attributes) = policy::parse_subject(subject) else {
        return;
    };
    let written = policy::format_subject(&attributes);
    let again = policy::parse_subject(&written)
        .unwrap_or_else(|e| panic!("{written:?}, written from {subject:?}, does not parse: {e}"));
    assert_eq!(again, attributes, "{subject:?} written as {written:?}");
}

fn sans(value: &str) {
    let _ = policy::dns_name(value);
    let _ = policy::email(value);
    let _ = policy::ip_address(value);
    let _ = policy::upn(value);
    let _ = policy::uri(value);
}

fn policies(case: &Case) {
    let context = LintContext {
        vault_has_contacts: case.contacts,
    };
    for policy in [&case.before, &case.after] {
        let _ = policy::check(policy);
        let _ = policy::lint(policy, &context);
        assert!(
            policy::diff(policy, policy).is_empty(),
            "a policy differs from itself"
        );
        assert_eq!(
            &policy::apply(&PolicyPatch::default(), policy),
            policy,
            "an empty patch changed the policy"
        );
        let _ = policy::next_action_at(policy, case.not_before, case.expires);
    }
    let _ = policy::diff(&case.before, &case.after);
    let _ = policy::changed_sections(&case.before, &case.after);
    let patched = policy::apply(&case.patch, &case.before);
    let _ = policy::check(&patched);
    let _ = policy::patched_fields(&case.patch);
    let _ = policy::apply(&policy::patch_from(&case.after), &case.before);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for line in text.lines().take(8) {
        subject_round_trip(line);
        sans(line);
    }
    if let Ok(case) = serde_json::from_str::<Case>(text) {
        policies(&case);
    }
});
