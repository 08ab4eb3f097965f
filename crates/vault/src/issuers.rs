//! The certificate issuers configured in a vault: the issuer picker of a policy, and the
//! vault's issuer settings (read, create, edit, delete).

use azure_core::http::RequestContent;
use azure_security_keyvault_certificates::models::{
    AdministratorContact, Issuer, IssuerAttributes, IssuerCredentials, OrganizationDetails,
    SetIssuerParameters,
};
use futures::StreamExt;
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

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

/// An issuer as its settings show it: everything but the password, which the service never
/// returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssuerDetails {
    pub name: String,
    pub provider: Option<String>,
    pub account_id: Option<String>,
    /// `org_details.id`: the organisation's id at the provider.
    pub organization_id: Option<String>,
    pub admins: Vec<IssuerAdmin>,
    pub enabled: bool,
    /// Unix seconds.
    pub created: Option<i64>,
    pub updated: Option<i64>,
}

/// One administrator contact of an issuer's organisation; an empty field is not sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssuerAdmin {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
}

/// An issuer's settings as a form sends them. No `Debug`: it carries the password.
#[derive(Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssuerInput {
    pub provider: String,
    pub account_id: String,
    /// A new password; `None` keeps the stored one (an edit), or sets none (a new issuer).
    pub password: Option<String>,
    pub organization_id: String,
    pub admins: Vec<IssuerAdmin>,
    pub enabled: bool,
}

impl Drop for IssuerInput {
    fn drop(&mut self) {
        self.password.zeroize();
    }
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

impl VaultConnection {
    /// One issuer's settings (404 NotFound when there is no such issuer).
    pub async fn issuer(&self, name: &str) -> Result<IssuerDetails, Error> {
        let issuer = {
            let _permit = self.permit().await;
            self.certificates
                .get_issuer(name, None)
                .await
                .and_then(|response| response.into_model())
        };
        issuer
            .map(|issuer| details(name, issuer))
            .map_err(|err| from_azure(&err, &self.entry.name, "getissuers"))
    }

    /// Creates the issuer, or replaces every setting of an existing one (PUT).
    pub async fn set_issuer(
        &self,
        name: &str,
        input: &IssuerInput,
    ) -> Result<IssuerDetails, Error> {
        self.write_issuer(name, input, false).await
    }

    /// Changes an existing issuer (PATCH): a password left `None` stays as stored.
    pub async fn update_issuer(
        &self,
        name: &str,
        input: &IssuerInput,
    ) -> Result<IssuerDetails, Error> {
        self.write_issuer(name, input, true).await
    }

    async fn write_issuer(
        &self,
        name: &str,
        input: &IssuerInput,
        update: bool,
    ) -> Result<IssuerDetails, Error> {
        let failed = |err: azure_core::Error| from_azure(&err, &self.entry.name, "setissuers");
        // An edit that changes neither the account nor the password leaves `credentials` out,
        // so a service that replaces that object whole cannot drop the stored password.
        let credentials = !update
            || input.password.is_some()
            || self.issuer(name).await?.account_id != non_empty(&input.account_id);
        let issuer = {
            let _permit = self.permit().await;
            let sent = if update {
                let body = issuer_body(input, credentials).map_err(failed)?;
                self.certificates.update_issuer(name, body, None).await
            } else {
                let body = issuer_body(input, credentials).map_err(failed)?;
                self.certificates.set_issuer(name, body, None).await
            };
            sent.and_then(|response| response.into_model())
        };
        issuer.map(|issuer| details(name, issuer)).map_err(failed)
    }

