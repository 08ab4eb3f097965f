//! The ARM routes discovery uses: tenants, subscriptions, key vaults per subscription (paged
//! by `nextLink`) and Resource Graph (paged by `$skipToken`). Each checks its bearer token
//! against the shared table: issued for ARM, in the tenant the request is about.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::config::{Subscription, User, Vault};
use crate::{Grant, Mock, resource_of};

/// Items per page of every listing, small so that paging is always exercised.
pub const PAGE_SIZE: usize = 2;

const DIRECTORY_API: &str = "2022-12-01";
const VAULTS_API: &str = "2025-05-01";
const GRAPH_API: &str = "2024-04-01";

/// The ARM routes.
pub fn routes() -> Router<Arc<Mock>> {
    Router::new()
        .route("/tenants", get(tenants))
        .route("/subscriptions", get(subscriptions))
        .route(
            "/subscriptions/{subscription}/providers/Microsoft.KeyVault/vaults",
            get(vaults),
        )
        .route(
            "/providers/Microsoft.ResourceGraph/resources",
            post(resource_graph),
        )
}

type Params = Query<HashMap<String, String>>;

async fn tenants(State(mock): State<Arc<Mock>>, headers: HeaderMap, query: Params) -> Response {
    let result = (|| {
        api_version(&query, DIRECTORY_API)?;
        let (_, user) = caller(&mock, &headers)?;
        let tenants: Vec<Value> = mock
            .config
            .tenants
            .iter()
            .filter(|t| user.reaches(&t.id))
            .map(|t| {
                let category = if t.id == user.home_tenant {
                    "Home"
                } else {
                    "ProjectedBy"
                };
                json!({
                    "id": format!("/tenants/{}", t.id),
                    "tenantId": t.id,
                    "tenantCategory": category,
                    "countryCode": "US",
                    "displayName": t.name,
                    "domains": [t.domain],
                    "defaultDomain": t.domain,
                    "tenantType": "AAD",
                })
            })
            .collect();
        Ok(page(&mock, "tenants", DIRECTORY_API, tenants, &query))
    })();
    respond(result)
}

async fn subscriptions(
    State(mock): State<Arc<Mock>>,
    headers: HeaderMap,
    query: Params,
) -> Response {
    let result = (|| {
        api_version(&query, DIRECTORY_API)?;
        let (grant, _) = caller(&mock, &headers)?;
        let subscriptions: Vec<Value> = mock
            .config
            .subscriptions
            .iter()
            .filter(|s| s.tenant.eq_ignore_ascii_case(&grant.tenant))
            .map(|s| {
                json!({
                    "id": format!("/subscriptions/{}", s.id),
                    "authorizationSource": "RoleBased",
                    "managedByTenants": [],
                    "subscriptionId": s.id,
                    "tenantId": s.tenant,
                    "displayName": s.name,
                    "state": "Enabled",
                    "subscriptionPolicies": {
                        "locationPlacementId": "Public_2014-09-01",
                        "quotaId": "PayAsYouGo_2014-09-01",
                        "spendingLimit": "Off",
                    },
                })
            })
            .collect();
        Ok(page(
            &mock,
            "subscriptions",
            DIRECTORY_API,
            subscriptions,
            &query,
        ))
    })();
    respond(result)
}

async fn vaults(
    State(mock): State<Arc<Mock>>,
    Path(subscription): Path<String>,
    headers: HeaderMap,
    query: Params,
) -> Response {
    let result = (|| {
        api_version(&query, VAULTS_API)?;
        let (grant, user) = caller(&mock, &headers)?;
        let sub = mock
            .config
            .subscriptions
            .iter()
            .find(|s| s.id.eq_ignore_ascii_case(&subscription))
            .ok_or_else(|| {
                ArmError::new(
                    StatusCode::NOT_FOUND,
                    "SubscriptionNotFound",
                    format!("The subscription '{subscription}' could not be found."),
                )
            })?;
        readable(sub, &grant, user)?;
        let vaults: Vec<Value> = vaults_of(&mock, sub).map(|v| arm_vault(v, sub)).collect();
        let path = format!(
            "subscriptions/{}/providers/Microsoft.KeyVault/vaults",
            sub.id
        );
        Ok(page(&mock, &path, VAULTS_API, vaults, &query))
    })();
    respond(result)
}

/// The body of a Resource Graph query (only what the mock looks at).
#[derive(Deserialize)]
struct GraphRequest {
    #[serde(default)]
    subscriptions: Option<Vec<String>>,
    query: String,
    #[serde(default)]
    options: GraphOptions,
}

#[derive(Deserialize, Default)]
struct GraphOptions {
    #[serde(rename = "$skipToken", default)]
    skip_token: Option<String>,
}

