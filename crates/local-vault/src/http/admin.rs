//! The admin API under `/_certdeck/` (same bearer token): vaults, clock shift, notifications
//! and sample certificates.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::clock::{self, DAY};
use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::{CertRecord, OpStatus, Operation, Version};
use crate::domain::policy::Policy;
use crate::domain::vault::{Change, key_of};
use crate::domain::{issuance, jobs, signer};
use crate::error::Error;
use crate::http::body::JsonBody;
use crate::http::context::Ctx;
use crate::ids;

/// Admin routes.
pub fn router() -> Router<Ctx> {
    Router::new()
        .route("/_certdeck/vaults", get(list_vaults).post(create_vault))
        .route(
            "/_certdeck/vaults/{name}",
            axum::routing::delete(delete_vault),
        )
        .route("/_certdeck/clock", post(shift_clock))
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
    retention_days: Option<i64>,
}

async fn create_vault(
    State(ctx): State<Ctx>,
    JsonBody(body): JsonBody<NewVault>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let endpoint = ctx
        .host
        .create_vault(body.name, body.retention_days)
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

/// Moves this vault's clock `shift_days` further (may be negative), then runs lifetime actions.
async fn shift_clock(
    State(ctx): State<Ctx>,
    JsonBody(body): JsonBody<Shift>,
) -> ApiResult<Json<Value>> {
    if body.shift_days.abs() > 36_500 {
        return Err(ApiError::bad_parameter("shift_days must be within ±36500."));
    }
    {
        let mut state = ctx.vault.write().await;
        let mut meta = state.meta.clone();
        meta.shift_days += body.shift_days;
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

async fn notifications(State(ctx): State<Ctx>) -> Json<Value> {
    let state = ctx.vault.read().await;
    Json(json!({ "value": state.notifications }))
}

/// (name, validity start and end relative to now in days, enabled, pending)
const SAMPLES: &[(&str, i64, i64, bool, bool)] = &[
    ("sample-healthy", -30, 335, true, false),
    ("sample-expiring", -355, 10, true, false),
    ("sample-expired", -400, -35, true, false),
    ("sample-disabled", -30, 335, false, false),
    ("sample-pending", 0, 0, false, true),
];

/// Seeds the sample certificates that are not there yet; returns all sample names.
async fn samples(State(ctx): State<Ctx>) -> ApiResult<Json<Value>> {
    let mut state = ctx.vault.write().await;
    let now = state.now();
    let mut changes = Vec::new();
    for &(name, from, to, enabled, pending) in SAMPLES {
        if state.certs.contains_key(&key_of(name)) {
            continue;
        }
        changes.push(Change::Cert(
            key_of(name),
            Some(Box::new(
                sample(name, now, from, to, enabled, pending).await?,
            )),
        ));
    }
    ctx.vault.commit(&mut state, changes).await?;
    Ok(Json(
        json!({ "value": SAMPLES.iter().map(|s| s.0).collect::<Vec<_>>() }),
    ))
}

async fn sample(
    name: &str,
    now: i64,
    from: i64,
    to: i64,
    enabled: bool,
    pending: bool,
) -> ApiResult<CertRecord> {
    let issuer = if pending { "Unknown" } else { "Self" };
    // EmailContacts, not AutoRenew: the samples must stay expired/expiring to be useful.
    let policy: Policy = serde_json::from_value(json!({
        "issuer": { "name": issuer },
        "x509_props": { "subject": format!("CN={name}.certdeck.local"), "sans": { "dns_names": [format!("{name}.certdeck.local")] } },
        "lifetime_actions": [{ "trigger": { "lifetime_percentage": 80 }, "action": { "action_type": "EmailContacts" } }],
    }))
    .map_err(|e| ApiError::internal(e.to_string()))?;
    let policy = policy.with_defaults();
    let key = signer::generate_key(&policy).await?;
    let mut version = Version::pending(&key.serialize_der(), &policy, now, Default::default());
    let mut params = issuance::params(&policy, now)?;
    let mut operation = None;
    if pending {
        operation = Some(Operation {
            version: version.id.clone(),
            issuer: issuer.into(),
            csr: STANDARD.encode(issuance::csr(&params, &key)?),
            status: OpStatus::InProgress,
            status_details: Some(
                "Pending certificate created. Please merge the signed certificate.".into(),
            ),
            cancellation_requested: false,
            error: None,
            request_id: ids::new_id(),
            target_enabled: true,
        });
    } else {
        params.not_before = clock::to_offset(now + from * DAY);
        params.not_after = clock::to_offset(now + to * DAY);
        version.issue(&[issuance::self_signed(&params, &key)?], 0, enabled, now)?;
    }
    let mut cert = CertRecord::new(name, policy, now);
    cert.versions.push(version);
    cert.operation = operation;
    Ok(cert)
}
