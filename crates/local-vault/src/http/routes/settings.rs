//! Vault-wide certificate settings: contacts and issuers.

use axum::Json;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use zeroize::Zeroizing;

use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::{IssuerRecord, valid_name};
use crate::domain::vault::{Change, key_of};
use crate::http::body::{JsonBody, QueryMap};
use crate::http::context::Ctx;
use crate::http::extract::Base;
use crate::http::{paging, render};

/// One contact (the service's `Contact`: unknown keys and wrong types are refused).
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
}

/// Body of `PUT /certificates/contacts`, the service's `Contacts`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactsBody {
    contacts: Option<Vec<Contact>>,
    /// Read-only: accepted as the type has it, then ignored.
    #[serde(rename = "id")]
    _id: Option<String>,
}

fn contacts_json(base: &str, contacts: &Value) -> Value {
    json!({ "id": format!("{base}/certificates/contacts"), "contacts": contacts })
}

fn contacts_not_found() -> ApiError {
    ApiError::not_found("ContactsNotFound", "Contacts not found")
}

/// `GET /certificates/contacts`.
pub async fn get_contacts(State(ctx): State<Ctx>, Base(base): Base) -> ApiResult<Json<Value>> {
    let state = ctx.vault.read().await;
    let contacts = state.contacts.as_ref().ok_or_else(contacts_not_found)?;
    Ok(Json(contacts_json(&base, contacts)))
}

/// `PUT /certificates/contacts`.
pub async fn set_contacts(
    State(ctx): State<Ctx>,
    Base(base): Base,
    JsonBody(body): JsonBody<ContactsBody>,
) -> ApiResult<Json<Value>> {
    let contacts = body
        .contacts
        .ok_or_else(|| ApiError::bad_parameter("The contacts list is required."))?;
    if contacts
        .iter()
        .any(|c| c.email.as_deref().is_none_or(|e| !e.contains('@')))
    {
        return Err(ApiError::bad_parameter(
            "Every contact needs a valid email.",
        ));
    }
    let value = serde_json::to_value(&contacts).map_err(|e| ApiError::internal(e.to_string()))?;
    let mut state = ctx.vault.write().await;
    ctx.vault
        .commit(&mut state, vec![Change::Contacts(Some(value.clone()))])
        .await?;
    Ok(Json(contacts_json(&base, &value)))
}

/// `DELETE /certificates/contacts`: returns the deleted contacts.
pub async fn delete_contacts(State(ctx): State<Ctx>, Base(base): Base) -> ApiResult<Json<Value>> {
    let mut state = ctx.vault.write().await;
    let contacts = state.contacts.clone().ok_or_else(contacts_not_found)?;
    ctx.vault
        .commit(&mut state, vec![Change::Contacts(None)])
        .await?;
    Ok(Json(contacts_json(&base, &contacts)))
}

/// Body of issuer set/update, the service's `CertificateIssuerSetParameters`: every key and
/// type checked, so only what the service's `IssuerBundle` holds is stored and answered.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuerBody {
    provider: Option<String>,
    credentials: Option<Credentials>,
    org_details: Option<OrgDetails>,
    attributes: Option<IssuerAttributes>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Credentials {
    account_id: Option<String>,
    /// Checked to be a string, never stored.
    #[serde(rename = "pwd", default, deserialize_with = "wiped")]
    _pwd: (),
}

/// Reads a password only to check its type, wiping it at once.
fn wiped<'de, D: serde::Deserializer<'de>>(d: D) -> Result<(), D::Error> {
    drop(Option::<String>::deserialize(d)?.map(Zeroizing::new));
    Ok(())
}

/// `OrganizationDetails`, with the `zip` the service keeps (and answers as 0 when unset).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgDetails {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    admin_details: Option<Vec<AdminDetails>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    zip: Option<i64>,
}

/// `AdministratorDetails`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AdminDetails {
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
}

/// `IssuerAttributes`; `created` and `updated` are read-only: accepted, then ignored.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IssuerAttributes {
    enabled: Option<bool>,
    #[serde(rename = "created")]
    _created: Option<i64>,
    #[serde(rename = "updated")]
    _updated: Option<i64>,
}

fn issuer_not_found() -> ApiError {
    ApiError::not_found("CertificateIssuerNotFound", "Issuer not found")
}

