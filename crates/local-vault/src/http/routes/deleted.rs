//! Soft delete, deleted list/get, recover and purge.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde_json::Value;

use crate::clock::DAY;
use crate::domain::error::{ApiError, ApiResult};
use crate::domain::jobs;
use crate::domain::model::{CertRecord, Deletion, Transition};
use crate::domain::recovery;
use crate::domain::vault::{Recovery, VaultState, being_deleted, cert_not_found, key_of};
use crate::http::context::Ctx;
use crate::http::extract::{Base, Target};
use crate::http::render;
use crate::http::routes::listing::latest_page;

/// A soft-deleted certificate whose deletion has settled; 404 otherwise, like the service
/// right after a delete.
fn deleted_cert<'a>(state: &'a VaultState, name: &str) -> ApiResult<&'a CertRecord> {
    state
        .certs
        .get(&key_of(name))
        .filter(|c| c.deleted.is_some() && c.transition.is_none())
        .ok_or_else(|| {
            ApiError::not_found(
                "CertificateNotFound",
                format!("Deleted Certificate not found: {name}"),
            )
        })
}

/// [`deleted_cert`] for a purge or a recovery: 409 while the deletion settles.
fn settled_deleted_cert<'a>(state: &'a VaultState, name: &str) -> ApiResult<&'a CertRecord> {
    match state.certs.get(&key_of(name)) {
        Some(c) if c.transition == Some(Transition::Deleting) => Err(being_deleted()),
        _ => deleted_cert(state, name),
    }
}

fn deleted_bundle(base: &str, cert: &CertRecord, state: &VaultState) -> ApiResult<Value> {
    let version = cert.latest().ok_or_else(|| cert_not_found(&cert.name))?;
    Ok(render::deleted(
        base,
        cert,
        render::bundle(base, cert, version, state),
    ))
}

/// `state`'s record of `key`, just written.
fn written<'a>(state: &'a VaultState, key: &str) -> ApiResult<&'a CertRecord> {
    state
        .certs
        .get(&key_of(key))
        .ok_or_else(|| ApiError::internal("certificate vanished"))
}

/// `cert` settling `transition` when the vault's deletion delay is not zero.
fn settling(ctx: &Ctx, mut cert: CertRecord, transition: Transition) -> CertRecord {
    if !ctx.vault.delays.deletion.is_zero() {
        cert.transition = Some(transition);
    }
    cert
}

/// `DELETE /certificates/{name}`: soft delete for the vault's retention period. Like the
/// service's, it settles after the vault's deletion delay. Without soft delete it is final.
pub async fn delete(State(ctx): State<Ctx>, target: Target) -> ApiResult<Json<Value>> {
    let mut state = ctx.vault.write().await;
    let mut cert = target.active(&state)?.clone();
    if state.meta.recovery == Recovery::SoftDeleteOff {
        let gone = deleted_bundle(&target.base, &cert, &state)?;
        ctx.vault.put_cert(&mut state, None, &cert.name).await?;
        return Ok(Json(gone));
    }
    let now = state.now();
    cert.deleted = Some(Deletion {
        deleted_date: now,
        scheduled_purge_date: now + state.meta.retention_days * DAY,
    });
    let cert = settling(&ctx, cert, Transition::Deleting);
    let key = cert.name.clone();
    let settles = cert.transition.is_some();
    ctx.vault.put_cert(&mut state, Some(cert), &key).await?;
    if settles {
        jobs::settle_later(ctx.vault.clone(), key_of(&key), Transition::Deleting);
    }
    Ok(Json(deleted_bundle(
        &target.base,
        written(&state, &key)?,
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
    settled_deleted_cert(&state, &target.name)?;
    if state.meta.recovery == Recovery::PurgeProtected {
        return Err(recovery::purge_forbidden(&ctx.vault.name));
    }
    ctx.vault.put_cert(&mut state, None, &target.name).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /deletedcertificates/{name}/recover`. Like the service's, the recovered certificate
/// answers only after the vault's deletion delay.
pub async fn recover(State(ctx): State<Ctx>, target: Target) -> ApiResult<Json<Value>> {
    let mut state = ctx.vault.write().await;
    let mut cert = settled_deleted_cert(&state, &target.name)?.clone();
    cert.deleted = None;
    let cert = settling(&ctx, cert, Transition::Recovering);
    let key = cert.name.clone();
    let settles = cert.transition.is_some();
    ctx.vault.put_cert(&mut state, Some(cert), &key).await?;
    if settles {
        jobs::settle_later(ctx.vault.clone(), key_of(&key), Transition::Recovering);
    }
    let cert = written(&state, &key)?;
    let version = cert.latest().ok_or_else(|| cert_not_found(&key))?;
    Ok(Json(render::bundle(&target.base, cert, version, &state)))
}
