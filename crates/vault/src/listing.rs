//! Certificates of a vault, streamed a page at a time (never one request per certificate).

use std::collections::BTreeMap;

use azure_core::http::Pager;
use azure_security_keyvault_certificates::models::{
    Certificate, CertificateAttributes, CertificateClientListCertificatePropertiesOptions,
    CertificateProperties, ListCertificatePropertiesResult,
};
use futures::StreamExt;
use futures::stream::BoxStream;
use serde::Serialize;

use crate::connection::VaultConnection;
use crate::error::{Error, from_azure};

/// One row of a vault's certificate table (or of a certificate's versions): what the list
/// call returns, nothing fetched per row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CertificateSummary {
    pub name: String,
    /// The certificate's id, without a version in a vault listing.
    pub id: String,
    /// Set in a versions listing and in details.
    pub version: Option<String>,
    pub enabled: bool,
    /// Unix seconds.
    pub not_before: Option<i64>,
    pub expires: Option<i64>,
    pub created: Option<i64>,
    pub updated: Option<i64>,
    /// SHA-1 thumbprint, uppercase hex; none while the certificate is still pending.
    pub thumbprint: Option<String>,
    pub tags: BTreeMap<String, String>,
    /// As of when the row was fetched.
    pub status: CertificateStatus,
}

/// The status an administrator sorts and filters by, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CertificateStatus {
    Expired,
    ExpiresSoon,
    Pending,
    Disabled,
    Healthy,
}

/// "Expires soon" means within this many days.
pub const SOON_DAYS: i64 = 30;

impl CertificateStatus {
    pub fn of(enabled: bool, expires: Option<i64>, pending: bool, now: i64) -> Self {
        match expires {
            _ if pending => CertificateStatus::Pending,
            Some(expires) if expires <= now => CertificateStatus::Expired,
            _ if !enabled => CertificateStatus::Disabled,
            Some(expires) if expires - now <= SOON_DAYS * 86_400 => CertificateStatus::ExpiresSoon,
            _ => CertificateStatus::Healthy,
        }
    }
}

impl CertificateSummary {
    pub(crate) fn new(
        id: String,
        attributes: Option<CertificateAttributes>,
        thumbprint: Option<Vec<u8>>,
        tags: Option<std::collections::HashMap<String, String>>,
        now: i64,
    ) -> Option<Self> {
        let (name, version) = split_id(&id)?;
        let attributes = attributes.unwrap_or_default();
        let unix = |t: Option<azure_core::time::OffsetDateTime>| t.map(|t| t.unix_timestamp());
        let enabled = attributes.enabled.unwrap_or(false);
        let expires = unix(attributes.expires);
        let thumbprint: Option<String> =
            thumbprint.map(|bytes| bytes.iter().map(|b| format!("{b:02X}")).collect());
        let mut summary = Self {
            status: CertificateStatus::Healthy,
            name,
            version,
            enabled,
            not_before: unix(attributes.not_before),
            expires,
            created: unix(attributes.created),
            updated: unix(attributes.updated),
            thumbprint,
            tags: tags.unwrap_or_default().into_iter().collect(),
            id,
        };
        summary.status = summary.status_at(now);
        Some(summary)
    }

    pub fn status_at(&self, now: i64) -> CertificateStatus {
        CertificateStatus::of(self.enabled, self.expires, self.thumbprint.is_none(), now)
    }

    /// The row of a certificate the service returned in full (import, merge, get).
    pub(crate) fn from_certificate(certificate: Certificate, now: i64) -> Option<Self> {
        Self::new(
            certificate.id?,
            certificate.attributes,
            certificate.x509_thumbprint,
            certificate.tags,
            now,
        )
    }

    fn from_properties(properties: CertificateProperties, now: i64) -> Option<Self> {
        Self::new(
            properties.id?,
            properties.attributes,
            properties.x509_thumbprint,
            properties.tags,
            now,
        )
    }
}

