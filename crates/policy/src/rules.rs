//! The service's rules, as the local vault mirrors them (crates/local-vault/src/domain/policy/
//! rules.rs and issuance.rs), as errors on the field they are about. Defaults are the
//! service's: no key type is RSA (EC when a curve is set), no size 2048, no curve P-256, no
//! content type PKCS #12, no validity 12 months, no issuer `Unknown`, and an unset
//! `exportable` is on.

use std::net::IpAddr;

use vault::{
    CertificatePolicy, KeyCurve, KeyType, KeyUsage, LifetimeActionType, LifetimeTrigger, PolicyKey,
    SecretContentType,
};

use crate::names;
use crate::{FieldIssue, Severity, parse_subject};

const KEY_TYPES: &[&str] = &["RSA", "RSA-HSM", "EC", "EC-HSM"];
const CURVES: &[&str] = &["P-256", "P-384", "P-521", "P-256K"];
const RSA_SIZES: &[i32] = &[2048, 3072, 4096];
/// Key usage names as policies write them: the client side's one table.
const KEY_USAGE_NAMES: &[&str] = inspect::usages::KEY_USAGES;
/// The validity the service takes, in months.
pub const VALIDITY_MONTHS: std::ops::RangeInclusive<i32> = 1..=1200;
/// The lifetime percentages the service takes.
pub const LIFETIME_PERCENTAGE: std::ops::RangeInclusive<i32> = 1..=99;
/// `days_before_expiry` may be at most this many days per month of validity.
pub const DAYS_PER_VALIDITY_MONTH: i64 = 27;

fn error(field: impl Into<String>, message: impl Into<String>) -> FieldIssue {
    FieldIssue {
        field: field.into(),
        severity: Severity::Error,
        message: message.into(),
    }
}

/// Whether the policy's key is EC (by its type, or, with no type, because a curve is set).
pub(crate) fn is_ec(key: &PolicyKey) -> bool {
    match &key.key_type {
        Some(KeyType::Ec | KeyType::EcHsm) => true,
        Some(_) => false,
        None => key.curve.is_some(),
    }
}

/// The issuer name as the service takes it (`Unknown` when none is set).
pub(crate) fn issuer_name(policy: &CertificatePolicy) -> &str {
    policy
        .issuer
        .name
        .as_deref()
        .unwrap_or(vault::UNKNOWN_ISSUER)
}

/// Every rule broken, in form order.
pub fn check(policy: &CertificatePolicy) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    check_key(&policy.key_props, &mut issues);
    if let Some(SecretContentType::Other(other)) = &policy.secret_props.content_type {
        issues.push(error(
            "secret_props.content_type",
            format!(
                "Invalid content type '{other}': use application/x-pkcs12 (PKCS #12) or \
                 application/x-pem-file (PEM)."
            ),
        ));
    }
    check_subject(policy, &mut issues);
    check_sans(policy, &mut issues);
    check_usages(policy, &mut issues);
    let months = policy.x509_props.validity_months;
    if let Some(months) = months
        && !VALIDITY_MONTHS.contains(&months)
    {
        issues.push(error(
            "x509_props.validity_months",
            format!("Invalid validity of {months} months: it must be 1 to 1200 months."),
        ));
    }
    check_actions(policy, &mut issues);
    if let Some(name) = &policy.issuer.name
        && name.trim().is_empty()
    {
        issues.push(error(
            "issuer.name",
            "The issuer name is blank: use Self, Unknown or an issuer configured in the vault.",
        ));
    }
    issues
}

fn check_key(key: &PolicyKey, issues: &mut Vec<FieldIssue>) {
    match &key.key_type {
        Some(KeyType::Other(other)) => {
            let hint = names::spelling_of(other, KEY_TYPES)
                .map(|k| format!(" (written {k})"))
                .unwrap_or_default();
            issues.push(error(
                "key_props.key_type",
                format!("Invalid key type '{other}': use RSA, RSA-HSM, EC or EC-HSM{hint}."),
            ));
        }
        _ if is_ec(key) => check_ec(key, issues),
        _ => check_rsa(key, issues),
    }
    let hsm = matches!(key.key_type, Some(KeyType::RsaHsm | KeyType::EcHsm));
    if hsm && key.exportable != Some(false) {
        let message = if key.exportable == Some(true) {
            "HSM keys cannot be exportable: turn Exportable off, or choose a software key (RSA \
             or EC)."
        } else {
            "HSM keys cannot be exportable, and keys are exportable unless the policy says \
             otherwise: turn Exportable off."
        };
        issues.push(error("key_props.exportable", message));
    }
}

