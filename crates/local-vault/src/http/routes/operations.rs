//! Create, the pending operation (get, cancel, delete) and merge.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use serde_json::Value;

use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::{CertRecord, OpStatus, Operation, Version, check_name};
use crate::domain::policy::{Policy, UNKNOWN};
use crate::domain::signer::{self, Signer};
use crate::domain::vault::{VaultState, active, cert_not_found, ensure_not_deleted, key_of};
use crate::domain::{certinfo, issuance, jobs, material};
use crate::http::body::JsonBody;
use crate::http::context::Ctx;
use crate::http::extract::{Base, Segments, Target, WithBody};
use crate::http::render;
use crate::ids;

/// Body of `POST /certificates/{name}/create`.
#[derive(Deserialize)]
pub struct CreateBody {
    policy: Option<Policy>,
    attributes: Option<Attributes>,
    tags: Option<BTreeMap<String, String>>,
}

/// `attributes` of create and merge.
#[derive(Deserialize)]
pub struct Attributes {
    /// Whether the certificate starts enabled.
    pub enabled: Option<bool>,
}

/// An operation response with the polling hints clients honour.
fn operation_response(ctx: &Ctx, status: StatusCode, base: &str, cert: &CertRecord) -> Response {
    let mut response = (status, Json(render::operation(base, cert))).into_response();
    if cert.in_progress() {
        let ms = ctx.vault.delays.operation.as_millis().max(1) as u64;
        let headers = response.headers_mut();
        let secs = ms.div_ceil(1000);
        for (name, value) in [
            ("retry-after-ms", ms),
            ("x-ms-retry-after-ms", ms),
            ("retry-after", secs),
        ] {
            headers.insert(HeaderName::from_static(name), HeaderValue::from(value));
        }
        if let Ok(location) =
            HeaderValue::from_str(&format!("{base}/certificates/{}/pending", cert.name))
        {
            headers.insert(header::LOCATION, location);
        }
    }
    response
}

/// A new operation's `status_details`, as the service words them (JS recordings: a Self
/// create, and an Unknown one awaiting its merge).
fn status_details(signer: &Signer) -> &'static str {
    if *signer == Signer::Manual {
        "Pending certificate created. Please Perform Merge to complete the request."
    } else {
        "Pending certificate created. Certificate request is in progress. This may take some time based on the \
         issuer provider. Please check again later."
    }
}

fn pending_conflict(name: &str) -> ApiError {
    ApiError::conflict(
        format!(
            "There is a pending create operation for certificate {name}; wait for it, cancel or delete it."
        ),
        None,
    )
}

/// `POST /certificates/{name}/create`: 202 with the operation; issuance completes later.
pub async fn create(
    State(ctx): State<Ctx>,
    WithBody { target, body }: WithBody<CreateBody>,
) -> ApiResult<Response> {
    let Target { name, base, .. } = target;
    let key = key_of(&name);
    // Validate and generate the key before taking the write lock: RSA generation is slow.
    let (policy, reuse) = {
        let state = ctx.vault.read().await;
        ensure_not_deleted(&state, &name)?;
        let existing = state.certs.get(&key);
        if existing.is_some_and(CertRecord::in_progress) {
            return Err(pending_conflict(&name));
        }
        let policy = match (body.policy, existing) {
            (Some(policy), _) => policy.with_defaults(),
            (None, Some(cert)) => cert.policy.clone(),
            (None, None) => {
                return Err(ApiError::bad_parameter(
                    "The certificate policy is required to create a new certificate.",
                ));
            }
        };
        policy.validate()?;
        signer::signer(&state, policy.issuer_name())?;
        let reuse = existing
            .filter(|_| policy.key().reuse_key == Some(true))
            .and_then(|c| c.versions.iter().rev().find(|v| v.cer().is_some()))
            .map(Version::key_der);
        (policy, reuse)
    };
    let key_pair = match reuse {
        Some(der) => issuance::load_key(&der)?,
        None => signer::generate_key(&policy).await?,
    };
    let mut state = ctx.vault.write().await;
    ensure_not_deleted(&state, &name)?;
    let now = state.now();
    let signer = signer::signer(&state, policy.issuer_name())?;
    let mut cert = match state.certs.get(&key) {
        Some(existing) if existing.in_progress() => return Err(pending_conflict(&name)),
        Some(existing) => existing.clone(),
        None => CertRecord::new(&name, policy.clone(), now),
    };
    let csr = issuance::csr(&issuance::params(&policy, now)?, &key_pair)?;
    if cert.issued() {
        cert.policy_updated = now;
    }
    cert.policy = policy.clone();
    cert.versions.retain(|v| v.cer().is_some());
    let mut version = Version::pending(
        &key_pair.serialize_der(),
        &policy,
        now,
        body.tags.unwrap_or_default(),
    );
    (version.nbf, version.exp) = issuance::validity(&policy, now);
    let operation = Operation {
        version: version.id.clone(),
        issuer: policy.issuer_name().to_string(),
        csr: STANDARD.encode(csr),
        status: OpStatus::InProgress,
        status_details: Some(status_details(&signer).into()),
        cancellation_requested: false,
        error: None,
        request_id: ids::new_id(),
        target_enabled: body
            .attributes
            .and_then(|a| a.enabled)
            .unwrap_or_else(|| policy.enabled()),
    };
    let request_id = operation.request_id.clone();
    cert.versions.push(version);
    cert.operation = Some(operation);
    ctx.vault.put_cert(&mut state, Some(cert), &name).await?;
    if signer != Signer::Manual {
        jobs::complete_later(ctx.vault.clone(), key.clone(), request_id);
    }
    let cert = state.certs.get(&key).ok_or_else(|| cert_not_found(&name))?;
    Ok(operation_response(&ctx, StatusCode::ACCEPTED, &base, cert))
}

