//! The built-in templates. Their subject is the placeholder `CN=` (an empty common name), which
//! the service takes and the form asks the user to fill in; a template without any subject
//! would fail [`crate::check`] (a certificate needs a subject or DNS names).

use vault::{
    CertificatePolicy, KeyCurve, KeyType, KeyUsage, LifetimeAction, LifetimeActionType,
    LifetimeTrigger, PolicyAttributes, PolicyIssuer, PolicyKey, PolicySans, PolicySecret,
    PolicyX509, SecretContentType,
};

use crate::PolicyTemplate;
use crate::names::{CLIENT_AUTH, SERVER_AUTH};

/// The subject placeholder of the templates.
pub const SUBJECT_PLACEHOLDER: &str = "CN=";

fn rsa_2048() -> PolicyKey {
    PolicyKey {
        key_type: Some(KeyType::Rsa),
        key_size: Some(2048),
        curve: None,
        exportable: Some(true),
        reuse_key: Some(false),
    }
}

fn policy(key: PolicyKey, ekus: &[&str], key_usage: Vec<KeyUsage>) -> CertificatePolicy {
    CertificatePolicy {
        key_props: key,
        secret_props: PolicySecret {
            content_type: Some(SecretContentType::Pkcs12),
        },
        x509_props: PolicyX509 {
            subject: Some(SUBJECT_PLACEHOLDER.to_owned()),
            sans: PolicySans::default(),
            ekus: Some(ekus.iter().map(|e| (*e).to_owned()).collect()),
            key_usage: Some(key_usage),
            validity_months: Some(12),
        },
        lifetime_actions: Some(vec![LifetimeAction {
            trigger: LifetimeTrigger::LifetimePercentage(80),
            action: LifetimeActionType::AutoRenew,
        }]),
        issuer: PolicyIssuer {
            name: Some(vault::SELF_ISSUER.to_owned()),
            certificate_type: None,
            certificate_transparency: None,
        },
        attributes: PolicyAttributes {
            enabled: Some(true),
            created: None,
            updated: None,
        },
    }
}

/// See [`crate::builtin_templates`].
pub fn builtin_templates() -> Vec<PolicyTemplate> {
    vec![
        PolicyTemplate {
            id: "builtin:azure-portal".into(),
            name: "Azure portal default".into(),
            description: "What the Azure portal's form starts with: a self-signed RSA 2048 \
                          certificate for 12 months, PKCS #12, exportable key, for TLS server \
                          and client authentication, renewed automatically at 80 % of its \
                          lifetime."
                .into(),
            builtin: true,
            policy: policy(
                rsa_2048(),
                &[SERVER_AUTH, CLIENT_AUTH],
                vec![KeyUsage::DigitalSignature, KeyUsage::KeyEncipherment],
            ),
        },
        PolicyTemplate {
            id: "builtin:tls-ec".into(),
            name: "TLS server (EC P-256)".into(),
            description: "A TLS server certificate with a smaller, faster EC P-256 key: server \
                          authentication only, digital signature, 12 months, renewed \
                          automatically at 80 % of its lifetime. Add the host names as DNS \
                          names."
                .into(),
            builtin: true,
            policy: policy(
                PolicyKey {
                    key_type: Some(KeyType::Ec),
                    key_size: None,
                    curve: Some(KeyCurve::P256),
                    exportable: Some(true),
                    reuse_key: Some(false),
                },
                &[SERVER_AUTH],
                vec![KeyUsage::DigitalSignature],
            ),
        },
        PolicyTemplate {
            id: "builtin:client-auth".into(),
            name: "Client authentication".into(),
            description: "A certificate a service or user presents to authenticate as a TLS \
                          client (mutual TLS, Entra ID app credentials): client \
                          authentication only, RSA 2048, 12 months, renewed automatically at \
                          80 % of its lifetime."
                .into(),
            builtin: true,
            policy: policy(
                rsa_2048(),
                &[CLIENT_AUTH],
                vec![KeyUsage::DigitalSignature, KeyUsage::KeyEncipherment],
            ),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_templates_pass_check_portal_first() {
        let templates = builtin_templates();
        let ids: Vec<&str> = templates.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "builtin:azure-portal",
                "builtin:tls-ec",
                "builtin:client-auth"
            ]
        );
        for template in &templates {
            assert!(template.builtin);
            assert!(!template.description.is_empty());
            assert_eq!(crate::check(&template.policy), [], "{}", template.id);
        }
        let portal = &templates[0].policy;
        assert_eq!(portal.key_props, rsa_2048());
        assert_eq!(
            portal.x509_props.ekus.as_deref(),
            Some(&[SERVER_AUTH.to_owned(), CLIENT_AUTH.to_owned()][..])
        );
        assert_eq!(portal.issuer.name.as_deref(), Some("Self"));
        assert_eq!(portal.attributes.enabled, Some(true));
        assert_eq!(templates[1].policy.key_props.curve, Some(KeyCurve::P256));
    }
}