fn check_rsa(key: &PolicyKey, issues: &mut Vec<FieldIssue>) {
    if let Some(size) = key.key_size
        && !RSA_SIZES.contains(&size)
    {
        issues.push(error(
            "key_props.key_size",
            format!("Invalid key size {size}: RSA keys must be 2048, 3072 or 4096 bits."),
        ));
    }
    if let Some(curve) = &key.curve {
        issues.push(error(
            "key_props.curve",
            format!(
                "An RSA key has no curve ({} is set): clear the curve, or make the key EC.",
                curve.as_str()
            ),
        ));
    }
}

fn check_ec(key: &PolicyKey, issues: &mut Vec<FieldIssue>) {
    let bits = match key.curve.as_ref().unwrap_or(&KeyCurve::P256) {
        KeyCurve::P256 | KeyCurve::P256K => Some(256),
        KeyCurve::P384 => Some(384),
        KeyCurve::P521 => Some(521),
        KeyCurve::Other(other) => {
            let hint = names::spelling_of(other, CURVES)
                .map(|c| format!(" (written {c})"))
                .unwrap_or_default();
            issues.push(error(
                "key_props.curve",
                format!("Invalid curve '{other}': use P-256, P-384, P-521 or P-256K{hint}."),
            ));
            None
        }
    };
    if let Some(size) = key.key_size {
        let curve = key.curve.as_ref().map_or("P-256", KeyCurve::as_str);
        match bits {
            Some(bits) if bits != size => issues.push(error(
                "key_props.key_size",
                format!(
                    "Invalid key size {size} for an EC key: the curve sets the size ({curve} \
                     keys are {bits} bits); clear the key size."
                ),
            )),
            None if ![256, 384, 521].contains(&size) => issues.push(error(
                "key_props.key_size",
                format!("Invalid key size {size} for an EC key: EC keys are 256, 384 or 521 bits."),
            )),
            _ => {}
        }
    }
}

fn check_subject(policy: &CertificatePolicy, issues: &mut Vec<FieldIssue>) {
    const FIELD: &str = "x509_props.subject";
    let subject = policy.x509_props.subject.as_deref().unwrap_or("");
    if subject.is_empty() {
        // The service issues a certificate without a subject only when it has DNS names.
        if policy.x509_props.sans.dns_names.is_empty() {
            issues.push(error(
                FIELD,
                "The certificate needs a subject such as CN=www.contoso.com, or host names \
                 among its subject alternative names.",
            ));
        }
        return;
    }
    match parse_subject(subject) {
        Err(why) => issues.push(error(FIELD, format!("Invalid subject: {why}"))),
        Ok(attributes) if attributes.is_empty() => issues.push(error(
            FIELD,
            "The subject is blank: enter one such as CN=www.contoso.com, or clear it and add \
             host names to the subject alternative names.",
        )),
        Ok(_) => {}
    }
}

/// The check of one kind of SAN.
type SanRule = fn(&str) -> Result<(), String>;

fn check_sans(policy: &CertificatePolicy, issues: &mut Vec<FieldIssue>) {
    let sans = &policy.x509_props.sans;
    let lists: [(&str, &Vec<String>, SanRule); 5] = [
        ("dns_names", &sans.dns_names, dns_name),
        ("emails", &sans.emails, email),
        ("upns", &sans.upns, upn),
        ("uris", &sans.uris, uri),
        ("ip_addresses", &sans.ip_addresses, ip_address),
    ];
    for (name, values, rule) in lists {
        for (i, value) in values.iter().enumerate() {
            if let Err(message) = rule(value) {
                issues.push(error(format!("x509_props.sans.{name}.{i}"), message));
            }
        }
    }
}

