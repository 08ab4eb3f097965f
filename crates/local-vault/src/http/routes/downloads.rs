//! The key and secret a certificate implies: `GET /secrets/{name}/{v}` and `GET /keys/{name}/{v}`.

use axum::Json;
use axum::extract::{Path, State};
use serde_json::{Value, json};

use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::{CertRecord, Version};
use crate::domain::vault::{VaultState, key_of};
use crate::domain::{certinfo, issuance, material};
use crate::http::context::Ctx;
use crate::http::extract::{Base, Segments};
use crate::http::render;

fn lookup<'a>(
    state: &'a VaultState,
    name: &str,
    version: &str,
    code: &'static str,
) -> ApiResult<(&'a CertRecord, &'a Version)> {
    let not_found = || {
        ApiError::not_found(
            code,
            format!(
                "A {} with (name/id) {name}/{version} was not found in this key vault.",
                if code == "SecretNotFound" {
                    "secret"
                } else {
                    "key"
                }
            ),
        )
    };
    let cert = state
        .certs
        .get(&key_of(name))
        .filter(|c| c.live())
        .ok_or_else(not_found)?;
    let found = if version.is_empty() {
        cert.latest()
    } else {
        cert.version(version)
    };
    Ok((cert, found.ok_or_else(not_found)?))
}

fn managed(version: &Version, state: &VaultState, mut value: Value) -> Value {
    value["attributes"] = json!(render::attributes(version, state));
    value["managed"] = json!(true);
    if !version.tags.is_empty() {
        value["tags"] = json!(version.tags);
    }
    value
}

/// `GET /secrets/{name}/{version}` (no version: the latest). The name is not checked here: an
/// invalid one is simply not found.
pub async fn secret(
    State(ctx): State<Ctx>,
    Path(Segments { name, version }): Path<Segments>,
    Base(base): Base,
) -> ApiResult<Json<Value>> {
    let state = ctx.vault.read().await;
    if state.meta.deny_secret_get {
        return Err(ApiError::forbidden(format!(
            "The user, group or application 'appid=certdeck-local' does not have secrets get \
             permission on key vault '{};location=local'. For help resolving this issue, please \
             see https://go.microsoft.com/fwlink/?linkid=2125287",
            ctx.vault.name
        )));
    }
    let (cert, version) = lookup(&state, &name, &version, "SecretNotFound")?;
    if version.cer().is_none() {
        return Err(ApiError::not_found(
            "SecretNotFound",
            format!("The secret of {name} is not issued yet."),
        ));
    }
    let value = json!({
        "value": material::secret_value(version)?,
        "contentType": version.content_type,
        "id": format!("{base}/secrets/{}/{}", cert.name, version.id),
        "kid": format!("{base}/keys/{}/{}", cert.name, version.id),
    });
    Ok(Json(managed(version, &state, value)))
}

/// `GET /keys/{name}/{version}` (no version: the latest): the public JWK.
pub async fn key(
    State(ctx): State<Ctx>,
    Path(Segments { name, version }): Path<Segments>,
    Base(base): Base,
) -> ApiResult<Json<Value>> {
    let state = ctx.vault.read().await;
    let (cert, version) = lookup(&state, &name, &version, "KeyNotFound")?;
    let spki = match version.cer_der() {
        Some(der) => certinfo::spki(&der)?,
        None => issuance::public_key_der(&issuance::load_key(&version.key_der())?),
    };
    let kid = format!("{base}/keys/{}/{}", cert.name, version.id);
    let value = json!({ "key": certinfo::public_jwk(&spki, &kid)? });
    Ok(Json(managed(version, &state, value)))
}
