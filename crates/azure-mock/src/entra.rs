//! The Entra ID routes sign-in uses, shaped like the real ones: `/{tenant}/oauth2/v2.0/authorize`
//! (auto-approves as the user a `login_hint` names, or the first user), `/token` (authorization
//! code with the PKCE verifier checked, refresh tokens that rotate — the old one stops working —,
//! device codes pending for their first polls) and `/devicecode`. Refusals carry the real
//! bodies: `error`, `error_description` (AADSTS line, trace and correlation ids), `error_codes`,
//! `timestamp`, `trace_id`, `correlation_id`. A tenant with `requires_interaction` refuses
//! silent requests with `interaction_required` (AADSTS50076) and device codes by Conditional
//! Access (AADSTS53003). Access tokens are opaque and go into the table the ARM routes check.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::{Form, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use crate::config::{Tenant, User};
use crate::{Grant, Mock, random_token, resource_of};

/// Polls a device code answers `authorization_pending` before it is approved.
pub const PENDING_POLLS: u32 = 2;

/// The Key Vault resources of every cloud: their tokens are `vault_access_token` when set.
const VAULT_RESOURCES: [&str; 3] = [
    "https://vault.azure.net",
    "https://vault.usgovcloudapi.net",
    "https://vault.azure.cn",
];

/// Sign-in's own scopes, which name no resource.
const OIDC_SCOPES: [&str; 4] = ["openid", "profile", "offline_access", "email"];

/// Codes, refresh tokens and device codes in flight.
#[derive(Default)]
pub struct Sessions {
    codes: Mutex<HashMap<String, PendingCode>>,
    refresh: Mutex<HashMap<String, Session>>,
    devices: Mutex<HashMap<String, Device>>,
}

struct PendingCode {
    session: Session,
    tenant: String,
    redirect_uri: String,
    challenge: String,
    scope: String,
}

/// Who a refresh token belongs to.
#[derive(Clone)]
struct Session {
    user: String,
    client_id: String,
}

struct Device {
    client_id: String,
    tenant: String,
    scope: String,
    polls_left: u32,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

impl Mock {
    /// Every refresh token that still works (tests check none leaks to disk, and rotation).
    pub fn live_refresh_tokens(&self) -> Vec<String> {
        lock(&self.sessions.refresh).keys().cloned().collect()
    }
}

/// The Entra routes.
pub fn routes() -> Router<Arc<Mock>> {
    Router::new()
        .route("/{tenant}/oauth2/v2.0/authorize", get(authorize))
        .route("/{tenant}/oauth2/v2.0/token", post(token))
        .route("/{tenant}/oauth2/v2.0/devicecode", post(devicecode))
}

type Params = HashMap<String, String>;

/// An OAuth refusal, as Entra words it.
struct Refusal {
    status: StatusCode,
    error: &'static str,
    code: u32,
    text: String,
}

impl Refusal {
    fn new(error: &'static str, code: u32, text: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            error,
            code,
            text: text.into(),
        }
    }

    fn body(&self) -> Value {
        let trace_id = guid();
        let correlation_id = guid();
        let timestamp = now_rfc3339();
        json!({
            "error": self.error,
            "error_description": format!(
                "AADSTS{}: {}\r\nTrace ID: {trace_id}\r\nCorrelation ID: {correlation_id}\r\nTimestamp: {timestamp}",
                self.code, self.text
            ),
            "error_codes": [self.code],
            "timestamp": timestamp,
            "trace_id": trace_id,
            "correlation_id": correlation_id,
            "error_uri": format!("https://login.microsoftonline.com/error?code={}", self.code),
        })
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}

fn guid() -> String {
    let hex = random_token();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn now_secs() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// The configured tenant a path names by id or domain.
fn find_tenant<'a>(mock: &'a Mock, name: &str) -> Option<&'a Tenant> {
    mock.config
        .tenants
        .iter()
        .find(|t| t.id.eq_ignore_ascii_case(name) || t.domain.eq_ignore_ascii_case(name))
}

fn is_multi_tenant(name: &str) -> bool {
    ["organizations", "common"]
        .iter()
        .any(|n| n.eq_ignore_ascii_case(name))
}

fn user<'a>(mock: &'a Mock, oid: &str) -> Option<&'a User> {
    mock.config.users.iter().find(|u| u.oid == oid)
}