fn check_issuer_name(name: &str) -> ApiResult<()> {
    if !valid_name(name) || ["self", "unknown"].contains(&key_of(name).as_str()) {
        return Err(ApiError::bad_parameter(format!(
            "The request URI contains an invalid issuer name: {name}"
        )));
    }
    Ok(())
}

/// `GET /certificates/issuers`.
pub async fn list_issuers(
    State(ctx): State<Ctx>,
    Base(base): Base,
    query: QueryMap,
) -> ApiResult<Json<Value>> {
    let state = ctx.vault.read().await;
    Ok(Json(json!(paging::page(
        state.issuers.values(),
        |i| json!({ "id": format!("{base}/certificates/issuers/{}", i.name), "provider": i.provider }),
        &query,
        &base,
        "/certificates/issuers",
    )?)))
}

/// `GET /certificates/issuers/{issuer}`.
pub async fn get_issuer(
    State(ctx): State<Ctx>,
    Path(name): Path<String>,
    Base(base): Base,
) -> ApiResult<Json<Value>> {
    let state = ctx.vault.read().await;
    let issuer = state
        .issuers
        .get(&key_of(&name))
        .ok_or_else(issuer_not_found)?;
    Ok(Json(render::issuer(&base, issuer)))
}

async fn write_issuer(
    ctx: Ctx,
    name: String,
    base: String,
    body: IssuerBody,
    create: bool,
) -> ApiResult<Json<Value>> {
    check_issuer_name(&name)?;
    let mut state = ctx.vault.write().await;
    let now = state.now();
    let existing = state.issuers.get(&key_of(&name)).cloned();
    let mut issuer = match (existing, create) {
        (Some(found), false) => found,
        (None, false) => return Err(issuer_not_found()),
        (found, true) => {
            let provider = body
                .provider
                .clone()
                .filter(|p| !p.trim().is_empty())
                .ok_or_else(|| ApiError::bad_parameter("The issuer provider is required."))?;
            IssuerRecord {
                name: name.clone(),
                provider,
                account_id: None,
                org_details: None,
                enabled: true,
                created: found.map_or(now, |f| f.created),
                updated: now,
            }
        }
    };
    if let Some(provider) = body.provider.filter(|p| !p.trim().is_empty()) {
        issuer.provider = provider;
    }
    if let Some(credentials) = body.credentials {
        issuer.account_id = credentials.account_id;
    }
    if let Some(org) = body.org_details {
        issuer.org_details =
            Some(serde_json::to_value(org).map_err(|e| ApiError::internal(e.to_string()))?);
    }
    if let Some(enabled) = body.attributes.and_then(|a| a.enabled) {
        issuer.enabled = enabled;
    }
    issuer.updated = now;
    let json = render::issuer(&base, &issuer);
    ctx.vault
        .commit(
            &mut state,
            vec![Change::Issuer(key_of(&name), Some(issuer))],
        )
        .await?;
    Ok(Json(json))
}

/// `PUT /certificates/issuers/{issuer}`.
pub async fn set_issuer(
    State(ctx): State<Ctx>,
    Path(name): Path<String>,
    Base(base): Base,
    JsonBody(body): JsonBody<IssuerBody>,
) -> ApiResult<Json<Value>> {
    write_issuer(ctx, name, base, body, true).await
}

/// `PATCH /certificates/issuers/{issuer}`.
pub async fn update_issuer(
    State(ctx): State<Ctx>,
    Path(name): Path<String>,
    Base(base): Base,
    JsonBody(body): JsonBody<IssuerBody>,
) -> ApiResult<Json<Value>> {
    write_issuer(ctx, name, base, body, false).await
}

/// `DELETE /certificates/issuers/{issuer}`: returns the deleted issuer.
pub async fn delete_issuer(
    State(ctx): State<Ctx>,
    Path(name): Path<String>,
    Base(base): Base,
) -> ApiResult<Json<Value>> {
    let mut state = ctx.vault.write().await;
    let issuer = state
        .issuers
        .get(&key_of(&name))
        .cloned()
        .ok_or_else(issuer_not_found)?;
    ctx.vault
        .commit(&mut state, vec![Change::Issuer(key_of(&name), None)])
        .await?;
    Ok(Json(render::issuer(&base, &issuer)))
}
