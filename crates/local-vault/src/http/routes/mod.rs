//! The Key Vault routes. Literal segments (`contacts`, `issuers`, `restore`, `versions`,
//! `policy`, `pending`) are routed before `{name}/{version}` by the router's static-first rule.

mod certificates;
mod deleted;
mod downloads;
mod import;
mod operations;
mod policy;
mod settings;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Serialize;

use crate::domain::backup;
use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::{CertRecord, key_of};
use crate::http::body::QueryMap;
use crate::http::{admin, auth, paging, render};
use crate::server::{Shared, valid_name};
use crate::storage::state::{Vault, VaultState};

/// What every handler of a vault port sees.
#[derive(Clone)]
pub struct Ctx {
    /// Process-wide state (admin API).
    pub shared: Arc<Shared>,
    /// The vault this port serves.
    pub vault: Arc<Vault>,
}

/// The router of one vault port.
pub fn router(ctx: Ctx) -> Router {
    use certificates as c;
    Router::new()
        .route("/certificates", get(c::list))
        .route(
            "/certificates/contacts",
            get(settings::get_contacts)
                .put(settings::set_contacts)
                .delete(settings::delete_contacts),
        )
        .route("/certificates/issuers", get(settings::list_issuers))
        .route(
            "/certificates/issuers/{issuer}",
            get(settings::get_issuer)
                .put(settings::set_issuer)
                .patch(settings::update_issuer)
                .delete(settings::delete_issuer),
        )
        .route("/certificates/restore", post(backup::restore))
        .route(
            "/certificates/{name}",
            get(c::get_latest)
                .delete(deleted::delete)
                .patch(c::update_latest),
        )
        .route(
            "/certificates/{name}/",
            get(c::get_latest).patch(c::update_latest),
        )
        .route(
            "/certificates/{name}/{version}",
            get(c::get_version).patch(c::update_version),
        )
        .route("/certificates/{name}/versions", get(c::versions))
        .route("/certificates/{name}/backup", post(backup::backup))
        .route("/certificates/{name}/create", post(operations::create))
        .route("/certificates/{name}/import", post(import::import))
        .route(
            "/certificates/{name}/policy",
            get(policy::get_policy).patch(policy::update_policy),
        )
        .route(
            "/certificates/{name}/pending",
            get(operations::get)
                .patch(operations::update)
                .delete(operations::delete),
        )
        .route(
            "/certificates/{name}/pending/merge",
            post(operations::merge),
        )
        .route("/deletedcertificates", get(deleted::list))
        .route(
            "/deletedcertificates/{name}",
            get(deleted::get).delete(deleted::purge),
        )
        .route(
            "/deletedcertificates/{name}/recover",
            post(deleted::recover),
        )
        .route("/secrets/{name}", get(downloads::secret_latest))
        .route("/secrets/{name}/", get(downloads::secret_latest))
        .route("/secrets/{name}/{version}", get(downloads::secret))
        .route("/keys/{name}", get(downloads::key_latest))
        .route("/keys/{name}/", get(downloads::key_latest))
        .route("/keys/{name}/{version}", get(downloads::key))
        .merge(admin::router())
        .fallback(fallback)
        .method_not_allowed_fallback(not_allowed)
        .layer(from_fn_with_state(ctx.clone(), auth::guard))
        .with_state(ctx)
}

async fn fallback() -> ApiError {
    ApiError::not_found(
        "NotFound",
        "The requested path is not part of the Key Vault certificates API.",
    )
}

async fn not_allowed() -> ApiError {
    ApiError::method_not_allowed()
}

/// Rejects names outside 1–127 of `0-9a-zA-Z-`, like the service.
pub fn check_name(name: &str) -> ApiResult<()> {
    if valid_name(name) {
        Ok(())
    } else {
        Err(ApiError::bad_parameter(format!(
            "The request URI contains an invalid name: {name}"
        )))
    }
}

/// 404 for a certificate that does not exist (or is deleted).
pub fn cert_not_found(name: &str) -> ApiError {
    ApiError::not_found(
        "CertificateNotFound",
        format!(
            "A certificate with (name/id) {name} was not found in this key vault. If you recently deleted this \
             certificate you may be able to recover it using the correct recovery command."
        ),
    )
}

/// A live (not deleted) certificate with at least one version.
pub fn active<'a>(state: &'a VaultState, name: &str) -> ApiResult<&'a CertRecord> {
    check_name(name)?;
    state
        .certs
        .get(&key_of(name))
        .filter(|c| c.deleted.is_none() && !c.versions.is_empty())
        .ok_or_else(|| cert_not_found(name))
}

/// 409 when `name` is deleted but recoverable (the name cannot be reused).
pub fn ensure_not_deleted(state: &VaultState, name: &str) -> ApiResult<()> {
    if state
        .certs
        .get(&key_of(name))
        .is_some_and(|c| c.deleted.is_some())
    {
        return Err(ApiError::conflict(
            format!(
                "Certificate {name} is currently in a deleted but recoverable state, and its name cannot be reused; \
                 in this state, the certificate can only be recovered or purged."
            ),
            Some("ObjectIsDeletedButRecoverable"),
        ));
    }
    Ok(())
}

/// Answers a GET from the vault's response cache; `render` runs (under the read lock) only
/// when the state changed since this request (base, path and query) was last answered.
pub async fn cached_json(
    ctx: &Ctx,
    base: &str,
    uri: &Uri,
    render: impl FnOnce(&VaultState) -> ApiResult<Bytes>,
) -> ApiResult<Response> {
    let state = ctx.vault.read().await;
    let key = format!("{base}{uri}");
    let body = ctx
        .vault
        .responses
        .get_or_render(state.generation(), &key, || render(&state))?;
    // The header axum's `Json` sets.
    let json = HeaderValue::from_static("application/json");
    Ok(([(header::CONTENT_TYPE, json)], body).into_response())
}

/// `value` serialized as a response body.
pub fn json_body<T: Serialize>(value: &T) -> ApiResult<Bytes> {
    serde_json::to_vec(value)
        .map(Bytes::from)
        .map_err(|e| ApiError::internal(e.to_string()))
}

/// A page of the latest versions of the live (or, with `deleted`, the soft-deleted)
/// certificates at collection `path`; pending ones only with `includePending=true`.
pub async fn latest_page(
    ctx: &Ctx,
    headers: &HeaderMap,
    uri: &Uri,
    deleted: bool,
    path: &str,
) -> ApiResult<Response> {
    let base = render::base(headers, &ctx.vault);
    cached_json(ctx, &base, uri, |state| {
        let query = QueryMap::from_uri(uri)?;
        let include_pending = query.flag("includepending")?;
        let latest = state
            .certs
            .values()
            .filter(|c| c.deleted.is_some() == deleted && (include_pending || c.issued()))
            .filter_map(|c| c.latest().map(|v| (c, v)));
        json_body(&paging::page(
            latest,
            |(c, v)| render::item(&base, c, v, false, state),
            &query,
            &base,
            path,
        )?)
    })
    .await
}