    /// Deletes the issuer; returns it as it was.
    pub async fn delete_issuer(&self, name: &str) -> Result<IssuerDetails, Error> {
        let issuer = {
            let _permit = self.permit().await;
            self.certificates
                .delete_issuer(name, None)
                .await
                .and_then(|response| response.into_model())
        };
        issuer
            .map(|issuer| details(name, issuer))
            .map_err(|err| from_azure(&err, &self.entry.name, "deleteissuers"))
    }
}

/// The body of a set or an update (the two take the same fields), with the credentials or
/// without. Our copy of the password is zeroized once serialized; the request's own bytes are
/// the SDK's.
fn issuer_body<T>(
    input: &IssuerInput,
    with_credentials: bool,
) -> azure_core::Result<RequestContent<T>> {
    let mut params = SetIssuerParameters {
        provider: Some(input.provider.trim().to_owned()),
        credentials: with_credentials.then(|| credentials(input)),
        organization_details: Some(organization(input)),
        attributes: Some(IssuerAttributes {
            enabled: Some(input.enabled),
            ..Default::default()
        }),
    };
    let body = azure_core::json::to_json(&params);
    if let Some(credentials) = params.credentials.as_mut() {
        credentials.password.zeroize();
    }
    Ok(body?.into())
}

/// A form's text as the service takes it: trimmed, and absent when empty.
pub(crate) fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

fn credentials(input: &IssuerInput) -> IssuerCredentials {
    IssuerCredentials {
        account_id: non_empty(&input.account_id),
        password: input.password.clone().filter(|p| !p.is_empty()),
    }
}

fn organization(input: &IssuerInput) -> OrganizationDetails {
    OrganizationDetails {
        id: non_empty(&input.organization_id),
        admin_contacts: Some(
            input
                .admins
                .iter()
                .map(|admin| AdministratorContact {
                    first_name: non_empty(&admin.first_name),
                    last_name: non_empty(&admin.last_name),
                    email: non_empty(&admin.email),
                    phone: non_empty(&admin.phone),
                })
                .collect(),
        ),
    }
}

fn details(name: &str, issuer: Issuer) -> IssuerDetails {
    let attributes = issuer.attributes.unwrap_or_default();
    let organization = issuer.organization_details.unwrap_or_default();
    let text = |value: Option<String>| value.unwrap_or_default();
    IssuerDetails {
        name: issuer
            .id
            .as_deref()
            .and_then(issuer_name)
            .unwrap_or(name)
            .to_owned(),
        provider: issuer.provider,
        account_id: issuer.credentials.and_then(|c| c.account_id),
        organization_id: organization.id,
        admins: organization
            .admin_contacts
            .unwrap_or_default()
            .into_iter()
            .map(|admin| IssuerAdmin {
                first_name: text(admin.first_name),
                last_name: text(admin.last_name),
                email: text(admin.email),
                phone: text(admin.phone),
            })
            .collect(),
        enabled: attributes.enabled.unwrap_or(true),
        created: attributes.created.map(|t| t.unix_timestamp()),
        updated: attributes.updated.map(|t| t.unix_timestamp()),
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

    fn body_of(input: &IssuerInput, with_credentials: bool) -> serde_json::Value {
        let body: RequestContent<SetIssuerParameters> =
            issuer_body(input, with_credentials).unwrap();
        let bytes = match azure_core::http::Body::from(body) {
            azure_core::http::Body::Bytes(bytes) => bytes,
            _ => panic!("a JSON body"),
        };
        serde_json::from_slice(&bytes).unwrap()
    }

    #[test]
    fn the_body_carries_credentials_only_when_asked_and_leaves_empty_fields_out() {
        let input = IssuerInput {
            provider: " DigiCert ".into(),
            account_id: "acct".into(),
            password: Some("pw".into()),
            organization_id: String::new(),
            admins: vec![IssuerAdmin {
                email: "a@contoso.test".into(),
                ..Default::default()
            }],
            enabled: false,
        };
        let body = body_of(&input, true);
        assert_eq!(body["provider"], "DigiCert");
        assert_eq!(body["credentials"]["account_id"], "acct");
        assert_eq!(body["credentials"]["pwd"], "pw");
        assert_eq!(
            body["org_details"]["admin_details"][0],
            serde_json::json!({"email": "a@contoso.test"})
        );
        assert_eq!(body["attributes"]["enabled"], false);
        assert!(body["org_details"].get("id").is_none());
        assert!(body_of(&input, false).get("credentials").is_none());
    }

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