fn check_usages(policy: &CertificatePolicy, issues: &mut Vec<FieldIssue>) {
    for (i, eku) in policy.x509_props.ekus.iter().flatten().enumerate() {
        if names::is_dotted_oid(eku) {
            continue;
        }
        let message = match names::eku_oid_of_name(eku) {
            Some(oid) => format!(
                "Invalid EKU '{eku}': the service takes OIDs; use {oid} ({}).",
                names::eku_label(oid)
            ),
            None => format!(
                "Invalid EKU '{eku}': expected a dotted OID such as 1.3.6.1.5.5.7.3.1 (Server \
                 authentication)."
            ),
        };
        issues.push(error(format!("x509_props.ekus.{i}"), message));
    }
    for usage in policy.x509_props.key_usage.iter().flatten() {
        if let KeyUsage::Other(other) = usage {
            let message = match names::spelling_of(other, KEY_USAGE_NAMES) {
                Some(known) => format!("Invalid key usage '{other}': it is written '{known}'."),
                None => format!(
                    "Invalid key usage '{other}': use {}.",
                    KEY_USAGE_NAMES.join(", ")
                ),
            };
            issues.push(error("x509_props.key_usage", message));
        }
    }
}

fn check_actions(policy: &CertificatePolicy, issues: &mut Vec<FieldIssue>) {
    let months = policy.x509_props.validity_months.unwrap_or(12);
    let issuer_unknown = issuer_name(policy).eq_ignore_ascii_case(vault::UNKNOWN_ISSUER);
    for (i, action) in policy.lifetime_actions.iter().flatten().enumerate() {
        let trigger = format!("lifetime_actions.{i}.trigger");
        match action.trigger {
            LifetimeTrigger::LifetimePercentage(p) if !LIFETIME_PERCENTAGE.contains(&p) => {
                issues.push(error(
                    trigger,
                    format!(
                        "Invalid trigger of this lifetime action: a percentage of the \
                         certificate's lifetime must be between 1 and 99, not {p}."
                    ),
                ));
            }
            // With an invalid validity, that field's error says it all.
            LifetimeTrigger::DaysBeforeExpiry(d) if VALIDITY_MONTHS.contains(&months) => {
                let max = DAYS_PER_VALIDITY_MONTH * i64::from(months);
                if !(1..=max).contains(&i64::from(d)) {
                    issues.push(error(
                        trigger,
                        format!(
                            "Invalid trigger of this lifetime action: days before expiry \
                             must be between 1 and {max} (27 × the validity of {months} \
                             months), not {d}."
                        ),
                    ));
                }
            }
            _ => {}
        }
        if action.action == LifetimeActionType::AutoRenew && issuer_unknown {
            issues.push(error(
                format!("lifetime_actions.{i}.action"),
                "AutoRenew is not supported with issuer Unknown (also the issuer when none is \
                 set): nobody signs the renewal. Use EmailContacts, or choose issuer Self or a \
                 configured issuer.",
            ));
        }
    }
}