async fn resource_graph(
    State(mock): State<Arc<Mock>>,
    headers: HeaderMap,
    query: Params,
    body: Result<Json<GraphRequest>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let result = (|| {
        api_version(&query, GRAPH_API)?;
        let (grant, user) = caller(&mock, &headers)?;
        let Json(request) =
            body.map_err(|e| ArmError::new(StatusCode::BAD_REQUEST, "BadRequest", e.body_text()))?;
        // The mock knows one table: key vaults. Any other query finds nothing.
        let wants_vaults = request
            .query
            .to_ascii_lowercase()
            .contains("microsoft.keyvault/vaults");
        let in_scope = |s: &&Subscription| {
            s.tenant.eq_ignore_ascii_case(&grant.tenant)
                && request.subscriptions.as_ref().is_none_or(|wanted| {
                    wanted.iter().any(|w| w.eq_ignore_ascii_case(&s.id))
                })
                // Resource Graph silently leaves out what the caller may not read.
                && readable(s, &grant, user).is_ok()
        };
        let rows: Vec<Value> = if wants_vaults {
            mock.config
                .subscriptions
                .iter()
                .filter(in_scope)
                .flat_map(|s| vaults_of(&mock, s).map(move |v| graph_row(v, s)))
                .collect()
        } else {
            Vec::new()
        };
        let start = parse_skip(request.options.skip_token.as_deref())?;
        let total = rows.len();
        let data: Vec<Value> = rows.into_iter().skip(start).take(PAGE_SIZE).collect();
        let mut body = json!({
            "totalRecords": total,
            "count": data.len(),
            "data": data,
            "facets": [],
            "resultTruncated": "false",
        });
        if start + PAGE_SIZE < total {
            body["$skipToken"] = json!(skip_token(start + PAGE_SIZE));
        }
        Ok(Json(body).into_response())
    })();
    respond(result)
}

fn vaults_of<'a>(mock: &'a Mock, sub: &'a Subscription) -> impl Iterator<Item = &'a Vault> {
    mock.config
        .vaults
        .iter()
        .filter(|v| v.subscription.eq_ignore_ascii_case(&sub.id))
}

/// Checks the token is for the subscription's tenant and the user may read its resources.
fn readable(sub: &Subscription, grant: &Grant, user: &User) -> Result<(), ArmError> {
    if !sub.tenant.eq_ignore_ascii_case(&grant.tenant) {
        return Err(ArmError::unauthorized(
            "InvalidAuthenticationTokenTenant",
            format!(
                "The access token is from the wrong issuer 'https://sts.windows.net/{}/'. It must match the tenant 'https://sts.windows.net/{}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/{}' to get the token.",
                grant.tenant, sub.tenant, sub.tenant
            ),
        ));
    }
    if sub.denied.iter().any(|oid| oid == &user.oid) {
        return Err(ArmError::new(
            StatusCode::FORBIDDEN,
            "AuthorizationFailed",
            format!(
                "The client '{}' with object id '{}' does not have authorization to perform action 'Microsoft.KeyVault/vaults/read' over scope '/subscriptions/{}' or the scope is invalid. If access was recently granted, please refresh your credentials.",
                user.username, user.oid, sub.id
            ),
        ));
    }
    Ok(())
}

fn resource_id(v: &Vault, sub: &Subscription) -> String {
    format!(
        "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.KeyVault/vaults/{}",
        sub.id, v.resource_group, v.name
    )
}

/// A vault's `properties` as ARM writes them: settings never set are absent, not false.
fn vault_properties(v: &Vault, sub: &Subscription) -> Value {
    let mut properties = json!({
        "sku": { "family": "A", "name": v.sku },
        "tenantId": sub.tenant,
        "accessPolicies": [],
        "enabledForDeployment": false,
        "enabledForDiskEncryption": false,
        "enabledForTemplateDeployment": false,
        "enableSoftDelete": v.soft_delete,
        "enableRbacAuthorization": v.rbac,
        "vaultUri": v.uri,
        "provisioningState": "Succeeded",
    });
    if let Some(days) = v.retention_days {
        properties["softDeleteRetentionInDays"] = json!(days);
    }
    if v.purge_protection {
        properties["enablePurgeProtection"] = json!(true);
    }
    if let Some(access) = &v.public_network_access {
        properties["publicNetworkAccess"] = json!(access);
    }
    properties
}

fn arm_vault(v: &Vault, sub: &Subscription) -> Value {
    json!({
        "id": resource_id(v, sub),
        "name": v.name,
        "type": "Microsoft.KeyVault/vaults",
        "location": v.location,
        "tags": {},
        "properties": vault_properties(v, sub),
    })
}

/// A Resource Graph row: lower-case type and resource group, as the service returns them.
fn graph_row(v: &Vault, sub: &Subscription) -> Value {
    json!({
        "id": resource_id(v, sub),
        "name": v.name,
        "type": "microsoft.keyvault/vaults",
        "tenantId": sub.tenant,
        "kind": "",
        "location": v.location,
        "resourceGroup": v.resource_group.to_ascii_lowercase(),
        "subscriptionId": sub.id,
        "managedBy": "",
        "sku": null,
        "plan": null,
        "tags": {},
        "identity": null,
        "zones": null,
        "extendedLocation": null,
        "properties": vault_properties(v, sub),
    })
}

