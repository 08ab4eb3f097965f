//! The admin API under `/_certdeck/` (same bearer token): vaults (with their soft-delete
//! settings), clock shift, refused secret reads, injected faults, notifications and sample
//! certificates.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::domain::error::{ApiError, ApiResult};
use crate::domain::recovery::VaultSettings;
use crate::domain::vault::Change;
use crate::domain::{jobs, samples};
use crate::error::Error;
use crate::http::body::JsonBody;
use crate::http::context::Ctx;
use crate::http::faults::Rule;

/// Admin routes.
pub fn router() -> Router<Ctx> {
    Router::new()
        .route("/_certdeck/vaults", get(list_vaults).post(create_vault))
        .route(
            "/_certdeck/vaults/{name}",
            axum::routing::delete(delete_vault),
        )
        .route("/_certdeck/clock", post(shift_clock))
        .route("/_certdeck/deny-secret-get", post(deny_secret_get))
        .route(
            "/_certdeck/faults",
            get(faults).post(set_faults).delete(clear_faults),
        )
        .route("/_certdeck/notifications", get(notifications))
        .route("/_certdeck/samples", post(samples))
}

fn admin_error(e: Error) -> ApiError {
    match e {
        Error::InvalidVault(message) if message.contains("already exists") => {
            ApiError::conflict(message, None)
        }
        Error::InvalidVault(message) => ApiError::bad_parameter(message),
        other => ApiError::internal(other.to_string()),
    }
}

async fn list_vaults(State(ctx): State<Ctx>) -> Json<Value> {
    Json(json!({ "value": ctx.host.vaults() }))
}

#[derive(Deserialize)]
struct NewVault {
    name: String,
    #[serde(flatten)]
    settings: VaultSettings,
}

async fn create_vault(
    State(ctx): State<Ctx>,
    JsonBody(body): JsonBody<NewVault>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let endpoint = ctx
        .host
        .create_vault(body.name, body.settings)
        .await
        .map_err(admin_error)?;
    Ok((StatusCode::CREATED, Json(json!(endpoint))))
}

async fn delete_vault(State(ctx): State<Ctx>, Path(name): Path<String>) -> ApiResult<StatusCode> {
    if ctx
        .host
        .delete_vault(name.clone())
        .await
        .map_err(admin_error)?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found(
            "VaultNotFound",
            format!("No vault named {name}."),
        ))
    }
}

#[derive(Deserialize)]
struct Shift {
    shift_days: i64,
}

/// The furthest the clock may be from real time, in days (100 years either way), for one
/// shift and in total: beyond it certificate dates leave what X.509 and the clients handle.
const MAX_SHIFT_DAYS: i64 = 36_525;

/// Moves this vault's clock `shift_days` further (may be negative), then runs lifetime actions.
async fn shift_clock(
    State(ctx): State<Ctx>,
    JsonBody(body): JsonBody<Shift>,
) -> ApiResult<Json<Value>> {
    let within = |days: i64| (-MAX_SHIFT_DAYS..=MAX_SHIFT_DAYS).contains(&days);
    if !within(body.shift_days) {
        return Err(ApiError::bad_parameter(format!(
            "shift_days must be within ±{MAX_SHIFT_DAYS}."
        )));
    }
    {
        let mut state = ctx.vault.write().await;
        let mut meta = state.meta.clone();
        meta.shift_days = meta
            .shift_days
            .checked_add(body.shift_days)
            .filter(|total| within(*total))
            .ok_or_else(|| {
                ApiError::bad_parameter(format!(
                    "The clock is already shifted by {} days; the total shift must stay within ±{MAX_SHIFT_DAYS} days.",
                    meta.shift_days
                ))
            })?;
        ctx.vault
            .commit(&mut state, vec![Change::Meta(meta)])
            .await?;
    }
    jobs::evaluate(&ctx.vault).await?;
    let state = ctx.vault.read().await;
    Ok(Json(
        json!({ "now": state.now(), "shift_days": state.meta.shift_days }),
    ))
}

#[derive(Deserialize)]
struct DenySecretGet {
    deny: bool,
}

/// Makes this vault answer secret reads with 403 (or serve them again), as Key Vault does a
/// caller without the secret `get` permission.
async fn deny_secret_get(
    State(ctx): State<Ctx>,
    JsonBody(body): JsonBody<DenySecretGet>,
) -> ApiResult<StatusCode> {
    let mut state = ctx.vault.write().await;
    let mut meta = state.meta.clone();
    meta.deny_secret_get = body.deny;
    ctx.vault
        .commit(&mut state, vec![Change::Meta(meta)])
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct FaultRules {
    rules: Vec<Rule>,
}

/// The fault rules in force on this vault, with how many requests each hit.
async fn faults(State(ctx): State<Ctx>) -> Json<Value> {
    Json(json!({ "rules": ctx.faults.report() }))
}

/// Replaces this vault's fault rules (see `http/faults.rs`).
async fn set_faults(
    State(ctx): State<Ctx>,
    JsonBody(body): JsonBody<FaultRules>,
) -> ApiResult<Json<Value>> {
    ctx.faults
        .set(body.rules)
        .map_err(ApiError::bad_parameter)?;
    Ok(faults(State(ctx)).await)
}

async fn clear_faults(State(ctx): State<Ctx>) -> StatusCode {
    ctx.faults.clear();
    StatusCode::NO_CONTENT
}

async fn notifications(State(ctx): State<Ctx>) -> Json<Value> {
    let state = ctx.vault.read().await;
    Json(json!({ "value": state.notifications }))
}

/// Seeds the sample certificates that are not there yet; returns all sample names.
async fn samples(State(ctx): State<Ctx>) -> ApiResult<Json<Value>> {
    Ok(Json(json!({ "value": samples::seed(&ctx.vault).await? })))
}
