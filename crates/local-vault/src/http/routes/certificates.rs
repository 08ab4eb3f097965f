//! Get, list, versions and update of certificates.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;

use super::{Ctx, active, cached_json, json_body, latest_page};
use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::{CertRecord, Version};
use crate::http::body::{JsonBody, QueryMap};
use crate::http::{paging, render};

/// `GET /certificates[?maxresults&includePending]`.
pub async fn list(State(ctx): State<Ctx>, headers: HeaderMap, uri: Uri) -> ApiResult<Response> {
    latest_page(&ctx, &headers, &uri, false, "/certificates").await
}

/// `GET /certificates/{name}/versions`.
pub async fn versions(
    State(ctx): State<Ctx>,
    Path(name): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> ApiResult<Response> {
    let base = render::base(&headers, &ctx.vault);
    cached_json(&ctx, &base, &uri, |state| {
        let query = QueryMap::from_uri(&uri)?;
        let cert = active(state, &name)?;
        json_body(&paging::page(
            cert.versions.iter(),
            |v| render::item(&base, cert, v, true, state),
            &query,
            &base,
            &format!("/certificates/{}/versions", cert.name),
        )?)
    })
    .await
}

fn find_version<'a>(cert: &'a CertRecord, version: &str) -> ApiResult<&'a Version> {
    let found = if version.is_empty() {
        cert.latest()
    } else {
        cert.version(version)
    };
    found.ok_or_else(|| {
        ApiError::not_found(
            "CertificateNotFound",
            format!(
                "A certificate with (name/id) {}/{version} was not found in this key vault.",
                cert.name
            ),
        )
    })
}

async fn get_impl(
    ctx: Ctx,
    name: String,
    version: String,
    headers: HeaderMap,
    uri: Uri,
) -> ApiResult<Response> {
    let base = render::base(&headers, &ctx.vault);
    cached_json(&ctx, &base, &uri, |state| {
        let cert = active(state, &name)?;
        let version = find_version(cert, &version)?;
        json_body(&render::bundle(&base, cert, version, state))
    })
    .await
}

/// `GET /certificates/{name}/` (latest).
pub async fn get_latest(
    State(ctx): State<Ctx>,
    Path(name): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> ApiResult<Response> {
    get_impl(ctx, name, String::new(), headers, uri).await
}

/// `GET /certificates/{name}/{version}`.
pub async fn get_version(
    State(ctx): State<Ctx>,
    Path((name, version)): Path<(String, String)>,
    headers: HeaderMap,
    uri: Uri,
) -> ApiResult<Response> {
    get_impl(ctx, name, version, headers, uri).await
}

/// Body of `PATCH /certificates/{name}/{version}`.
#[derive(Deserialize)]
pub struct UpdateBody {
    attributes: Option<UpdateAttributes>,
    tags: Option<BTreeMap<String, String>>,
    policy: Option<crate::domain::policy::Policy>,
}

#[derive(Deserialize)]
struct UpdateAttributes {
    enabled: Option<bool>,
    nbf: Option<i64>,
    exp: Option<i64>,
}

async fn update_impl(
    ctx: Ctx,
    name: String,
    version: String,
    headers: HeaderMap,
    body: UpdateBody,
) -> ApiResult<Json<Value>> {
    let base = render::base(&headers, &ctx.vault);
    let mut state = ctx.vault.write().await;
    let mut cert = active(&state, &name)?.clone();
    let id = find_version(&cert, &version)?.id.clone();
    let now = state.now();
    if let Some(patch) = body.policy {
        let policy = cert.policy.clone().merged(patch).with_defaults();
        policy.validate()?;
        cert.policy = policy;
        cert.policy_updated = now;
    }
    let target = cert
        .version_mut(&id)
        .ok_or_else(|| ApiError::internal("version vanished"))?;
    if let Some(attrs) = body.attributes {
        if let Some(enabled) = attrs.enabled {
            target.enabled = enabled;
        }
        if let (Some(nbf), Some(exp)) = (
            attrs.nbf.or(Some(target.nbf)),
            attrs.exp.or(Some(target.exp)),
        ) && nbf > exp
        {
            return Err(ApiError::bad_parameter(
                "The attribute nbf must not be later than exp.",
            ));
        }
        target.nbf = attrs.nbf.unwrap_or(target.nbf);
        target.exp = attrs.exp.unwrap_or(target.exp);
    }
    if let Some(tags) = body.tags {
        if tags.len() > 15 {
            return Err(ApiError::bad_parameter(
                "A certificate can have at most 15 tags.",
            ));
        }
        target.tags = tags;
    }
    target.updated = now;
    let name = cert.name.clone();
    ctx.vault.put_cert(&mut state, Some(cert), &name).await?;
    let cert = active(&state, &name)?;
    Ok(Json(render::bundle(
        &base,
        cert,
        find_version(cert, &id)?,
        &state,
    )))
}

/// `PATCH /certificates/{name}/` (latest version).
pub async fn update_latest(
    State(ctx): State<Ctx>,
    Path(name): Path<String>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<UpdateBody>,
) -> ApiResult<Json<Value>> {
    update_impl(ctx, name, String::new(), headers, body).await
}

/// `PATCH /certificates/{name}/{version}`.
pub async fn update_version(
    State(ctx): State<Ctx>,
    Path((name, version)): Path<(String, String)>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<UpdateBody>,
) -> ApiResult<Json<Value>> {
    update_impl(ctx, name, version, headers, body).await
}
