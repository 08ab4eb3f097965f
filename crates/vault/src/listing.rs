//! Certificates of a vault, streamed a page at a time (never one request per certificate).

use std::collections::BTreeMap;

use azure_security_keyvault_certificates::models::{
    CertificateClientListCertificatePropertiesOptions, CertificateProperties,
};
use futures::StreamExt;
use futures::stream::BoxStream;
use serde::Serialize;

use crate::connection::VaultConnection;
use crate::error::VaultError;

/// One row of a vault's certificate table: what the list call returns, nothing fetched per row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateSummary {
    pub name: String,
    /// The certificate's id without a version.
    pub id: String,
    pub enabled: bool,
    /// Unix seconds.
    pub not_before: Option<i64>,
    pub expires: Option<i64>,
    pub created: Option<i64>,
    pub updated: Option<i64>,
    /// SHA-1 thumbprint, uppercase hex; none while the certificate is still pending.
    pub thumbprint: Option<String>,
    pub tags: BTreeMap<String, String>,
}

/// The status an administrator sorts and filters by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CertificateStatus {
    Expired,
    ExpiresSoon,
    Disabled,
    Pending,
    Healthy,
}

/// "Expires soon" means within this many days.
pub const SOON_DAYS: i64 = 30;

impl CertificateSummary {
    pub fn status(&self, now: i64) -> CertificateStatus {
        match self.expires {
            _ if self.thumbprint.is_none() => CertificateStatus::Pending,
            Some(expires) if expires <= now => CertificateStatus::Expired,
            _ if !self.enabled => CertificateStatus::Disabled,
            Some(expires) if expires - now <= SOON_DAYS * 86_400 => CertificateStatus::ExpiresSoon,
            _ => CertificateStatus::Healthy,
        }
    }

    fn from_properties(properties: CertificateProperties) -> Option<Self> {
        let id = properties.id?;
        let name = id.trim_end_matches('/').rsplit('/').next()?.to_owned();
        let attributes = properties.attributes.unwrap_or_default();
        let unix = |t: Option<azure_core::time::OffsetDateTime>| t.map(|t| t.unix_timestamp());
        Some(Self {
            name,
            id,
            enabled: attributes.enabled.unwrap_or(false),
            not_before: unix(attributes.not_before),
            expires: unix(attributes.expires),
            created: unix(attributes.created),
            updated: unix(attributes.updated),
            thumbprint: properties
                .x509_thumbprint
                .map(|bytes| bytes.iter().map(|b| format!("{b:02X}")).collect()),
            tags: properties.tags.unwrap_or_default().into_iter().collect(),
        })
    }
}

/// Streams the vault's certificates page by page (pending ones included). Each page request
/// takes one of the vault's concurrency permits; dropping the stream cancels the request in
/// flight. The stream ends after the first error.
pub fn list_certificates(
    vault: &VaultConnection,
) -> BoxStream<'_, Result<Vec<CertificateSummary>, VaultError>> {
    let options = CertificateClientListCertificatePropertiesOptions {
        include_pending: Some(true),
        ..Default::default()
    };
    let pages = vault
        .certificates
        .list_certificate_properties(Some(options))
        .map(|pager| pager.into_pages());
    let failed = |err: azure_core::Error| VaultError::from_azure(&err, &vault.entry.name, "list");
    futures::stream::unfold(Some(pages), move |state| async move {
        let mut pages = match state? {
            Ok(pages) => pages,
            Err(err) => return Some((Err(failed(err)), None)),
        };
        let permit = vault.permits.acquire().await.ok()?;
        let page = pages.next().await;
        drop(permit);
        let rows = page?.and_then(|page| page.into_model()).map(|body| {
            body.value
                .into_iter()
                .filter_map(CertificateSummary::from_properties)
                .collect()
        });
        match rows {
            Ok(rows) => Some((Ok(rows), Some(Ok(pages)))),
            Err(err) => Some((Err(failed(err)), None)),
        }
    })
    .boxed()
}
