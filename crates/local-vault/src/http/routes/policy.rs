//! Certificate policy get and update.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use serde_json::Value;

use super::{Ctx, active};
use crate::domain::error::ApiResult;
use crate::domain::policy::Policy;
use crate::http::body::JsonBody;
use crate::http::render;

/// `GET /certificates/{name}/policy`.
pub async fn get_policy(
    State(ctx): State<Ctx>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    let base = render::base(&headers, &ctx.vault);
    let state = ctx.vault.read().await;
    Ok(Json(render::policy(&base, active(&state, &name)?)))
}

/// `PATCH /certificates/{name}/policy`: replaces the sections sent, then validates.
pub async fn update_policy(
    State(ctx): State<Ctx>,
    Path(name): Path<String>,
    headers: HeaderMap,
    JsonBody(patch): JsonBody<Policy>,
) -> ApiResult<Json<Value>> {
    let base = render::base(&headers, &ctx.vault);
    let mut state = ctx.vault.write().await;
    let mut cert = active(&state, &name)?.clone();
    let policy = cert.policy.clone().merged(patch).with_defaults();
    policy.validate()?;
    cert.policy = policy;
    cert.policy_updated = state.now();
    let key = cert.name.clone();
    ctx.vault.put_cert(&mut state, Some(cert), &key).await?;
    Ok(Json(render::policy(&base, active(&state, &key)?)))
}