/// The tenant a request for `user` at path `tenant` lands in: the home tenant at
/// `organizations`, otherwise the named one, which the user must reach.
fn tenant_for<'a>(mock: &'a Mock, path: &str, user: &User) -> Result<&'a Tenant, Refusal> {
    let id = if is_multi_tenant(path) {
        user.home_tenant.as_str()
    } else {
        path
    };
    let tenant = find_tenant(mock, id).ok_or_else(|| {
        Refusal::new(
            "invalid_request",
            90002,
            format!("Tenant '{id}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."),
        )
    })?;
    if !user.reaches(&tenant.id) {
        return Err(Refusal::new(
            "invalid_grant",
            50020,
            format!(
                "User account '{}' from identity provider 'live.com' does not exist in tenant '{}' and cannot access the application in that tenant.",
                user.username, tenant.name
            ),
        ));
    }
    Ok(tenant)
}

fn needs_interaction(tenant: &Tenant) -> Refusal {
    Refusal::new(
        "interaction_required",
        50076,
        format!(
            "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '{}'.",
            tenant.name
        ),
    )
}

fn required<'a>(params: &'a Params, name: &str) -> Result<&'a str, Refusal> {
    params
        .get(name)
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| {
            Refusal::new(
                "invalid_request",
                900144,
                format!("The request body must contain the following parameter: '{name}'."),
            )
        })
}

async fn authorize(
    State(mock): State<Arc<Mock>>,
    Path(tenant): Path<String>,
    Query(params): Query<Params>,
) -> Response {
    let Some(redirect_uri) = params.get("redirect_uri").filter(|r| !r.is_empty()) else {
        // Without a redirect URI there is nowhere to send an error: Entra shows a page.
        return (
            StatusCode::BAD_REQUEST,
            "AADSTS900144: The request body must contain the following parameter: 'redirect_uri'.",
        )
            .into_response();
    };
    let state = params.get("state").cloned().unwrap_or_default();
    let redirect = |pairs: &[(&str, &str)]| {
        let mut url = url_with(redirect_uri, pairs);
        if !state.is_empty() {
            url.push_str(&format!("&state={}", encode(&state)));
        }
        (StatusCode::FOUND, [(header::LOCATION, url)]).into_response()
    };
    match approve(&mock, &tenant, redirect_uri, &params) {
        Ok(code) => redirect(&[("code", &code), ("session_state", &guid())]),
        Err(refusal) => {
            let description = refusal.body()["error_description"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            redirect(&[
                ("error", refusal.error),
                ("error_description", &description),
            ])
        }
    }
}

/// Checks an authorize request and approves it as the user the `login_hint` names.
fn approve(
    mock: &Mock,
    path: &str,
    redirect_uri: &str,
    params: &Params,
) -> Result<String, Refusal> {
    let client_id = required(params, "client_id")?;
    if params.get("response_type").map(String::as_str) != Some("code") {
        return Err(Refusal::new(
            "unsupported_response_type",
            700054,
            "response_type 'id_token' is not enabled for the application.",
        ));
    }
    let challenge = required(params, "code_challenge").map_err(|_| {
        Refusal::new(
            "invalid_request",
            9002325,
            "Proof Key for Code Exchange is required for cross-origin authorization code redemption.",
        )
    })?;
    if params.get("code_challenge_method").map(String::as_str) != Some("S256") {
        return Err(Refusal::new(
            "invalid_request",
            5000811,
            "Unsupported code_challenge_method: only S256 is accepted.",
        ));
    }
    let scope = required(params, "scope")?;
    let user = match params.get("login_hint") {
        Some(hint) => mock
            .config
            .users
            .iter()
            .find(|u| u.username.eq_ignore_ascii_case(hint)),
        None => mock.config.users.iter().find(|u| {
            is_multi_tenant(path) || find_tenant(mock, path).is_some_and(|t| u.reaches(&t.id))
        }),
    }
    .ok_or_else(|| {
        Refusal::new(
            "invalid_request",
            50034,
            format!("The user account does not exist in the '{path}' directory."),
        )
    })?;
    let tenant = tenant_for(mock, path, user)?;
    if tenant.requires_interaction {
        return Err(needs_interaction(tenant));
    }
    let code = random_token();
    lock(&mock.sessions.codes).insert(
        code.clone(),
        PendingCode {
            session: Session {
                user: user.oid.clone(),
                client_id: client_id.to_owned(),
            },
            tenant: tenant.id.clone(),
            redirect_uri: redirect_uri.to_owned(),
            challenge: challenge.to_owned(),
            scope: scope.to_owned(),
        },
    );
    Ok(code)
}

async fn token(
    State(mock): State<Arc<Mock>>,
    Path(tenant): Path<String>,
    Form(params): Form<Params>,
) -> Response {
    let result = match params.get("grant_type").map(String::as_str) {
        Some("authorization_code") => redeem_code(&mock, &params),
        Some("refresh_token") => refresh(&mock, &tenant, &params),
        Some("urn:ietf:params:oauth:grant-type:device_code") => poll_device(&mock, &params),
        _ => Err(Refusal::new(
            "unsupported_grant_type",
            70003,
            "The app requested an unsupported grant type.",
        )),
    };
    match result {
        Ok(body) => Json(body).into_response(),
        Err(refusal) => refusal.into_response(),
    }
}

fn redeem_code(mock: &Mock, params: &Params) -> Result<Value, Refusal> {
    let code = required(params, "code")?;
    let client_id = required(params, "client_id")?;
    let verifier = required(params, "code_verifier")?;
    // Codes are single use, whatever happens next.
    let pending = lock(&mock.sessions.codes).remove(code).ok_or_else(|| {
        Refusal::new(
            "invalid_grant",
            54005,
            "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
        )
    })?;
    if pending.session.client_id != client_id
        || params.get("redirect_uri") != Some(&pending.redirect_uri)
    {
        return Err(Refusal::new(
            "invalid_grant",
            500112,
            "The reply address or client does not match the one the authorization code was issued for.",
        ));
    }
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, verifier.as_bytes());
    if URL_SAFE_NO_PAD.encode(digest) != pending.challenge {
        return Err(Refusal::new(
            "invalid_grant",
            501481,
            "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
        ));
    }
    let user = user(mock, &pending.session.user).ok_or_else(unknown_user)?;
    Ok(tokens(
        mock,
        user,
        &pending.tenant,
        &pending.scope,
        &pending.session.client_id,
    ))
}

