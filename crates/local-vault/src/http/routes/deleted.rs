//! Soft delete, deleted list/get, recover and purge.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde_json::Value;

use crate::clock::DAY;
use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::{CertRecord, Deletion};
use crate::domain::vault::{VaultState, active, cert_not_found, key_of};
use crate::http::context::Ctx;
use crate::http::extract::{Base, Target};
use crate::http::render;
use crate::http::routes::listing::latest_page;

fn deleted_cert<'a>(state: &'a VaultState, name: &str) -> ApiResult<&'a CertRecord> {
    state
        .certs
        .get(&key_of(name))
        .filter(|c| c.deleted.is_some())
        .ok_or_else(|| {
            ApiError::not_found(
                "CertificateNotFound",
                format!("Deleted Certificate not found: {name}"),
            )
        })
}

fn deleted_bundle(base: &str, cert: &CertRecord, state: &VaultState) -> ApiResult<Value> {
    let version = cert.latest().ok_or_else(|| cert_not_found(&cert.name))?;
    Ok(render::deleted(
        base,
        cert,
        render::bundle(base, cert, version, state),
    ))
}

/// `DELETE /certificates/{name}`: soft delete for the vault's retention period.
pub async fn delete(State(ctx): State<Ctx>, target: Target) -> ApiResult<Json<Value>> {
    let mut state = ctx.vault.write().await;
    let mut cert = target.active(&state)?.clone();
    let now = state.now();
    cert.deleted = Some(Deletion {
        deleted_date: now,
        scheduled_purge_date: now + state.meta.retention_days * DAY,
    });
    let key = cert.name.clone();
    ctx.vault.put_cert(&mut state, Some(cert), &key).await?;
    Ok(Json(deleted_bundle(
        &target.base,
        deleted_cert(&state, &key)?,
        &state,
    )?))
}

/// `GET /deletedcertificates`.
pub async fn list(State(ctx): State<Ctx>, Base(base): Base, uri: Uri) -> ApiResult<Response> {
    latest_page(&ctx, &base, &uri, true, "/deletedcertificates").await
}

/// `GET /deletedcertificates/{name}`.
pub async fn get(State(ctx): State<Ctx>, target: Target) -> ApiResult<Json<Value>> {
    let state = ctx.vault.read().await;
    Ok(Json(deleted_bundle(
        &target.base,
        deleted_cert(&state, &target.name)?,
        &state,
    )?))
}

/// `DELETE /deletedcertificates/{name}`: purge, 204.
pub async fn purge(State(ctx): State<Ctx>, target: Target) -> ApiResult<StatusCode> {
    let mut state = ctx.vault.write().await;
    deleted_cert(&state, &target.name)?;
    ctx.vault.put_cert(&mut state, None, &target.name).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /deletedcertificates/{name}/recover`.
pub async fn recover(State(ctx): State<Ctx>, target: Target) -> ApiResult<Json<Value>> {
    let mut state = ctx.vault.write().await;
    let mut cert = deleted_cert(&state, &target.name)?.clone();
    cert.deleted = None;
    let key = cert.name.clone();
    ctx.vault.put_cert(&mut state, Some(cert), &key).await?;
    let cert = active(&state, &key)?;
    let version = cert.latest().ok_or_else(|| cert_not_found(&key))?;
    Ok(Json(render::bundle(&target.base, cert, version, &state)))
}
