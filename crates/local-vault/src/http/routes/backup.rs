//! `POST /certificates/{name}/backup` and `POST /certificates/restore` (the blob's codec is
//! `domain/backup.rs`).

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::domain::backup::{decode, encode};
use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::check_name;
use crate::domain::vault::{active, cert_not_found, ensure_not_deleted, key_of};
use crate::http::body::JsonBody;
use crate::http::context::Ctx;
use crate::http::extract::{Base, Target};
use crate::http::render;

/// `POST /certificates/{name}/backup`.
pub async fn backup(State(ctx): State<Ctx>, target: Target) -> ApiResult<Json<Value>> {
    let state = ctx.vault.read().await;
    let blob = encode(target.active(&state)?, &ctx.vault.ca.backup_key())?.ok_or_else(|| {
        ApiError::conflict(
            format!(
                "Certificate {} has no issued version to back up.",
                target.name
            ),
            None,
        )
    })?;
    Ok(Json(json!({ "value": blob })))
}

/// Body of a restore.
#[derive(Deserialize)]
pub struct RestoreBody {
    value: Option<String>,
}

/// `POST /certificates/restore`.
pub async fn restore(
    State(ctx): State<Ctx>,
    Base(base): Base,
    JsonBody(body): JsonBody<RestoreBody>,
) -> ApiResult<Json<Value>> {
    let value = body
        .value
        .ok_or_else(|| ApiError::bad_parameter("The backup value is required."))?;
    let cert = decode(&value, &ctx.vault.ca.backup_key())?;
    let name = cert.name.clone();
    // A blob is not signed: its name must pass the rule like any other.
    check_name(&name)?;
    let mut state = ctx.vault.write().await;
    ensure_not_deleted(&state, &name)?;
    if state.certs.contains_key(&key_of(&name)) {
        // The service's words, naming the blob's latest version.
        let version = cert.latest().map_or("", |v| v.id.as_str());
        return Err(ApiError::conflict(
            format!(
                "Conflict while restoring certificate {base}/certificates/{name}/{version} - certificate already exists or concurrent access"
            ),
            None,
        ));
    }
    ctx.vault.put_cert(&mut state, Some(cert), &name).await?;
    let cert = active(&state, &name)?;
    let version = cert.latest().ok_or_else(|| cert_not_found(&name))?;
    Ok(Json(render::bundle(&base, cert, version, &state)))
}