fn unknown_user() -> Refusal {
    Refusal::new(
        "invalid_grant",
        50034,
        "The user account does not exist in the directory.",
    )
}

fn refresh(mock: &Mock, path: &str, params: &Params) -> Result<Value, Refusal> {
    let presented = required(params, "refresh_token")?;
    let client_id = required(params, "client_id")?;
    let scope = required(params, "scope")?;
    let session = lock(&mock.sessions.refresh)
        .get(presented)
        .cloned()
        .ok_or_else(|| {
            Refusal::new(
                "invalid_grant",
                70008,
                "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
            )
        })?;
    if session.client_id != client_id {
        return Err(Refusal::new(
            "invalid_grant",
            70000,
            "Provided grant is invalid or malformed: the refresh token was issued to another client.",
        ));
    }
    let user = user(mock, &session.user).ok_or_else(unknown_user)?;
    let tenant = tenant_for(mock, path, user)?;
    if tenant.requires_interaction {
        return Err(needs_interaction(tenant));
    }
    // Rotation: the presented token stops working once a new one is issued.
    lock(&mock.sessions.refresh).remove(presented);
    Ok(tokens(mock, user, &tenant.id, scope, client_id))
}

async fn devicecode(
    State(mock): State<Arc<Mock>>,
    Path(tenant): Path<String>,
    Form(params): Form<Params>,
) -> Response {
    let result = (|| {
        let client_id = required(&params, "client_id")?;
        let scope = required(&params, "scope")?;
        let device_code = random_token();
        let user_code: String = random_token()[..9].to_ascii_uppercase();
        lock(&mock.sessions.devices).insert(
            device_code.clone(),
            Device {
                client_id: client_id.to_owned(),
                tenant: tenant.clone(),
                scope: scope.to_owned(),
                polls_left: PENDING_POLLS,
            },
        );
        let uri = format!("{}devicelogin", mock.url);
        Ok::<_, Refusal>(json!({
            "device_code": device_code,
            "user_code": user_code,
            "verification_uri": uri,
            "expires_in": 900,
            "interval": 1,
            "message": format!("To sign in, use a web browser to open the page {uri} and enter the code {user_code} to authenticate."),
        }))
    })();
    match result {
        Ok(body) => Json(body).into_response(),
        Err(refusal) => refusal.into_response(),
    }
}

