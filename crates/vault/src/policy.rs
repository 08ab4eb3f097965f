//! A certificate's management policy as CertDeck edits it: every field of Key Vault's
//! (api-version 2025-07-01), typed, with conversions to and from the SDK's model; and reading
//! and updating a certificate's policy.
//!
//! Field names follow the service's JSON (`key_props`, `x509_props`, …) in snake_case, so a
//! path such as `x509_props.validity_months` means the same here, on the wire and in
//! [`crate::policy_field_of`].

use azure_core::time::OffsetDateTime;
use azure_security_keyvault_certificates::models as sdk;
use serde::{Deserialize, Serialize};

use crate::connection::VaultConnection;
use crate::error::{Code, Error, from_azure};

/// The issuer name of self-signed certificates.
pub const SELF_ISSUER: &str = "Self";
/// The issuer name of certificates the user signs elsewhere and merges (CSR flow).
pub const UNKNOWN_ISSUER: &str = "Unknown";

/// Key Vault's management policy of a certificate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CertificatePolicy {
    pub key_props: PolicyKey,
    pub secret_props: PolicySecret,
    pub x509_props: PolicyX509,
    /// None leaves the service's default (one action at 80 % of the lifetime) on create and
    /// the current actions on update; an empty list removes every action.
    pub lifetime_actions: Option<Vec<LifetimeAction>>,
    pub issuer: PolicyIssuer,
    pub attributes: PolicyAttributes,
}

/// `key_props`: the key pair behind the certificate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyKey {
    pub key_type: Option<KeyType>,
    /// RSA only: 2048, 3072 or 4096.
    pub key_size: Option<i32>,
    /// EC only.
    pub curve: Option<KeyCurve>,
    pub exportable: Option<bool>,
    /// Keep the key pair when the certificate is renewed.
    pub reuse_key: Option<bool>,
}

/// `secret_props`: the format of the secret holding certificate and key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicySecret {
    pub content_type: Option<SecretContentType>,
}

/// `x509_props`: what the issued certificate says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyX509 {
    /// An X.500 name, e.g. `CN=www.contoso.com, O=Contoso`.
    pub subject: Option<String>,
    pub sans: PolicySans,
    /// Extended key usage OIDs; None means the service's default (server and client auth).
    pub ekus: Option<Vec<String>>,
    /// None means the service's default for the key type.
    pub key_usage: Option<Vec<KeyUsage>>,
    pub validity_months: Option<i32>,
}

/// `x509_props.sans`: subject alternative names. An empty list is the same as none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicySans {
    pub dns_names: Vec<String>,
    pub emails: Vec<String>,
    /// User principal names.
    pub upns: Vec<String>,
    pub uris: Vec<String>,
    /// IPv4 or IPv6.
    pub ip_addresses: Vec<String>,
}

/// Something Key Vault does at a point of the certificate's lifetime.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LifetimeAction {
    pub trigger: LifetimeTrigger,
    pub action: LifetimeActionType,
}

/// When a lifetime action runs: exactly one of the two, as the service requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LifetimeTrigger {
    /// At this percentage of the lifetime, 1–99.
    LifetimePercentage(i32),
    /// This many days before expiry, 1 … 27 × validity_months.
    DaysBeforeExpiry(i32),
}

/// What a lifetime action does (the SDK knows no others).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum LifetimeActionType {
    /// Renew the certificate (not available with issuer `Unknown`).
    AutoRenew,
    /// Email the vault's certificate contacts.
    EmailContacts,
}

/// `issuer`: who signs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyIssuer {
    /// [`SELF_ISSUER`], [`UNKNOWN_ISSUER`] or the name of an issuer configured in the vault.
    pub name: Option<String>,
    /// A type the issuer's provider knows, e.g. `OV-SSL`.
    pub certificate_type: Option<String>,
    /// Publish to certificate transparency logs.
    pub certificate_transparency: Option<bool>,
}

/// `attributes` of the policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyAttributes {
    /// Whether certificates issued under the policy start enabled.
    pub enabled: Option<bool>,
    /// Unix seconds; set by the service, never sent.
    pub created: Option<i64>,
    pub updated: Option<i64>,
}

service_strings!(
    /// `kty`: the key's type.
    KeyType {
        Rsa = "RSA",
        RsaHsm = "RSA-HSM",
        Ec = "EC",
        EcHsm = "EC-HSM",
    }
);

service_strings!(
    /// `crv`: an EC key's curve.
    KeyCurve {
        P256 = "P-256",
        P384 = "P-384",
        P521 = "P-521",
        P256K = "P-256K",
    }
);

service_strings!(
    /// `key_usage`: what the certificate's key may be used for.
    KeyUsage {
        DigitalSignature = "digitalSignature",
        NonRepudiation = "nonRepudiation",
        KeyEncipherment = "keyEncipherment",
        DataEncipherment = "dataEncipherment",
        KeyAgreement = "keyAgreement",
        KeyCertSign = "keyCertSign",
        CrlSign = "cRLSign",
        EncipherOnly = "encipherOnly",
        DecipherOnly = "decipherOnly",
    }
);

service_strings!(
    /// `contentType`: the format the secret is downloaded in.
    SecretContentType {
        Pkcs12 = "application/x-pkcs12",
        Pem = "application/x-pem-file",
    }
);

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

impl VaultConnection {
    /// The policy of certificate `name`.
    pub async fn policy(&self, name: &str) -> Result<CertificatePolicy, Error> {
        let response = {
            let _permit = self.permit().await;
            self.certificates
                .get_certificate_policy(name, None)
                .await
                .and_then(|response| response.into_model())
        };
        response
            .map(CertificatePolicy::from)
            .map_err(|err| from_azure(&err, &self.entry.name, "get"))
    }

    /// Replaces the policy of certificate `name` with `policy` (the sections it sets) and
    /// returns what the vault stored, defaults filled in. A 400 naming a field keeps the
    /// service's message; [`crate::policy_field_of`] finds the field.
    pub async fn update_policy(
        &self,
        name: &str,
        policy: &CertificatePolicy,
    ) -> Result<CertificatePolicy, Error> {
        let body = sdk::CertificatePolicy::from(policy)
            .try_into()
            .map_err(|err: azure_core::Error| Error::new(Code::InvalidInput, err.to_string()))?;
        let response = {
            let _permit = self.permit().await;
            self.certificates
                .update_certificate_policy(name, body, None)
                .await
                .and_then(|response| response.into_model())
        };
        response
            .map(CertificatePolicy::from)
            .map_err(|err| from_azure(&err, &self.entry.name, "update"))
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

    #[test]
    fn the_ui_sees_service_strings_and_tagged_triggers() {
        let action = LifetimeAction {
            trigger: LifetimeTrigger::DaysBeforeExpiry(30),
            action: LifetimeActionType::EmailContacts,
        };
        assert_eq!(
            serde_json::to_value(&action).unwrap(),
            serde_json::json!({"trigger": {"days_before_expiry": 30}, "action": "EmailContacts"})
        );
        assert_eq!(
            serde_json::to_value([KeyType::RsaHsm, KeyType::Other("x".into())]).unwrap(),
            serde_json::json!(["RSA-HSM", "x"])
        );
        let parsed: Vec<KeyCurve> = serde_json::from_str(r#"["P-256K", "P-999"]"#).unwrap();
        assert_eq!(parsed, [KeyCurve::P256K, KeyCurve::Other("P-999".into())]);
    }
}
