//! Certificate policies: the wire shape (snake_case except `contentType`) and the defaults a
//! service-created policy carries (validation: `rules.rs`).

mod rules;

use serde::{Deserialize, Serialize};

use crate::domain::usages::{CLIENT_AUTH, SERVER_AUTH};

/// A certificate policy as sent and returned (without `id`, added when rendered).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Policy {
    /// Key properties.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_props: Option<KeyProps>,
    /// Secret properties.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_props: Option<SecretProps>,
    /// X.509 properties.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x509_props: Option<X509Props>,
    /// Lifetime actions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifetime_actions: Option<Vec<LifetimeAction>>,
    /// Issuer reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<IssuerRef>,
    /// Policy attributes (only `enabled` is taken from requests).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<PolicyAttributes>,
}

/// `key_props`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct KeyProps {
    /// Exportable private key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exportable: Option<bool>,
    /// `RSA`, `RSA-HSM`, `EC`, `EC-HSM`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kty: Option<String>,
    /// RSA size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_size: Option<u32>,
    /// Reuse the key on renewal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reuse_key: Option<bool>,
    /// EC curve.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crv: Option<String>,
}

/// `secret_props`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SecretProps {
    /// Secret content type.
    #[serde(rename = "contentType", skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
}

/// `x509_props`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct X509Props {
    /// Subject DN, e.g. `CN=example`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Subject alternative names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sans: Option<Sans>,
    /// Extended key usage OIDs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ekus: Option<Vec<String>>,
    /// Key usage names (`digitalSignature`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_usage: Option<Vec<String>>,
    /// Validity in months.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validity_months: Option<u32>,
    /// `{"ca": bool}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basic_constraints: Option<BasicConstraints>,
}

/// `basic_constraints`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct BasicConstraints {
    /// Whether a CA certificate.
    pub ca: bool,
}

/// `sans`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Sans {
    /// E-mail addresses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emails: Option<Vec<String>>,
    /// DNS names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dns_names: Option<Vec<String>>,
    /// User principal names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upns: Option<Vec<String>>,
    /// URIs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uris: Option<Vec<String>>,
    /// IPv4 and IPv6 addresses.
    #[serde(rename = "ipAddresses", skip_serializing_if = "Option::is_none")]
    pub ip_addresses: Option<Vec<String>>,
}

/// A lifetime action.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LifetimeAction {
    /// When.
    pub trigger: Trigger,
    /// What.
    pub action: Action,
}

/// A lifetime trigger: exactly one field set.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Trigger {
    /// Percentage of the lifetime, 1–99.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifetime_percentage: Option<i64>,
    /// Days before expiry, 1 … 27 × validity_months.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_before_expiry: Option<i64>,
}

/// A lifetime action type.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Action {
    /// `AutoRenew` or `EmailContacts`.
    pub action_type: String,
}

/// `issuer`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct IssuerRef {
    /// `Self`, `Unknown` or a configured issuer's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Certificate type for partnered issuers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cty: Option<String>,
    /// Certificate transparency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cert_transparency: Option<bool>,
}

/// Policy `attributes`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PolicyAttributes {
    /// Whether certificates created under the policy start enabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// Content type of PKCS#12 secrets.
pub const PKCS12: &str = "application/x-pkcs12";
/// Content type of PEM secrets.
pub const PEM: &str = "application/x-pem-file";
/// Issuer names with built-in meaning.
pub const SELF: &str = "Self";
/// The provider name of issuers that the data directory's CA signs for.
pub const LOCAL_CA_PROVIDER: &str = "CertDeckLocalCA";
/// The issuer that leaves signing to the user (merge).
pub const UNKNOWN: &str = "Unknown";

impl Policy {
    /// Fills the defaults a service-created policy carries.
    pub fn with_defaults(mut self) -> Policy {
        let key = self.key_props.get_or_insert_with(KeyProps::default);
        let ec = key.kty.as_deref().is_some_and(|k| k.starts_with("EC"));
        key.kty
            .get_or_insert_with(|| if key.crv.is_some() { "EC" } else { "RSA" }.to_string());
        if ec || key.crv.is_some() {
            key.crv.get_or_insert_with(|| "P-256".to_string());
        } else {
            key.key_size.get_or_insert(2048);
        }
        key.exportable.get_or_insert(true);
        key.reuse_key.get_or_insert(false);
        let secret = self.secret_props.get_or_insert_with(SecretProps::default);
        secret
            .content_type
            .get_or_insert_with(|| PKCS12.to_string());
        let x509 = self.x509_props.get_or_insert_with(X509Props::default);
        x509.validity_months.get_or_insert(12);
        x509.ekus
            .get_or_insert_with(|| vec![SERVER_AUTH.into(), CLIENT_AUTH.into()]);
        x509.key_usage.get_or_insert_with(|| {
            if ec {
                vec!["digitalSignature".into()]
            } else {
                vec!["digitalSignature".into(), "keyEncipherment".into()]
            }
        });
        x509.basic_constraints
            .get_or_insert_with(BasicConstraints::default);
        let issuer = self.issuer.get_or_insert_with(IssuerRef::default);
        issuer.name.get_or_insert_with(|| UNKNOWN.to_string());
        if self.lifetime_actions.is_none() {
            let action = if self.issuer_name() == UNKNOWN {
                "EmailContacts"
            } else {
                "AutoRenew"
            };
            self.lifetime_actions = Some(vec![LifetimeAction {
                trigger: Trigger {
                    lifetime_percentage: Some(80),
                    days_before_expiry: None,
                },
                action: Action {
                    action_type: action.to_string(),
                },
            }]);
        }
        self.attributes
            .get_or_insert_with(PolicyAttributes::default)
            .enabled
            .get_or_insert(true);
        self
    }

    /// Applies the sections present in `patch` (a policy update replaces whole sections).
    pub fn merged(mut self, patch: Policy) -> Policy {
        macro_rules! take {
            ($($field:ident),*) => { $( if patch.$field.is_some() { self.$field = patch.$field; } )* };
        }
        take!(
            key_props,
            secret_props,
            x509_props,
            lifetime_actions,
            issuer,
            attributes
        );
        self
    }

    /// Key properties (defaults if absent).
    pub fn key(&self) -> KeyProps {
        self.key_props.clone().unwrap_or_default()
    }

    /// The issuer name.
    pub fn issuer_name(&self) -> &str {
        self.issuer
            .as_ref()
            .and_then(|i| i.name.as_deref())
            .unwrap_or(UNKNOWN)
    }

    /// The secret content type.
    pub fn content_type(&self) -> &str {
        self.secret_props
            .as_ref()
            .and_then(|s| s.content_type.as_deref())
            .unwrap_or(PKCS12)
    }

    /// Validity in months.
    pub fn validity_months(&self) -> u32 {
        self.x509_props
            .as_ref()
            .and_then(|x| x.validity_months)
            .unwrap_or(12)
    }

    /// Whether new versions start enabled.
    pub fn enabled(&self) -> bool {
        self.attributes
            .as_ref()
            .and_then(|a| a.enabled)
            .unwrap_or(true)
    }
}