/// `https://vault/certificates/NAME[/VERSION]` → (NAME, VERSION).
fn split_id(id: &str) -> Option<(String, Option<String>)> {
    let path = id.split_once("/certificates/")?.1.trim_end_matches('/');
    let mut parts = path.splitn(2, '/');
    let name = parts.next().filter(|name| !name.is_empty())?.to_owned();
    Some((name, parts.next().map(str::to_owned)))
}

pub(crate) fn now() -> i64 {
    azure_core::time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Streams the vault's certificates page by page (pending ones included). Each page request
/// takes one of the vault's concurrency permits; dropping the stream cancels the request in
/// flight. The stream ends after the first error.
pub fn list_certificates(
    vault: &VaultConnection,
) -> BoxStream<'_, Result<Vec<CertificateSummary>, Error>> {
    let options = CertificateClientListCertificatePropertiesOptions {
        include_pending: Some(true),
        ..Default::default()
    };
    let pager = vault
        .certificates
        .list_certificate_properties(Some(options));
    pages(vault, pager, "list", certificate_rows)
}

/// Streams every version of certificate `name`, a page at a time.
pub fn list_versions<'a>(
    vault: &'a VaultConnection,
    name: &str,
) -> BoxStream<'a, Result<Vec<CertificateSummary>, Error>> {
    let pager = vault
        .certificates
        .list_certificate_properties_versions(name, None);
    pages(vault, pager, "list", certificate_rows)
}

fn certificate_rows(body: ListCertificatePropertiesResult, now: i64) -> Vec<CertificateSummary> {
    body.value
        .into_iter()
        .filter_map(|properties| CertificateSummary::from_properties(properties, now))
        .collect()
}

/// Streams the pages of `pager` as rows made by `rows`, each request under one of the
/// vault's permits.
pub(crate) fn pages<'a, P, R>(
    vault: &'a VaultConnection,
    pager: azure_core::Result<Pager<P>>,
    permission: &'static str,
    rows: fn(P, i64) -> Vec<R>,
) -> BoxStream<'a, Result<Vec<R>, Error>>
where
    P: serde::de::DeserializeOwned + Send + 'static,
    azure_core::http::Response<P>: azure_core::http::pager::Page,
    R: Send + 'a,
{
    let failed = move |err: azure_core::Error| from_azure(&err, &vault.entry.name, permission);
    let pages = pager.map(|pager| pager.into_pages());
    futures::stream::unfold(Some(pages), move |state| async move {
        let mut pages = match state? {
            Ok(pages) => pages,
            Err(err) => return Some((Err(failed(err)), None)),
        };
        let permit = vault.permit().await;
        let page = pages.next().await;
        drop(permit);
        let now = now();
        match page?
            .and_then(|page| page.into_model())
            .map(|body| rows(body, now))
        {
            Ok(rows) => Some((Ok(rows), Some(Ok(pages)))),
            Err(err) => Some((Err(failed(err)), None)),
        }
    })
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_split_into_name_and_version() {
        assert_eq!(
            split_id("https://v.vault.azure.net/certificates/web"),
            Some(("web".into(), None))
        );
        assert_eq!(
            split_id("https://v.vault.azure.net/certificates/web/abc123"),
            Some(("web".into(), Some("abc123".into())))
        );
        assert_eq!(split_id("https://v.vault.azure.net/secrets/web"), None);
    }

    #[test]
    fn status_puts_pending_and_expiry_before_disabled() {
        let now = 1_000_000_000;
        let day = 86_400;
        assert_eq!(
            CertificateStatus::of(true, Some(now + 90 * day), true, now),
            CertificateStatus::Pending
        );
        assert_eq!(
            CertificateStatus::of(false, Some(now - 1), false, now),
            CertificateStatus::Expired
        );
        assert_eq!(
            CertificateStatus::of(false, Some(now + 10 * day), false, now),
            CertificateStatus::Disabled
        );
        assert_eq!(
            CertificateStatus::of(true, Some(now + 30 * day), false, now),
            CertificateStatus::ExpiresSoon
        );
        assert_eq!(
            CertificateStatus::of(true, Some(now + 31 * day), false, now),
            CertificateStatus::Healthy
        );
    }
}
