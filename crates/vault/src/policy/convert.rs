//! Conversions between [`CertificatePolicy`] and the SDK's model of a policy.

use azure_core::time::OffsetDateTime;
use azure_security_keyvault_certificates::models as sdk;

use super::{
    CertificatePolicy, KeyCurve, KeyType, KeyUsage, LifetimeAction, LifetimeActionType,
    LifetimeTrigger, PolicyAttributes, PolicyIssuer, PolicyKey, PolicySans, PolicySecret,
    PolicyX509, SecretContentType,
};

impl From<sdk::CertificatePolicy> for CertificatePolicy {
    /// Lossless for every policy the service stores. The exceptions are values it refuses:
    /// a lifetime action without a trigger or an action type is left out, and a trigger with
    /// both fields keeps the percentage. `id` (the policy's URL) and the certificate-only
    /// attributes (nbf, exp, recovery level) are not part of a policy.
    fn from(policy: sdk::CertificatePolicy) -> Self {
        let key = policy.key_properties.unwrap_or_default();
        let x509 = policy.x509_certificate_properties.unwrap_or_default();
        let sans = x509.subject_alternative_names.unwrap_or_default();
        let issuer = policy.issuer_parameters.unwrap_or_default();
        let attributes = policy.attributes.unwrap_or_default();
        Self {
            key_props: PolicyKey {
                key_type: key.key_type.map(|t| KeyType::from(t.as_ref())),
                key_size: key.key_size,
                curve: key.curve.map(|c| KeyCurve::from(c.as_ref())),
                exportable: key.exportable,
                reuse_key: key.reuse_key,
            },
            secret_props: PolicySecret {
                content_type: policy
                    .secret_properties
                    .and_then(|s| s.content_type)
                    .map(|c| SecretContentType::from(c.as_str())),
            },
            x509_props: PolicyX509 {
                subject: x509.subject,
                sans: PolicySans {
                    dns_names: sans.dns_names.unwrap_or_default(),
                    emails: sans.emails.unwrap_or_default(),
                    upns: sans.user_principal_names.unwrap_or_default(),
                    uris: sans.uris.unwrap_or_default(),
                    ip_addresses: sans.ip_addresses.unwrap_or_default(),
                },
                ekus: x509.enhanced_key_usage,
                key_usage: x509
                    .key_usage
                    .map(|usages| usages.iter().map(|u| KeyUsage::from(u.as_ref())).collect()),
                validity_months: x509.validity_in_months,
            },
            lifetime_actions: policy
                .lifetime_actions
                .map(|actions| actions.into_iter().filter_map(lifetime_action).collect()),
            issuer: PolicyIssuer {
                name: issuer.name,
                certificate_type: issuer.certificate_type,
                certificate_transparency: issuer.certificate_transparency,
            },
            attributes: PolicyAttributes {
                enabled: attributes.enabled,
                created: attributes.created.map(|t| t.unix_timestamp()),
                updated: attributes.updated.map(|t| t.unix_timestamp()),
            },
        }
    }
}

fn lifetime_action(action: sdk::LifetimeAction) -> Option<LifetimeAction> {
    let trigger = action.trigger?;
    let trigger = match (trigger.lifetime_percentage, trigger.days_before_expiry) {
        (Some(percent), _) => LifetimeTrigger::LifetimePercentage(percent),
        (None, Some(days)) => LifetimeTrigger::DaysBeforeExpiry(days),
        (None, None) => return None,
    };
    let action = match action.action?.action_type? {
        sdk::CertificatePolicyAction::AutoRenew => LifetimeActionType::AutoRenew,
        sdk::CertificatePolicyAction::EmailContacts => LifetimeActionType::EmailContacts,
    };
    Some(LifetimeAction { trigger, action })
}

