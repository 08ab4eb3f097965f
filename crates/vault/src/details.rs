//! One certificate in full: its attributes, its parsed `cer` and a summary of its policy.

use azure_security_keyvault_certificates::models::{
    CertificateClientGetCertificateOptions, CertificatePolicy, LifetimeAction,
};
use serde::Serialize;

use crate::connection::VaultConnection;
use crate::error::{Code, Error, from_azure};
use crate::listing::{CertificateSummary, now};

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CertificateDetails {
    pub summary: CertificateSummary,
    /// The parsed certificate; none while it is pending.
    pub certificate: Option<inspect::CertificateInfo>,
    /// Only the latest version carries the policy.
    pub policy: Option<PolicySummary>,
}

/// The policy's settings an administrator checks at a glance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicySummary {
    /// `Self`, `Unknown` or a configured issuer's name.
    pub issuer: Option<String>,
    pub subject: Option<String>,
    pub key_type: Option<String>,
    pub key_size: Option<i32>,
    pub curve: Option<String>,
    pub exportable: Option<bool>,
    pub reuse_key: Option<bool>,
    /// `application/x-pkcs12` or `application/x-pem-file`.
    pub content_type: Option<String>,
    pub validity_months: Option<i32>,
    /// Each action in words, e.g. "AutoRenew at 80 % of lifetime".
    pub lifetime_actions: Vec<String>,
}

impl From<CertificatePolicy> for PolicySummary {
    fn from(policy: CertificatePolicy) -> Self {
        let key = policy.key_properties.unwrap_or_default();
        let x509 = policy.x509_certificate_properties.unwrap_or_default();
        Self {
            issuer: policy.issuer_parameters.and_then(|issuer| issuer.name),
            subject: x509.subject,
            key_type: key.key_type.map(|t| t.to_string()),
            key_size: key.key_size,
            curve: key.curve.map(|c| c.to_string()),
            exportable: key.exportable,
            reuse_key: key.reuse_key,
            content_type: policy.secret_properties.and_then(|s| s.content_type),
            validity_months: x509.validity_in_months,
            lifetime_actions: policy
                .lifetime_actions
                .unwrap_or_default()
                .iter()
                .map(describe_action)
                .collect(),
        }
    }
}

fn describe_action(action: &LifetimeAction) -> String {
    let what = action
        .action
        .as_ref()
        .and_then(|a| a.action_type.as_ref())
        .map_or_else(|| "Unknown action".to_owned(), ToString::to_string);
    let trigger = action.trigger.as_ref();
    match (
        trigger.and_then(|t| t.lifetime_percentage),
        trigger.and_then(|t| t.days_before_expiry),
    ) {
        (Some(percent), _) => format!("{what} at {percent} % of lifetime"),
        (None, Some(days)) => format!("{what} {days} days before expiry"),
        (None, None) => what,
    }
}

impl VaultConnection {
    /// Fetches certificate `name` (its latest version unless `version` is given) and parses it.
    pub async fn certificate(
        &self,
        name: &str,
        version: Option<&str>,
    ) -> Result<CertificateDetails, Error> {
        let options = CertificateClientGetCertificateOptions {
            certificate_version: version.map(str::to_owned),
            ..Default::default()
        };
        let response = {
            let _permit = self.permit().await;
            self.certificates
                .get_certificate(name, Some(options))
                .await
                .and_then(|response| response.into_model())
        };
        let bundle = response.map_err(|err| from_azure(&err, &self.entry.name, "get"))?;
        let malformed = |what: &str| {
            Error::new(
                Code::Service,
                format!("{} sent {name} with {what}.", self.entry.name),
            )
        };
        let id = bundle.id.ok_or_else(|| malformed("no id"))?;
        let summary = CertificateSummary::new(
            id,
            bundle.attributes,
            bundle.x509_thumbprint,
            bundle.tags,
            now(),
        )
        .ok_or_else(|| malformed("an id that is not a certificate's"))?;
        let certificate = bundle
            .cer
            .filter(|der| !der.is_empty())
            .map(|der| inspect::describe_certificate(&der))
            .transpose()
            .map_err(|err| malformed(&format!("an unreadable certificate ({err})")))?;
        Ok(CertificateDetails {
            summary,
            certificate,
            policy: bundle.policy.map(PolicySummary::from),
        })
    }
}