/// Why a host name (ASCII) is not one, if it is not; a leading `*.` is allowed with
/// `wildcard`.
pub(crate) fn host_name_problem(name: &str, wildcard: bool) -> Option<String> {
    let rest = match name.strip_prefix("*.") {
        Some(rest) if wildcard => rest,
        _ => name,
    };
    if rest.contains('*') {
        return Some(if wildcard {
            "a wildcard can only be the whole leftmost label, as in *.contoso.com.".to_owned()
        } else {
            "'*' is not allowed here.".to_owned()
        });
    }
    if rest.is_empty() {
        return Some("it is empty.".to_owned());
    }
    let length = name.chars().count();
    if length > 253 {
        return Some(format!(
            "it is {length} characters long; at most 253 are allowed."
        ));
    }
    if rest.ends_with('.') {
        return Some("remove the trailing dot.".to_owned());
    }
    for label in rest.split('.') {
        if label.is_empty() {
            return Some("it has an empty label (two dots in a row, or a leading dot).".to_owned());
        }
        if let Some(c) = label
            .chars()
            .find(|c| !c.is_ascii_alphanumeric() && *c != '-')
        {
            return Some(format!(
                "'{c}' is not allowed; use letters, digits, hyphens and dots."
            ));
        }
        let length = label.len();
        if length > 63 {
            return Some(format!(
                "the label '{label}' is {length} characters long; at most 63 are allowed."
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Some(format!("the label '{label}' starts or ends with a hyphen."));
        }
    }
    None
}

/// The punycode form of a non-ASCII host name (a leading `*.` kept), if it has one that is a
/// valid host name.
pub(crate) fn punycode(name: &str, wildcard: bool) -> Option<String> {
    let (prefix, rest) = match name.strip_prefix("*.") {
        Some(rest) if wildcard => ("*.", rest),
        _ => ("", name),
    };
    let ascii = format!("{prefix}{}", idna::domain_to_ascii(rest).ok()?);
    (ascii != name && host_name_problem(&ascii, wildcard).is_none()).then_some(ascii)
}

fn domain_problem(domain: &str, wildcard: bool) -> Option<String> {
    if domain.is_ascii() {
        return host_name_problem(domain, wildcard);
    }
    Some(match punycode(domain, wildcard) {
        Some(ascii) => format!(
            "'{domain}' is an internationalised name, which certificates carry in its punycode \
             form: enter '{ascii}'."
        ),
        None => format!("'{domain}' is not a valid internationalised domain name."),
    })
}

/// A DNS name SAN: a host name, a wildcard only as the whole leftmost label.
pub fn dns_name(name: &str) -> Result<(), String> {
    match domain_problem(name, true) {
        None => Ok(()),
        Some(why) => Err(format!("Invalid DNS name '{name}': {why}")),
    }
}

fn mailbox(value: &str, what: &str, example: &str) -> Result<(), String> {
    let invalid = |why: String| Err(format!("Invalid {what} '{value}': {why}"));
    let Some((local, domain)) = value.rsplit_once('@') else {
        return invalid(format!("expected name@domain, e.g. {example}."));
    };
    if local.is_empty() {
        return invalid("there is no name before '@'.".to_owned());
    }
    if local.contains('@') {
        return invalid("it has more than one '@'.".to_owned());
    }
    if let Some(c) = local
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || !c.is_ascii())
    {
        return invalid(format!(
            "the name before '@' contains {c:?}; use ASCII letters, digits and punctuation."
        ));
    }
    if domain.is_empty() {
        return invalid("there is no domain after '@'.".to_owned());
    }
    match domain_problem(domain, false) {
        None => Ok(()),
        Some(why) => invalid(format!("the domain: {why}")),
    }
}

/// An e-mail SAN: `name@domain`.
pub fn email(value: &str) -> Result<(), String> {
    mailbox(value, "e-mail", "ops@contoso.com")
}

/// A user principal name SAN: `user@domain`.
pub fn upn(value: &str) -> Result<(), String> {
    mailbox(value, "UPN", "alice@contoso.com")
}

/// A URI SAN: absolute, with a scheme.
pub fn uri(value: &str) -> Result<(), String> {
    let invalid = || {
        Err(format!(
            "Invalid URI '{value}': expected an absolute URI with a scheme, such as \
             https://contoso.com/app or spiffe://contoso/web."
        ))
    };
    if value.trim() != value || value.chars().any(char::is_whitespace) {
        return invalid();
    }
    match url::Url::parse(value) {
        Ok(_) => Ok(()),
        Err(_) => invalid(),
    }
}

/// An IP address SAN: IPv4 or IPv6.
pub fn ip_address(value: &str) -> Result<(), String> {
    value.parse::<IpAddr>().map(|_| ()).map_err(|_| {
        format!("Invalid IP address '{value}': expected IPv4 (10.0.0.1) or IPv6 (2001:db8::1).")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use vault::{LifetimeAction, PolicyIssuer, PolicySans, PolicySecret, PolicyX509};

    /// A policy the service takes: RSA 2048, self-signed, `CN=www.contoso.com`.
    fn valid() -> CertificatePolicy {
        CertificatePolicy {
            key_props: PolicyKey {
                key_type: Some(KeyType::Rsa),
                key_size: Some(2048),
                exportable: Some(true),
                reuse_key: Some(false),
                ..Default::default()
            },
            secret_props: PolicySecret {
                content_type: Some(SecretContentType::Pkcs12),
            },
            x509_props: PolicyX509 {
                subject: Some("CN=www.contoso.com".into()),
                sans: PolicySans {
                    dns_names: vec!["www.contoso.com".into()],
                    ..Default::default()
                },
                ekus: Some(vec![names::SERVER_AUTH.into()]),
                key_usage: Some(vec![KeyUsage::DigitalSignature, KeyUsage::KeyEncipherment]),
                validity_months: Some(12),
            },
            lifetime_actions: Some(vec![LifetimeAction {
                trigger: LifetimeTrigger::LifetimePercentage(80),
                action: LifetimeActionType::AutoRenew,
            }]),
            issuer: PolicyIssuer {
                name: Some("Self".into()),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    /// The one issue `policy` has: its field and message.
    fn only_issue(policy: &CertificatePolicy) -> (String, String) {
        let issues = check(policy);
        assert_eq!(issues.len(), 1, "{issues:#?}");
        assert_eq!(issues[0].severity, Severity::Error);
        (issues[0].field.clone(), issues[0].message.clone())
    }

    fn assert_issue(policy: &CertificatePolicy, field: &str, words: &str) {
        let (got_field, message) = only_issue(policy);
        assert_eq!(got_field, field, "{message}");
        assert!(message.contains(words), "{message:?} lacks {words:?}");
    }

    #[test]
    fn a_valid_policy_and_the_defaults_pass() {
        assert_eq!(check(&valid()), []);
        // Nothing set but a subject: the service fills in its defaults.
        let mut minimal = CertificatePolicy::default();
        minimal.x509_props.subject = Some("CN=a".into());
        assert_eq!(check(&minimal), []);
    }

    #[test]
    fn key_types_sizes_and_curves() {
        let mut p = valid();
        p.key_props.key_type = Some(KeyType::Other("DSA".into()));
        assert_issue(&p, "key_props.key_type", "Invalid key type 'DSA'");
        p.key_props.key_type = Some(KeyType::Other("rsa".into()));
        assert_issue(&p, "key_props.key_type", "written RSA");

        for size in [2048, 3072, 4096] {
            let mut p = valid();
            p.key_props.key_size = Some(size);
            assert_eq!(check(&p), []);
        }
        let mut p = valid();
        p.key_props.key_size = Some(1024);
        assert_issue(&p, "key_props.key_size", "2048, 3072 or 4096");
        let mut p = valid();
        p.key_props.curve = Some(KeyCurve::P256);
        assert_issue(&p, "key_props.curve", "An RSA key has no curve");

        let ec = |curve: Option<KeyCurve>, size: Option<i32>| {
            let mut p = valid();
            p.key_props.key_type = Some(KeyType::Ec);
            p.key_props.curve = curve;
            p.key_props.key_size = size;
            p
        };
        for curve in [
            KeyCurve::P256,
            KeyCurve::P384,
            KeyCurve::P521,
            KeyCurve::P256K,
        ] {
            assert_eq!(check(&ec(Some(curve), None)), []);
        }
        assert_eq!(check(&ec(None, None)), []);
        assert_eq!(check(&ec(Some(KeyCurve::P384), Some(384))), []);
        assert_issue(
            &ec(Some(KeyCurve::P384), Some(256)),
            "key_props.key_size",
            "P-384 keys are 384 bits",
        );
        assert_issue(
            &ec(None, Some(2048)),
            "key_props.key_size",
            "P-256 keys are 256 bits",
        );
        assert_issue(
            &ec(Some(KeyCurve::Other("P-192".into())), None),
            "key_props.curve",
            "Invalid curve 'P-192'",
        );
        let mut p = ec(Some(KeyCurve::Other("p-384".into())), Some(1));
        let issues = check(&p);
        assert_eq!(issues.len(), 2, "{issues:?}");
        assert!(issues[0].message.contains("written P-384"));
        assert_eq!(issues[1].field, "key_props.key_size");
        // No key type but a curve: EC, as the service decides.
        p = valid();
        p.key_props.key_type = None;
        p.key_props.key_size = None;
        p.key_props.curve = Some(KeyCurve::P521);
        assert_eq!(check(&p), []);
    }

    #[test]
    fn hsm_keys_cannot_be_exportable() {
        for key_type in [KeyType::RsaHsm, KeyType::EcHsm] {
            let mut p = valid();
            if key_type == KeyType::EcHsm {
                p.key_props.key_size = None;
            }
            p.key_props.key_type = Some(key_type);
            assert_issue(&p, "key_props.exportable", "turn Exportable off");
            p.key_props.exportable = None;
            assert_issue(
                &p,
                "key_props.exportable",
                "unless the policy says otherwise",
            );
            p.key_props.exportable = Some(false);
            assert_eq!(check(&p), []);
        }
    }

    #[test]
    fn content_type_validity_and_usages() {
        let mut p = valid();
        p.secret_props.content_type = Some(SecretContentType::Other("text/plain".into()));
        assert_issue(&p, "secret_props.content_type", "application/x-pem-file");
        p.secret_props.content_type = Some(SecretContentType::Pem);
        assert_eq!(check(&p), []);

        for months in [0, -1, 1201] {
            let mut p = valid();
            p.x509_props.validity_months = Some(months);
            assert_issue(&p, "x509_props.validity_months", "1 to 1200 months");
        }
        for months in [1, 1200] {
            let mut p = valid();
            p.x509_props.validity_months = Some(months);
            assert_eq!(check(&p), []);
        }

        let mut p = valid();
        p.x509_props.key_usage = Some(vec![KeyUsage::Other("crlSign".into())]);
        assert_issue(&p, "x509_props.key_usage", "written 'cRLSign'");
        p.x509_props.key_usage = Some(vec![KeyUsage::Other("keyEncipherment2".into())]);
        assert_issue(
            &p,
            "x509_props.key_usage",
            "Invalid key usage 'keyEncipherment2'",
        );

        let mut p = valid();
        p.x509_props.ekus = Some(vec![names::CLIENT_AUTH.into(), "serverAuth".into()]);
        assert_issue(
            &p,
            "x509_props.ekus.1",
            "use 1.3.6.1.5.5.7.3.1 (Server authentication)",
        );
        p.x509_props.ekus = Some(vec!["1".into()]);
        assert_issue(&p, "x509_props.ekus.0", "expected a dotted OID");
    }

    #[test]
    fn lifetime_actions() {
        let with = |trigger, action, months| {
            let mut p = valid();
            p.x509_props.validity_months = Some(months);
            p.lifetime_actions = Some(vec![
                LifetimeAction {
                    trigger: LifetimeTrigger::DaysBeforeExpiry(10),
                    action: LifetimeActionType::EmailContacts,
                },
                LifetimeAction { trigger, action },
            ]);
            p
        };
        use LifetimeActionType::{AutoRenew, EmailContacts};
        use LifetimeTrigger::{DaysBeforeExpiry, LifetimePercentage};
        for p in [0, 100, -5] {
            assert_issue(
                &with(LifetimePercentage(p), AutoRenew, 12),
                "lifetime_actions.1.trigger",
                "between 1 and 99",
            );
        }
        assert_eq!(check(&with(LifetimePercentage(1), AutoRenew, 12)), []);
        assert_eq!(check(&with(LifetimePercentage(99), AutoRenew, 12)), []);
        assert_eq!(check(&with(DaysBeforeExpiry(54), EmailContacts, 2)), []);
        assert_issue(
            &with(DaysBeforeExpiry(55), EmailContacts, 2),
            "lifetime_actions.1.trigger",
            "between 1 and 54",
        );
        assert_issue(
            &with(DaysBeforeExpiry(0), EmailContacts, 2),
            "lifetime_actions.1.trigger",
            "between 1 and 54",
        );
        // Validity unset: 12 months.
        let mut p = with(DaysBeforeExpiry(325), EmailContacts, 12);
        p.x509_props.validity_months = None;
        assert_issue(&p, "lifetime_actions.1.trigger", "between 1 and 324");
        // An invalid validity is reported once, on its own field.
        assert_issue(
            &with(DaysBeforeExpiry(5), EmailContacts, 0),
            "x509_props.validity_months",
            "1 to 1200",
        );

        let mut p = with(LifetimePercentage(80), AutoRenew, 12);
        p.issuer.name = Some("unknown".into());
        assert_issue(
            &p,
            "lifetime_actions.1.action",
            "AutoRenew is not supported with issuer Unknown",
        );
        p.issuer.name = None;
        assert_issue(&p, "lifetime_actions.1.action", "Use EmailContacts");
        p.lifetime_actions.as_mut().unwrap()[1].action = EmailContacts;
        assert_eq!(check(&p), []);
        p.issuer.name = Some(" ".into());
        assert_issue(&p, "issuer.name", "issuer name is blank");
    }

    #[test]
    fn subject_or_dns_names_are_required() {
        let mut p = valid();
        p.x509_props.subject = None;
        assert_eq!(check(&p), []);
        p.x509_props.sans.dns_names.clear();
        assert_issue(&p, "x509_props.subject", "needs a subject");
        p.x509_props.subject = Some(String::new());
        assert_issue(&p, "x509_props.subject", "needs a subject");
        p.x509_props.subject = Some("www.contoso.com".into());
        assert_issue(&p, "x509_props.subject", "Invalid subject: Position 1");
        p.x509_props.subject = Some("  ".into());
        assert_issue(&p, "x509_props.subject", "blank");
        p.x509_props.subject = Some("CN=a, SERIALNUMBER=5".into());
        assert_eq!(check(&p), []);
    }

    #[test]
    fn dns_names() {
        for good in [
            "contoso.com",
            "*.contoso.com",
            "a-b.c0.io",
            "localhost",
            "xn--bcher-kva.de",
            &format!("{}.com", "a".repeat(63)),
        ] {
            assert_eq!(dns_name(good), Ok(()), "{good}");
        }
        let bad = |name: &str, words: &str| {
            let message = dns_name(name).unwrap_err();
            assert!(message.contains(words), "{name}: {message}");
            assert!(message.starts_with("Invalid DNS name"), "{message}");
        };
        bad("", "empty");
        bad("*", "wildcard");
        bad("a.*.com", "wildcard");
        bad("*a.contoso.com", "wildcard");
        bad("**.contoso.com", "wildcard");
        bad("a b.com", "' ' is not allowed");
        bad("a_b.com", "'_' is not allowed");
        bad("-a.com", "hyphen");
        bad("a-.com", "hyphen");
        bad("a..com", "empty label");
        bad(".a.com", "empty label");
        bad("a.com.", "trailing dot");
        bad(&format!("{}.com", "a".repeat(64)), "at most 63");
        bad(&["abcdefghi"; 26].join("."), "at most 253");
        bad("bücher.de", "enter 'xn--bcher-kva.de'");
        bad("*.bücher.de", "enter '*.xn--bcher-kva.de'");
        let mut p = valid();
        p.x509_props.sans.dns_names = vec!["ok.com".into(), "not ok".into()];
        assert_issue(
            &p,
            "x509_props.sans.dns_names.1",
            "Invalid DNS name 'not ok'",
        );
    }

    #[test]
    fn emails_upns_uris_and_ips() {
        assert_eq!(email("ops@contoso.com"), Ok(()));
        assert_eq!(upn("alice@contoso"), Ok(()));
        for (bad, words) in [
            ("nope", "expected name@domain"),
            ("@contoso.com", "no name before"),
            ("a@", "no domain"),
            ("a@b@c.com", "more than one"),
            ("a b@c.com", "contains ' '"),
            ("a@c_d.com", "the domain"),
            ("a@bücher.de", "xn--bcher-kva.de"),
            ("é@c.com", "ASCII"),
        ] {
            let message = email(bad).unwrap_err();
            assert!(message.contains(words), "{bad}: {message}");
        }
        assert!(upn("alice").unwrap_err().starts_with("Invalid UPN 'alice'"));

        for good in [
            "https://contoso.com/app",
            "spiffe://contoso/web",
            "urn:uuid:1234",
            "mailto:a@b.c",
        ] {
            assert_eq!(uri(good), Ok(()), "{good}");
        }
        for bad in [
            "contoso.com/app",
            "/relative",
            "",
            " https://a.com",
            "https://a b.com",
            "://x",
        ] {
            assert!(uri(bad).unwrap_err().contains("absolute URI"), "{bad}");
        }

        for good in ["10.0.0.1", "::1", "2001:db8::1", "255.255.255.255"] {
            assert_eq!(ip_address(good), Ok(()), "{good}");
        }
        for bad in ["256.0.0.1", "10.0.0", "1.2.3.4/24", "::g", "", " 10.0.0.1"] {
            assert!(ip_address(bad).is_err(), "{bad}");
        }

        let mut p = valid();
        p.x509_props.sans.emails = vec!["x".into()];
        p.x509_props.sans.upns = vec!["ok@a.b".into(), "y".into()];
        p.x509_props.sans.uris = vec!["rel".into()];
        p.x509_props.sans.ip_addresses = vec!["1.1.1.1".into(), "::1".into(), "nope".into()];
        let fields: Vec<String> = check(&p).into_iter().map(|i| i.field).collect();
        assert_eq!(
            fields,
            [
                "x509_props.sans.emails.0",
                "x509_props.sans.upns.1",
                "x509_props.sans.uris.0",
                "x509_props.sans.ip_addresses.2"
            ]
        );
    }

    /// Where the dotted names overlap, they are the ones `vault::policy_field_of` gives for the
    /// service's refusal of the same thing.
    #[test]
    fn fields_match_the_services_messages() {
        let mut p = valid();
        p.key_props.key_size = Some(1);
        p.key_props.curve = Some(KeyCurve::P384);
        p.secret_props.content_type = Some(SecretContentType::Other("x".into()));
        p.x509_props.validity_months = Some(0);
        p.x509_props.key_usage = Some(vec![KeyUsage::Other("x".into())]);
        p.x509_props.ekus = Some(vec!["x".into(), "serverAuth".into()]);
        p.x509_props.subject = Some("x".into());
        p.x509_props.sans.dns_names = vec!["a b".into(), "bücher.de".into()];
        p.x509_props.sans.emails = vec!["x".into(), "a@bücher.de".into()];
        p.x509_props.sans.upns = vec!["x".into()];
        p.issuer.name = Some(String::new());
        let mut q = valid();
        q.key_props.key_type = Some(KeyType::RsaHsm);
        q.x509_props.subject = Some("CN=a\\q".into());
        q.issuer.name = Some("Unknown".into());
        q.lifetime_actions = Some(vec![
            LifetimeAction {
                trigger: LifetimeTrigger::LifetimePercentage(100),
                action: LifetimeActionType::AutoRenew,
            },
            LifetimeAction {
                trigger: LifetimeTrigger::DaysBeforeExpiry(1000),
                action: LifetimeActionType::EmailContacts,
            },
        ]);
        let mut r = valid();
        r.key_props.key_type = Some(KeyType::Other("DSA".into()));
        let mut s = valid();
        s.key_props.key_type = Some(KeyType::EcHsm);
        s.key_props.key_size = Some(1);
        s.key_props.curve = Some(KeyCurve::Other("P-1".into()));
        s.x509_props.subject = None;
        s.x509_props.sans.dns_names.clear();
        let issues: Vec<FieldIssue> = [p, q, r, s].iter().flat_map(check).collect();
        assert!(issues.len() >= 20, "{issues:#?}");
        for issue in issues {
            let field = vault::policy_field_of(&issue.message)
                .unwrap_or_else(|| panic!("no field for {}", issue.message));
            assert!(
                issue.field.starts_with(field),
                "{} vs {field}: {}",
                issue.field,
                issue.message
            );
        }
    }

    /// A small xorshift generator, so the test needs no dependency and is reproducible.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn text(&mut self) -> String {
            const PIECES: &[&str] = &[
                "a",
                "*",
                ".",
                "-",
                "@",
                "\\",
                "\"",
                ",",
                "+",
                "=",
                "CN=",
                ":",
                "//",
                "é",
                "ß",
                "\u{1F600}",
                "\u{0}",
                " ",
                "xn--",
                "1",
                "::",
                "%",
                "[",
                "]",
                "\u{200d}",
                "ﬀ",
            ];
            let len = self.next() % 12;
            (0..len)
                .map(|_| PIECES[(self.next() % PIECES.len() as u64) as usize])
                .collect()
        }
        fn list(&mut self) -> Vec<String> {
            (0..self.next() % 3).map(|_| self.text()).collect()
        }
    }

    /// Hostile strings anywhere: check, lint, diff and apply never panic.
    #[test]
    fn hostile_policies_never_panic() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let mut previous = valid();
        for _ in 0..3_000 {
            let mut p = valid();
            p.x509_props.subject = Some(rng.text());
            p.x509_props.sans = PolicySans {
                dns_names: rng.list(),
                emails: rng.list(),
                upns: rng.list(),
                uris: rng.list(),
                ip_addresses: rng.list(),
            };
            p.x509_props.ekus = Some(rng.list());
            p.x509_props.key_usage = Some(
                rng.list()
                    .iter()
                    .map(|u| KeyUsage::from(u.as_str()))
                    .collect(),
            );
            p.x509_props.validity_months = Some(rng.next() as i32);
            p.key_props.key_size = Some(rng.next() as i32);
            p.key_props.curve = Some(KeyCurve::from(rng.text().as_str()));
            p.issuer.name = Some(rng.text());
            p.lifetime_actions = Some(vec![LifetimeAction {
                trigger: if rng.next().is_multiple_of(2) {
                    LifetimeTrigger::LifetimePercentage(rng.next() as i32)
                } else {
                    LifetimeTrigger::DaysBeforeExpiry(rng.next() as i32)
                },
                action: LifetimeActionType::AutoRenew,
            }]);
            let _ = check(&p);
            let _ = crate::lint(&p, &crate::LintContext::default());
            let _ = crate::diff(&previous, &p);
            let _ = crate::apply(&crate::patch_from(&p), &previous);
            let _ = crate::next_action_at(&p, rng.next() as i64, rng.next() as i64);
            previous = p;
        }
    }
}