impl From<&CertificatePolicy> for sdk::CertificatePolicy {
    /// A section whose fields are all unset is left out, so an update keeps what the vault
    /// has; `sans` is always sent with `x509_props`, so removing the last name removes it.
    fn from(policy: &CertificatePolicy) -> Self {
        let key = &policy.key_props;
        let x509 = &policy.x509_props;
        let issuer = &policy.issuer;
        let attributes = &policy.attributes;
        let list = |values: &Vec<String>| (!values.is_empty()).then(|| values.clone());
        let key_properties = sdk::KeyProperties {
            key_type: key.key_type.as_ref().map(|t| sdk_enum(t.as_str())),
            key_size: key.key_size,
            curve: key.curve.as_ref().map(|c| sdk_enum(c.as_str())),
            exportable: key.exportable,
            reuse_key: key.reuse_key,
        };
        let x509_set = x509.subject.is_some()
            || x509.sans != PolicySans::default()
            || x509.ekus.is_some()
            || x509.key_usage.is_some()
            || x509.validity_months.is_some();
        let sans = &x509.sans;
        let unix = |t: Option<i64>| t.and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok());
        Self {
            attributes: (attributes != &PolicyAttributes::default()).then(|| {
                sdk::CertificateAttributes {
                    enabled: attributes.enabled,
                    created: unix(attributes.created),
                    updated: unix(attributes.updated),
                    ..Default::default()
                }
            }),
            id: None,
            issuer_parameters: (issuer != &PolicyIssuer::default()).then(|| {
                sdk::IssuerParameters {
                    name: issuer.name.clone(),
                    certificate_type: issuer.certificate_type.clone(),
                    certificate_transparency: issuer.certificate_transparency,
                }
            }),
            key_properties: (key != &PolicyKey::default()).then_some(key_properties),
            lifetime_actions: policy.lifetime_actions.as_ref().map(|actions| {
                actions
                    .iter()
                    .map(|action| {
                        let (lifetime_percentage, days_before_expiry) = match action.trigger {
                            LifetimeTrigger::LifetimePercentage(p) => (Some(p), None),
                            LifetimeTrigger::DaysBeforeExpiry(d) => (None, Some(d)),
                        };
                        sdk::LifetimeAction {
                            action: Some(sdk::LifetimeActionType {
                                action_type: Some(match action.action {
                                    LifetimeActionType::AutoRenew => {
                                        sdk::CertificatePolicyAction::AutoRenew
                                    }
                                    LifetimeActionType::EmailContacts => {
                                        sdk::CertificatePolicyAction::EmailContacts
                                    }
                                }),
                            }),
                            trigger: Some(sdk::LifetimeActionTrigger {
                                days_before_expiry,
                                lifetime_percentage,
                            }),
                        }
                    })
                    .collect()
            }),
            secret_properties: policy.secret_props.content_type.as_ref().map(|c| {
                sdk::SecretProperties {
                    content_type: Some(c.as_str().to_owned()),
                }
            }),
            x509_certificate_properties: x509_set.then(|| sdk::X509CertificateProperties {
                enhanced_key_usage: x509.ekus.clone(),
                key_usage: x509
                    .key_usage
                    .as_ref()
                    .map(|usages| usages.iter().map(|u| sdk_enum(u.as_str())).collect()),
                subject: x509.subject.clone(),
                subject_alternative_names: Some(sdk::SubjectAlternativeNames {
                    dns_names: list(&sans.dns_names),
                    emails: list(&sans.emails),
                    ip_addresses: list(&sans.ip_addresses),
                    uris: list(&sans.uris),
                    user_principal_names: list(&sans.upns),
                }),
                validity_in_months: x509.validity_months,
            }),
        }
    }
}

