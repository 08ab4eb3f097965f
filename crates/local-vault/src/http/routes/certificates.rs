//! Get, list, versions and update of certificates.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;

use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::{CertRecord, Version};
use crate::domain::policy::Policy;
use crate::domain::vault::{active, cert_not_found};
use crate::http::body::QueryMap;
use crate::http::context::Ctx;
use crate::http::extract::{Base, Target, WithBody};
use crate::http::routes::listing::latest_page;
use crate::http::{paging, render};

/// `GET /certificates[?maxresults&includePending]`.
pub async fn list(State(ctx): State<Ctx>, Base(base): Base, uri: Uri) -> ApiResult<Response> {
    latest_page(&ctx, &base, &uri, false, "/certificates").await
}

/// `GET /certificates/{name}/versions`.
pub async fn versions(State(ctx): State<Ctx>, target: Target, uri: Uri) -> ApiResult<Response> {
    let base = &target.base;
    ctx.cached_json(base, &uri, |state| {
        let query = QueryMap::from_uri(&uri)?;
        let cert = target.active(state)?;
        render::json_body(&paging::page(
            cert.versions.iter(),
            |v| render::item(base, cert, v, true, state),
            &query,
            base,
            &format!("/certificates/{}/versions", cert.name),
        )?)
    })
    .await
}

fn find_version<'a>(cert: &'a CertRecord, version: &str) -> ApiResult<&'a Version> {
    if version.is_empty() {
        cert.latest().ok_or_else(|| cert_not_found(&cert.name))
    } else {
        cert.version(version)
            .ok_or_else(|| cert_not_found(&format!("{}/versions/{version}", cert.name)))
    }
}

/// `GET /certificates/{name}/{version}`: the version alone, without policy or `pending`;
/// without a version, the latest with both (as the service answers).
pub async fn get(State(ctx): State<Ctx>, target: Target, uri: Uri) -> ApiResult<Response> {
    ctx.cached_json(&target.base, &uri, |state| {
        let cert = target.active(state)?;
        let version = find_version(cert, &target.version)?;
        let base = &target.base;
        render::json_body(&if target.version.is_empty() {
            render::bundle(base, cert, version, state)
        } else {
            render::version_bundle(base, cert, version, state)
        })
    })
    .await
}

/// Body of `PATCH /certificates/{name}/{version}`.
#[derive(Deserialize)]
pub struct UpdateBody {
    attributes: Option<UpdateAttributes>,
    tags: Option<BTreeMap<String, String>>,
    policy: Option<Policy>,
}

#[derive(Deserialize)]
struct UpdateAttributes {
    enabled: Option<bool>,
    nbf: Option<i64>,
    exp: Option<i64>,
}

/// `PATCH /certificates/{name}/{version}`: answers the version with `pending` but without
/// policy; without a version, the latest with both (as the service answers).
pub async fn update(
    State(ctx): State<Ctx>,
    WithBody { target, body }: WithBody<UpdateBody>,
) -> ApiResult<Json<Value>> {
    let mut state = ctx.vault.write().await;
    let mut cert = target.active(&state)?.clone();
    let id = find_version(&cert, &target.version)?.id.clone();
    let now = state.now();
    if let Some(patch) = body.policy {
        let policy = cert.policy.clone().merged(patch).with_defaults();
        policy.validate()?;
        cert.policy = policy;
        cert.policy_updated = now;
    }
    let version = cert
        .version_mut(&id)
        .ok_or_else(|| ApiError::internal("version vanished"))?;
    if let Some(attrs) = body.attributes {
        if let Some(enabled) = attrs.enabled {
            version.enabled = enabled;
        }
        if let (Some(nbf), Some(exp)) = (
            attrs.nbf.or(Some(version.nbf)),
            attrs.exp.or(Some(version.exp)),
        ) && nbf > exp
        {
            return Err(ApiError::bad_parameter(
                "The attribute nbf must not be later than exp.",
            ));
        }
        version.nbf = attrs.nbf.unwrap_or(version.nbf);
        version.exp = attrs.exp.unwrap_or(version.exp);
    }
    if let Some(tags) = body.tags {
        if tags.len() > 15 {
            return Err(ApiError::bad_parameter(
                "A certificate can have at most 15 tags.",
            ));
        }
        version.tags = tags;
    }
    version.updated = now;
    let name = cert.name.clone();
    ctx.vault.put_cert(&mut state, Some(cert), &name).await?;
    let cert = active(&state, &name)?;
    let version = find_version(cert, &id)?;
    let base = &target.base;
    Ok(Json(if target.version.is_empty() {
        render::bundle(base, cert, version, &state)
    } else {
        render::with_pending(
            base,
            cert,
            render::version_bundle(base, cert, version, &state),
        )
    }))
}
