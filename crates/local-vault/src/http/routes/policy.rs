//! Certificate policy get and update.

use axum::Json;
use axum::extract::State;
use serde_json::Value;

use crate::domain::error::ApiResult;
use crate::domain::policy::Policy;
use crate::domain::vault::active;
use crate::http::context::Ctx;
use crate::http::extract::{Target, WithBody};
use crate::http::render;

/// `GET /certificates/{name}/policy`.
pub async fn get_policy(State(ctx): State<Ctx>, target: Target) -> ApiResult<Json<Value>> {
    let state = ctx.vault.read().await;
    Ok(Json(render::policy(&target.base, target.active(&state)?)))
}

/// `PATCH /certificates/{name}/policy`: replaces the sections sent, then validates.
pub async fn update_policy(
    State(ctx): State<Ctx>,
    WithBody {
        target,
        body: patch,
    }: WithBody<Policy>,
) -> ApiResult<Json<Value>> {
    let mut state = ctx.vault.write().await;
    let mut cert = target.active(&state)?.clone();
    let policy = cert.policy.clone().merged(patch).with_defaults();
    policy.validate()?;
    cert.policy = policy;
    cert.policy_updated = state.now();
    let key = cert.name.clone();
    ctx.vault.put_cert(&mut state, Some(cert), &key).await?;
    Ok(Json(render::policy(&target.base, active(&state, &key)?)))
}
