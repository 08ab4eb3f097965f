//! Backup and restore: an opaque blob that any local vault (any data directory) restores.
//!
//! Blob = `CDKVBACKUP1` ‖ SHA-256(payload) ‖ payload (the certificate record as JSON),
//! sent base64url. The digest detects truncation and tampering; the blob holds private keys,
//! like the service's (which it encrypts to the subscription: here there is no such boundary).

use aws_lc_rs::digest::{SHA256, digest};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use base64::Engine;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::{CertRecord, key_of};
use crate::http::body::JsonBody;
use crate::http::render;
use crate::http::routes::{Ctx, active, ensure_not_deleted};

const MAGIC: &[u8] = b"CDKVBACKUP1";

fn encode(cert: &CertRecord) -> ApiResult<String> {
    let payload = serde_json::to_vec(cert).map_err(|e| ApiError::internal(e.to_string()))?;
    let mut blob = MAGIC.to_vec();
    blob.extend_from_slice(digest(&SHA256, &payload).as_ref());
    blob.extend_from_slice(&payload);
    Ok(URL_SAFE_NO_PAD.encode(blob))
}

fn decode(value: &str) -> ApiResult<CertRecord> {
    let invalid = || ApiError::bad_parameter("The backup blob is invalid or corrupted.");
    let value = value.trim();
    let blob = URL_SAFE_NO_PAD
        .decode(value.trim_end_matches('='))
        .or_else(|_| URL_SAFE.decode(value))
        .map_err(|_| invalid())?;
    let rest = blob.strip_prefix(MAGIC).ok_or_else(invalid)?;
    if rest.len() < 32 || digest(&SHA256, &rest[32..]).as_ref() != &rest[..32] {
        return Err(invalid());
    }
    serde_json::from_slice(&rest[32..]).map_err(|_| invalid())
}

/// `POST /certificates/{name}/backup`.
pub async fn backup(State(ctx): State<Ctx>, Path(name): Path<String>) -> ApiResult<Json<Value>> {
    let state = ctx.vault.read().await;
    let mut cert = active(&state, &name)?.clone();
    // Only issued versions travel; a running operation belongs to this vault.
    cert.versions.retain(|v| v.cer().is_some());
    cert.operation = None;
    if cert.versions.is_empty() {
        return Err(ApiError::conflict(
            format!("Certificate {name} has no issued version to back up."),
            None,
        ));
    }
    Ok(Json(json!({ "value": encode(&cert)? })))
}

/// Body of a restore.
#[derive(Deserialize)]
pub struct RestoreBody {
    value: Option<String>,
}

/// `POST /certificates/restore`.
pub async fn restore(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<RestoreBody>,
) -> ApiResult<Json<Value>> {
    let value = body
        .value
        .ok_or_else(|| ApiError::bad_parameter("The backup value is required."))?;
    let cert = decode(&value)?;
    let name = cert.name.clone();
    let base = render::base(&headers, &ctx.vault);
    let mut state = ctx.vault.write().await;
    ensure_not_deleted(&state, &name)?;
    if state.certs.contains_key(&key_of(&name)) {
        return Err(ApiError::conflict(
            format!("Certificate {name} already exists in this vault; delete and purge it first."),
            None,
        ));
    }
    ctx.vault.put_cert(&mut state, Some(cert), &name).await?;
    let cert = active(&state, &name)?;
    let version = cert
        .latest()
        .ok_or_else(|| crate::http::routes::cert_not_found(&name))?;
    Ok(Json(render::bundle(&base, cert, version, &state)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tampered_blobs_are_refused() {
        assert!(decode("not-a-backup").is_err());
        let blob = URL_SAFE_NO_PAD.encode([MAGIC, &[0u8; 32], b"{}"].concat());
        assert!(decode(&blob).is_err());
    }
}
