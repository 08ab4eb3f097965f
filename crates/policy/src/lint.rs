//! Warnings: what the service accepts but an administrator should reconsider.

use std::net::IpAddr;

use vault::{CertificatePolicy, LifetimeActionType};

use crate::names::SERVER_AUTH;
use crate::rules::{host_name_problem, issuer_name};
use crate::subject::common_names;
use crate::{FieldIssue, LintContext, Severity};

/// Public TLS certificates may be valid for at most 398 days: 13 months.
pub const PUBLIC_TLS_MAX_MONTHS: i32 = 13;

fn warning(field: impl Into<String>, message: impl Into<String>) -> FieldIssue {
    FieldIssue {
        field: field.into(),
        severity: Severity::Warning,
        message: message.into(),
    }
}

/// Whether `name` looks like a host name a TLS client connects to: a valid DNS name (a
/// wildcard allowed) with at least one dot, or `localhost`, and not an IP address.
pub(crate) fn looks_like_host_name(name: &str) -> bool {
    name.eq_ignore_ascii_case("localhost")
        || (name.contains('.')
            && name.parse::<IpAddr>().is_err()
            && host_name_problem(name, true).is_none()
            && !name
                .rsplit('.')
                .next()
                .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit())))
}

/// The warnings, in form order. See [`crate::lint`].
///
/// - no lifetime action (unset or empty): nothing renews the certificate or warns before it
///   expires (unset on a new certificate gets the service's default, which is still worth
///   making explicit);
/// - `EmailContacts` while the vault has no certificate contacts;
/// - a public TLS certificate (server authentication, issuer neither `Self` nor `Unknown`)
///   valid for more than 13 months (398 days);
/// - a CN that is not among the DNS names (when there are DNS names): clients match only the
///   SANs;
/// - reusing the key on AutoRenew: the renewed certificate keeps the old key pair;
/// - a TLS certificate with an empty EKU list: the subject's CN looks like a host name (or
///   there are DNS names) and the EKU list is set but empty. An unset list is not warned
///   about: the service then sets server and client authentication.
pub fn lint(policy: &CertificatePolicy, context: &LintContext) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    let x509 = &policy.x509_props;
    let renews = policy
        .lifetime_actions
        .iter()
        .flatten()
        .any(|a| a.action == LifetimeActionType::AutoRenew);
    if policy.key_props.reuse_key == Some(true) && renews {
        issues.push(warning(
            "key_props.reuse_key",
            "Renewals reuse the key pair: a key that leaked stays in use after renewal. Turn \
             off key reuse unless something pins this key.",
        ));
    }

    let names = x509
        .subject
        .as_deref()
        .map(common_names)
        .unwrap_or_default();
    if !x509.sans.dns_names.is_empty() {
        for cn in &names {
            if !x509
                .sans
                .dns_names
                .iter()
                .any(|dns| dns.eq_ignore_ascii_case(cn))
            {
                issues.push(warning(
                    "x509_props.subject",
                    format!(
                        "The common name '{cn}' is not among the DNS names; browsers and TLS \
                         clients check only the DNS names. Add it to them."
                    ),
                ));
            }
        }
    }

    let tls = names.iter().any(|cn| looks_like_host_name(cn)) || !x509.sans.dns_names.is_empty();
    if tls && x509.ekus.as_ref().is_some_and(Vec::is_empty) {
        issues.push(warning(
            "x509_props.ekus",
            "This looks like a TLS certificate but has no extended key usage: some clients \
             refuse it. Add Server authentication (1.3.6.1.5.5.7.3.1).",
        ));
    }

    // Unset EKUs get the service's default, server and client authentication.
    let server_auth = x509
        .ekus
        .as_ref()
        .is_none_or(|ekus| ekus.iter().any(|e| e == SERVER_AUTH));
    let issuer = issuer_name(policy);
    let public = !issuer.eq_ignore_ascii_case(vault::SELF_ISSUER)
        && !issuer.eq_ignore_ascii_case(vault::UNKNOWN_ISSUER);
    let months = x509.validity_months.unwrap_or(12);
    if server_auth && public && months > PUBLIC_TLS_MAX_MONTHS {
        issues.push(warning(
            "x509_props.validity_months",
            format!(
                "Public TLS certificates may be valid for at most 398 days (13 months); issuer \
                 '{issuer}' may refuse {months} months or browsers distrust the certificate."
            ),
        ));
    }

    match &policy.lifetime_actions {
        None => issues.push(warning(
            "lifetime_actions",
            "No lifetime action is set: the service's default applies on a new certificate \
             and an existing one keeps what it has. Set one (e.g. AutoRenew at 80 % of \
             lifetime) to be sure.",
        )),
        Some(actions) if actions.is_empty() => issues.push(warning(
            "lifetime_actions",
            "No lifetime action: the certificate is neither renewed nor anyone warned before \
             it expires.",
        )),
        Some(actions) => {
            if context.vault_has_contacts == Some(false) {
                for (i, action) in actions.iter().enumerate() {
                    if action.action == LifetimeActionType::EmailContacts {
                        issues.push(warning(
                            format!("lifetime_actions.{i}.action"),
                            "EmailContacts e-mails the vault's certificate contacts, and this \
                             vault has none: nobody will be told. Add contacts to the vault.",
                        ));
                    }
                }
            }
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;
    use vault::{LifetimeAction, LifetimeTrigger, PolicyIssuer, PolicyX509};

    fn policy() -> CertificatePolicy {
        CertificatePolicy {
            x509_props: PolicyX509 {
                subject: Some("CN=www.contoso.com, O=Contoso".into()),
                validity_months: Some(12),
                ..Default::default()
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

    fn fields(policy: &CertificatePolicy, context: &LintContext) -> Vec<String> {
        let issues = lint(policy, context);
        assert!(issues.iter().all(|i| i.severity == Severity::Warning));
        issues.into_iter().map(|i| i.field).collect()
    }

    fn none() -> LintContext {
        LintContext::default()
    }

    #[test]
    fn a_sound_policy_has_no_warnings() {
        assert_eq!(lint(&policy(), &none()), []);
        for template in crate::builtin_templates() {
            assert_eq!(lint(&template.policy, &none()), [], "{}", template.id);
        }
    }

    #[test]
    fn missing_lifetime_actions() {
        let mut p = policy();
        p.lifetime_actions = None;
        assert_eq!(fields(&p, &none()), ["lifetime_actions"]);
        p.lifetime_actions = Some(vec![]);
        let issues = lint(&p, &none());
        assert_eq!(issues[0].field, "lifetime_actions");
        assert!(issues[0].message.contains("neither renewed"));
    }

    #[test]
    fn email_contacts_without_contacts() {
        let mut p = policy();
        p.lifetime_actions.as_mut().unwrap().push(LifetimeAction {
            trigger: LifetimeTrigger::DaysBeforeExpiry(30),
            action: LifetimeActionType::EmailContacts,
        });
        assert_eq!(fields(&p, &none()), Vec::<String>::new());
        let with = |has| LintContext {
            vault_has_contacts: Some(has),
        };
        assert_eq!(fields(&p, &with(true)), Vec::<String>::new());
        let issues = lint(&p, &with(false));
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].field, "lifetime_actions.1.action");
        assert!(issues[0].message.contains("has none"));
    }

    #[test]
    fn public_tls_validity() {
        let mut p = policy();
        p.x509_props.validity_months = Some(24);
        assert_eq!(fields(&p, &none()), Vec::<String>::new(), "self-signed");
        p.issuer.name = Some("DigiCert".into());
        assert_eq!(fields(&p, &none()), ["x509_props.validity_months"]);
        assert!(lint(&p, &none())[0].message.contains("398 days"));
        p.x509_props.validity_months = Some(13);
        assert_eq!(fields(&p, &none()), Vec::<String>::new());
        p.x509_props.validity_months = Some(24);
        p.x509_props.ekus = Some(vec![crate::names::CLIENT_AUTH.into()]);
        assert_eq!(fields(&p, &none()), Vec::<String>::new(), "not TLS server");
        p.x509_props.ekus = Some(vec![SERVER_AUTH.into()]);
        assert_eq!(fields(&p, &none()), ["x509_props.validity_months"]);
    }

    #[test]
    fn common_name_among_dns_names() {
        let mut p = policy();
        p.x509_props.sans.dns_names = vec!["WWW.contoso.com".into()];
        assert_eq!(fields(&p, &none()), Vec::<String>::new());
        p.x509_props.sans.dns_names = vec!["contoso.com".into()];
        assert_eq!(fields(&p, &none()), ["x509_props.subject"]);
        assert!(lint(&p, &none())[0].message.contains("'www.contoso.com'"));
    }

    #[test]
    fn reuse_key_with_auto_renew() {
        let mut p = policy();
        p.key_props.reuse_key = Some(true);
        assert_eq!(fields(&p, &none()), ["key_props.reuse_key"]);
        p.lifetime_actions.as_mut().unwrap()[0].action = LifetimeActionType::EmailContacts;
        assert_eq!(fields(&p, &none()), Vec::<String>::new());
    }

    #[test]
    fn tls_certificate_without_ekus() {
        let mut p = policy();
        p.x509_props.ekus = Some(vec![]);
        assert_eq!(fields(&p, &none()), ["x509_props.ekus"]);
        p.x509_props.subject = Some("CN=Alice Smith".into());
        assert_eq!(fields(&p, &none()), Vec::<String>::new());
        p.x509_props.sans.dns_names = vec!["a.contoso.com".into()];
        assert_eq!(
            fields(&p, &none()),
            ["x509_props.subject", "x509_props.ekus"]
        );
        assert!(looks_like_host_name("*.contoso.com"));
        assert!(looks_like_host_name("localhost"));
        assert!(!looks_like_host_name("10.0.0.1"));
        assert!(!looks_like_host_name("1.2"));
        assert!(!looks_like_host_name("Contoso Root CA"));
    }
}
