//! The certificate issuers configured in a vault, for the issuer picker of a policy.

use futures::StreamExt;
use serde::Serialize;

use crate::connection::VaultConnection;
use crate::error::{Error, from_azure};

/// An issuer a policy can name (besides `Self` and `Unknown`, which are always there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssuerSummary {
    /// What a policy's `issuer.name` refers to.
    pub name: String,
    /// The issuing service, e.g. `DigiCert`, `GlobalSign`, `OneCertV2-PublicCA`.
    pub provider: Option<String>,
}

impl VaultConnection {
    /// Every issuer configured in the vault, in the service's order.
    pub async fn issuers(&self) -> Result<Vec<IssuerSummary>, Error> {
        let failed = |err: azure_core::Error| from_azure(&err, &self.entry.name, "getissuers");
        let mut pages = self
            .certificates
            .list_issuer_properties(None)
            .map_err(failed)?
            .into_pages();
        let mut issuers = Vec::new();
        loop {
            let page = {
                let _permit = self.permit().await;
                pages.next().await
            };
            let Some(page) = page else {
                return Ok(issuers);
            };
            let page = page.and_then(|page| page.into_model()).map_err(failed)?;
            issuers.extend(page.value.into_iter().filter_map(|issuer| {
                Some(IssuerSummary {
                    name: issuer_name(issuer.id.as_deref()?)?.to_owned(),
                    provider: issuer.provider,
                })
            }));
        }
    }
}

/// `https://vault/certificates/issuers/NAME` → NAME.
fn issuer_name(id: &str) -> Option<&str> {
    id.split_once("/certificates/issuers/")
        .map(|(_, name)| name.trim_end_matches('/'))
        .filter(|name| !name.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_issuer_ids() {
        assert_eq!(
            issuer_name("https://v.vault.azure.net/certificates/issuers/digicert"),
            Some("digicert")
        );
        assert_eq!(
            issuer_name("https://v.vault.azure.net/certificates/web"),
            None
        );
        assert_eq!(
            issuer_name("https://v.vault.azure.net/certificates/issuers/"),
            None
        );
    }
}