/// The SDK's enums parse any string (unknown ones into `UnknownValue`).
fn sdk_enum<T: std::str::FromStr<Err = std::convert::Infallible>>(value: &str) -> T {
    match value.parse() {
        Ok(parsed) => parsed,
        Err(never) => match never {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As the service returns a policy (2025-07-01), with every field the SDK carries set.
    const FULL: &str = r#"{
        "id": "https://contoso.vault.azure.net/certificates/web/policy",
        "key_props": {"exportable": true, "kty": "EC-HSM", "crv": "P-384", "reuse_key": true},
        "secret_props": {"contentType": "application/x-pem-file"},
        "x509_props": {
            "subject": "CN=www.contoso.com, O=Contoso",
            "sans": {"dns_names": ["www.contoso.com", "contoso.com"], "emails": ["ops@contoso.com"],
                     "upns": ["ops@contoso.com"], "uris": ["spiffe://contoso/web"],
                     "ipAddresses": ["10.0.0.1", "::1"]},
            "ekus": ["1.3.6.1.5.5.7.3.1"],
            "key_usage": ["digitalSignature", "cRLSign", "someFutureUsage"],
            "validity_months": 24,
            "basic_constraints": {"ca": false}
        },
        "lifetime_actions": [
            {"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "AutoRenew"}},
            {"trigger": {"days_before_expiry": 30}, "action": {"action_type": "EmailContacts"}}
        ],
        "issuer": {"name": "digicert", "cty": "OV-SSL", "cert_transparency": true},
        "attributes": {"enabled": false, "created": 1700000000, "updated": 1700000100}
    }"#;

    fn wire(policy: &sdk::CertificatePolicy) -> serde_json::Value {
        serde_json::to_value(policy).unwrap()
    }

    #[test]
    fn the_sdk_policy_survives_a_round_trip() {
        let sdk_policy: sdk::CertificatePolicy = serde_json::from_str(FULL).unwrap();
        let ours = CertificatePolicy::from(sdk_policy.clone());
        assert_eq!(ours.key_props.key_type, Some(KeyType::EcHsm));
        assert_eq!(ours.key_props.curve, Some(KeyCurve::P384));
        assert_eq!(ours.secret_props.content_type, Some(SecretContentType::Pem));
        assert_eq!(ours.x509_props.sans.ip_addresses, ["10.0.0.1", "::1"]);
        assert_eq!(ours.x509_props.sans.uris, ["spiffe://contoso/web"]);
        assert_eq!(
            ours.x509_props.key_usage.as_deref(),
            Some(
                &[
                    KeyUsage::DigitalSignature,
                    KeyUsage::CrlSign,
                    KeyUsage::Other("someFutureUsage".into())
                ][..]
            )
        );
        assert_eq!(
            ours.lifetime_actions.as_deref(),
            Some(
                &[
                    LifetimeAction {
                        trigger: LifetimeTrigger::LifetimePercentage(80),
                        action: LifetimeActionType::AutoRenew
                    },
                    LifetimeAction {
                        trigger: LifetimeTrigger::DaysBeforeExpiry(30),
                        action: LifetimeActionType::EmailContacts
                    }
                ][..]
            )
        );
        assert_eq!(ours.attributes.created, Some(1_700_000_000));

        let back = sdk::CertificatePolicy::from(&ours);
        assert_eq!(wire(&back), wire(&sdk_policy));
        let attributes = back.attributes.unwrap();
        assert_eq!(attributes.created.unwrap().unix_timestamp(), 1_700_000_000);
        assert_eq!(attributes.updated.unwrap().unix_timestamp(), 1_700_000_100);
        assert_eq!(
            CertificatePolicy::from(sdk::CertificatePolicy::from(&ours)),
            ours
        );
    }

    #[test]
    fn an_rsa_policy_and_unknown_values_round_trip_too() {
        let json = r#"{"key_props": {"kty": "oct-HSM", "key_size": 3072},
            "secret_props": {"contentType": "application/x-future"},
            "x509_props": {"subject": "CN=a", "sans": {}}, "lifetime_actions": [],
            "issuer": {"name": "Unknown"}}"#;
        let sdk_policy: sdk::CertificatePolicy = serde_json::from_str(json).unwrap();
        let ours = CertificatePolicy::from(sdk_policy.clone());
        assert_eq!(
            ours.key_props.key_type,
            Some(KeyType::Other("oct-HSM".into()))
        );
        assert_eq!(ours.lifetime_actions, Some(vec![]));
        assert_eq!(
            wire(&sdk::CertificatePolicy::from(&ours)),
            wire(&sdk_policy)
        );
    }

    #[test]
    fn unset_sections_are_not_sent() {
        let policy = CertificatePolicy {
            x509_props: PolicyX509 {
                validity_months: Some(6),
                ..Default::default()
            },
            ..Default::default()
        };
        assert_eq!(
            wire(&sdk::CertificatePolicy::from(&policy)),
            serde_json::json!({"x509_props": {"validity_months": 6, "sans": {}}})
        );
    }
}