fn with_operation<'a>(state: &'a VaultState, name: &str) -> ApiResult<&'a CertRecord> {
    state
        .certs
        .get(&key_of(name))
        .filter(|c| c.operation.is_some() && c.live())
        .ok_or_else(|| {
            ApiError::not_found(
                "PendingCertificateNotFound",
                format!("Pending Certificate not found: {name}"),
            )
        })
}

/// `GET /certificates/{name}/pending`.
pub async fn get(State(ctx): State<Ctx>, target: Target) -> ApiResult<Response> {
    let state = ctx.vault.read().await;
    Ok(operation_response(
        &ctx,
        StatusCode::OK,
        &target.base,
        with_operation(&state, &target.name)?,
    ))
}

/// Body of `PATCH /certificates/{name}/pending`.
#[derive(Deserialize)]
pub struct CancelBody {
    cancellation_requested: Option<bool>,
}

/// `PATCH /certificates/{name}/pending`: `{"cancellation_requested": true}` cancels.
pub async fn update(
    State(ctx): State<Ctx>,
    WithBody { target, body }: WithBody<CancelBody>,
) -> ApiResult<Response> {
    let Target { name, base, .. } = target;
    let mut state = ctx.vault.write().await;
    let mut cert = with_operation(&state, &name)?.clone();
    // Key Vault keeps a cancelled operation `inProgress` with `cancellation_requested` (and
    // its status details), and the certificate's disabled pending version; it never issues.
    if body.cancellation_requested == Some(true)
        && let Some(op) = cert
            .operation
            .as_mut()
            .filter(|o| o.status == OpStatus::InProgress && !o.cancellation_requested)
    {
        op.cancellation_requested = true;
        let key = cert.name.clone();
        ctx.vault.put_cert(&mut state, Some(cert), &key).await?;
    }
    Ok(operation_response(
        &ctx,
        StatusCode::OK,
        &base,
        with_operation(&state, &name)?,
    ))
}

/// `DELETE /certificates/{name}/pending`: returns the operation and forgets it. The versions
/// stay: a version that was never issued remains, disabled, without `cer`.
pub async fn delete(State(ctx): State<Ctx>, target: Target) -> ApiResult<Json<Value>> {
    let mut state = ctx.vault.write().await;
    let mut cert = with_operation(&state, &target.name)?.clone();
    let json = render::operation(&target.base, &cert);
    cert.operation = None;
    let key = cert.name.clone();
    // Only records of earlier versions, whose cancels dropped the pending version, are empty.
    let keep = !cert.versions.is_empty();
    ctx.vault
        .put_cert(&mut state, keep.then_some(cert), &key)
        .await?;
    Ok(Json(json))
}

/// Body of `POST /certificates/{name}/pending/merge`.
#[derive(Deserialize)]
pub struct MergeBody {
    x5c: Option<Vec<String>>,
    attributes: Option<Attributes>,
    tags: Option<BTreeMap<String, String>>,
}

/// `POST /certificates/{name}/pending/merge`: 201 with the certificate.
///
/// Not a [`Target`]: a merge has always read its chain before checking the name, so a request
/// wrong in both ways keeps its answer.
pub async fn merge(
    State(ctx): State<Ctx>,
    Path(Segments { name, .. }): Path<Segments>,
    Base(base): Base,
    JsonBody(body): JsonBody<MergeBody>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let x5c = body
        .x5c
        .filter(|x| !x.is_empty())
        .ok_or_else(|| ApiError::bad_parameter("x5c is required: the signed certificate chain."))?;
    let chain = material::merge_chain(&x5c)?;
    let mut state = ctx.vault.write().await;
    check_name(&name)?;
    let mut cert = with_operation(&state, &name)?.clone();
    let op = cert.operation.clone().filter(|o| {
        o.status == OpStatus::InProgress
            && !o.cancellation_requested
            && o.issuer.eq_ignore_ascii_case(UNKNOWN)
    });
    let mut op = op.ok_or_else(|| {
        ApiError::bad_parameter(format!(
            "Certificate {name} has no pending operation awaiting a merge."
        ))
    })?;
    let now = state.now();
    let version = cert
        .version_mut(&op.version)
        .ok_or_else(|| ApiError::internal("pending version vanished"))?;
    let key_spki = issuance::public_key_der(&issuance::load_key(&version.key_der())?);
    let leaf = chain
        .iter()
        .position(|c| certinfo::spki(c).is_ok_and(|s| certinfo::same_public_key(&s, &key_spki)))
        .ok_or_else(|| ApiError::bad_parameter("The public key of the merged certificate does not match the pending certificate's key (key mismatch)."))?;
    let enabled = body
        .attributes
        .and_then(|a| a.enabled)
        .unwrap_or(op.target_enabled);
    let mut ordered = chain.clone();
    ordered.swap(0, leaf);
    version.issue(&ordered, 0, enabled, now)?;
    if let Some(tags) = body.tags {
        version.tags = tags;
    }
    let id = version.id.clone();
    op.status = OpStatus::Completed;
    op.status_details = None;
    cert.operation = Some(op);
    let key = cert.name.clone();
    ctx.vault.put_cert(&mut state, Some(cert), &key).await?;
    let cert = active(&state, &key)?;
    let version = cert.version(&id).ok_or_else(|| cert_not_found(&key))?;
    Ok((
        StatusCode::CREATED,
        Json(render::bundle(&base, cert, version, &state)),
    ))
}