/// A device code is approved by the first user reaching its tenant after `PENDING_POLLS`.
fn poll_device(mock: &Mock, params: &Params) -> Result<Value, Refusal> {
    let device_code = required(params, "device_code")?;
    let mut devices = lock(&mock.sessions.devices);
    let device = devices.get_mut(device_code).ok_or_else(|| {
        Refusal::new(
            "expired_token",
            70020,
            "The provided value for the input parameter 'device_code' is not valid or has expired.",
        )
    })?;
    if device.polls_left > 0 {
        device.polls_left -= 1;
        return Err(Refusal::new(
            "authorization_pending",
            70016,
            "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
        ));
    }
    let Some(device) = devices.remove(device_code) else {
        return Err(unknown_user());
    };
    drop(devices);
    if params.get("client_id") != Some(&device.client_id) {
        return Err(Refusal::new(
            "invalid_grant",
            70000,
            "The device code was issued to another client.",
        ));
    }
    let user = mock
        .config
        .users
        .iter()
        .find(|u| {
            is_multi_tenant(&device.tenant)
                || find_tenant(mock, &device.tenant).is_some_and(|t| u.reaches(&t.id))
        })
        .ok_or_else(unknown_user)?;
    let tenant = tenant_for(mock, &device.tenant, user)?;
    if tenant.requires_interaction {
        return Err(Refusal::new(
            "invalid_grant",
            53003,
            "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.",
        ));
    }
    Ok(tokens(
        mock,
        user,
        &tenant.id,
        &device.scope,
        &device.client_id,
    ))
}

/// A token answer: an access token for the one resource `scope` names, a new refresh token
/// when `offline_access` is asked for, an ID token when `openid` is.
fn tokens(mock: &Mock, user: &User, tenant: &str, scope: &str, client_id: &str) -> Value {
    let scopes: Vec<&str> = scope.split_whitespace().collect();
    let resource = scopes
        .iter()
        .find(|s| !OIDC_SCOPES.contains(&s.to_ascii_lowercase().as_str()))
        .map(|s| resource_of(s))
        .unwrap_or_else(|| "https://graph.microsoft.com".to_owned());
    let grant = Grant {
        user: user.oid.clone(),
        tenant: tenant.to_owned(),
        resource: resource.clone(),
    };
    let access_token = match &mock.config.vault_access_token {
        Some(fixed) if VAULT_RESOURCES.contains(&resource.as_str()) => {
            mock.tokens().insert(fixed.clone(), grant);
            fixed.clone()
        }
        _ => mock.issue(grant),
    };
    let mut body = json!({
        "token_type": "Bearer",
        "scope": format!("{resource}/.default"),
        "expires_in": 3599,
        "ext_expires_in": 3599,
        "access_token": access_token,
    });
    if scopes.contains(&"offline_access") {
        let refresh_token = format!("rt.{}", random_token());
        lock(&mock.sessions.refresh).insert(
            refresh_token.clone(),
            Session {
                user: user.oid.clone(),
                client_id: client_id.to_owned(),
            },
        );
        body["refresh_token"] = json!(refresh_token);
    }
    if scopes.contains(&"openid") {
        body["id_token"] = json!(id_token(mock, user, tenant, client_id));
    }
    body
}

/// An unsigned JWT with the claims CertDeck reads (and a few it does not).
fn id_token(mock: &Mock, user: &User, tenant: &str, client_id: &str) -> String {
    let now = now_secs();
    let segment = |value: Value| URL_SAFE_NO_PAD.encode(value.to_string());
    format!(
        "{}.{}.",
        segment(json!({"typ": "JWT", "alg": "none"})),
        segment(json!({
            "aud": client_id,
            "iss": format!("{}{tenant}/v2.0", mock.url),
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
            "name": user.name,
            "oid": user.oid,
            "preferred_username": user.username,
            "sub": user.oid,
            "tid": tenant,
            "ver": "2.0",
        }))
    )
}

fn encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// `base` with `pairs` appended to its query.
fn url_with(base: &str, pairs: &[(&str, &str)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    let separator = if base.contains('?') { '&' } else { '?' };
    format!("{base}{separator}{}", query.join("&"))
}