/// One page of `items` with a `nextLink` to the rest (an absolute URL with an opaque
/// `$skiptoken`, which clients must follow verbatim).
fn page(mock: &Mock, path: &str, api: &str, items: Vec<Value>, query: &Params) -> Response {
    let start = match parse_skip(query.get("$skiptoken").map(String::as_str)) {
        Ok(start) => start,
        Err(e) => return e.into_response(),
    };
    let total = items.len();
    let value: Vec<Value> = items.into_iter().skip(start).take(PAGE_SIZE).collect();
    let mut body = json!({ "value": value });
    if start + PAGE_SIZE < total {
        body["nextLink"] = json!(format!(
            "{}{path}?api-version={api}&$skiptoken={}",
            mock.url,
            skip_token(start + PAGE_SIZE)
        ));
    }
    Json(body).into_response()
}

/// An opaque-looking continuation token for offset `n`.
fn skip_token(n: usize) -> String {
    format!("eyJuZXh0{n:04}")
}

fn parse_skip(token: Option<&str>) -> Result<usize, ArmError> {
    let Some(token) = token else { return Ok(0) };
    token
        .strip_prefix("eyJuZXh0")
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| {
            ArmError::new(
                StatusCode::BAD_REQUEST,
                "InvalidSkipToken",
                format!("The skip token '{token}' is not valid."),
            )
        })
}

fn api_version(query: &Params, expected: &str) -> Result<(), ArmError> {
    match query.get("api-version") {
        None => Err(ArmError::new(
            StatusCode::BAD_REQUEST,
            "MissingApiVersionParameter",
            "The api-version query parameter (?api-version=) is required for all requests.",
        )),
        Some(v) if v == expected => Ok(()),
        Some(v) => Err(ArmError::new(
            StatusCode::BAD_REQUEST,
            "InvalidApiVersionParameter",
            format!("The api-version '{v}' is invalid. The supported versions are '{expected}'."),
        )),
    }
}

/// The caller's grant and user from the bearer token, which must be an ARM token.
fn caller<'a>(mock: &'a Mock, headers: &HeaderMap) -> Result<(Grant, &'a User), ArmError> {
    let Some(auth) = headers.get(header::AUTHORIZATION) else {
        return Err(ArmError::unauthorized(
            "AuthenticationFailed",
            "Authentication failed. The 'Authorization' header is missing.",
        ));
    };
    let token = auth
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("")
        .trim();
    let invalid =
        || ArmError::unauthorized("InvalidAuthenticationToken", "The access token is invalid.");
    let grant = mock.grant(token).ok_or_else(invalid)?;
    if !is_arm(mock, &grant.resource) {
        return Err(ArmError::unauthorized(
            "InvalidAuthenticationToken",
            format!(
                "The access token has been obtained for wrong audience or resource '{}'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.azure.com/'.",
                grant.resource
            ),
        ));
    }
    let user = mock
        .config
        .users
        .iter()
        .find(|u| u.oid == grant.user)
        .ok_or_else(invalid)?;
    Ok((grant, user))
}

/// ARM's own audiences in every cloud, and this server's URL (tests point the ARM endpoint,
/// hence the scope, at the mock).
fn is_arm(mock: &Mock, resource: &str) -> bool {
    [
        "https://management.azure.com",
        "https://management.core.windows.net",
        "https://management.usgovcloudapi.net",
        "https://management.chinacloudapi.cn",
    ]
    .contains(&resource)
        || resource == resource_of(&mock.url)
}

fn respond(result: Result<Response, ArmError>) -> Response {
    result.unwrap_or_else(IntoResponse::into_response)
}

/// An ARM error: `{"error":{"code","message"}}`, with a bearer challenge on 401.
struct ArmError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ArmError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ArmError {
        ArmError {
            status,
            code,
            message: message.into(),
        }
    }

    fn unauthorized(code: &'static str, message: impl Into<String>) -> ArmError {
        ArmError::new(StatusCode::UNAUTHORIZED, code, message)
    }
}

impl IntoResponse for ArmError {
    fn into_response(self) -> Response {
        let body = Json(json!({ "error": { "code": self.code, "message": self.message } }));
        if self.status == StatusCode::UNAUTHORIZED {
            let challenge = format!(
                "Bearer authorization_uri=\"https://login.windows.net/\", error=\"invalid_token\", error_description=\"{}\"",
                self.message.replace('"', "'")
            );
            (self.status, [(header::WWW_AUTHENTICATE, challenge)], body).into_response()
        } else {
            (self.status, body).into_response()
        }
    }
}
