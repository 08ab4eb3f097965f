//! A certificate's management policy as CertDeck edits it: every field of Key Vault's
//! (api-version 2025-07-01), typed (conversions to and from the SDK's model: `convert`), and
//! reading and updating a certificate's policy. `field` tells which field a refusal is about.
//!
//! Field names follow the service's JSON (`key_props`, `x509_props`, …) in snake_case, so a
//! path such as `x509_props.validity_months` means the same here, on the wire and in
//! [`field::policy_field_of`].

mod convert;
pub mod field;

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
    /// service's message; [`field::policy_field_of`] finds the field.
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
