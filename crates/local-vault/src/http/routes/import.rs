//! `POST /certificates/{name}/import`: PFX or PEM, policy derived like the service.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use serde_json::Value;
use zeroize::Zeroizing;

use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::{CertRecord, Version};
use crate::domain::policy::{
    Action, IssuerRef, KeyProps, LifetimeAction, Policy, PolicyAttributes, SecretProps, Trigger,
    UNKNOWN,
};
use crate::domain::vault::{active, cert_not_found, ensure_not_deleted, key_of};
use crate::domain::{blocking, certinfo, material};
use crate::http::context::Ctx;
use crate::http::extract::WithBody;
use crate::http::render;
use crate::http::routes::operations::Attributes;

/// Body of an import.
#[derive(Deserialize)]
pub struct ImportBody {
    value: Option<String>,
    pwd: Option<String>,
    policy: Option<Policy>,
    attributes: Option<Attributes>,
    tags: Option<BTreeMap<String, String>>,
    #[serde(rename = "preserveCertOrder")]
    preserve_cert_order: Option<bool>,
}

/// The policy the service gives an imported certificate: issuer Unknown, EmailContacts at
/// 80 %, key and X.509 properties read from the certificate; a sent policy's choices win.
pub fn derived_policy(leaf: &[u8], content_type: &str, sent: Option<Policy>) -> ApiResult<Policy> {
    let sent = sent.unwrap_or_default();
    let sent_key = sent.key_props.clone().unwrap_or_default();
    let key = certinfo::key_props(&certinfo::spki(leaf)?)?;
    let policy = Policy {
        key_props: Some(KeyProps {
            exportable: Some(sent_key.exportable.unwrap_or(true)),
            reuse_key: Some(sent_key.reuse_key.unwrap_or(false)),
            ..key
        }),
        secret_props: Some(sent.secret_props.clone().unwrap_or(SecretProps {
            content_type: Some(content_type.to_string()),
        })),
        x509_props: Some(certinfo::x509_props(leaf)?),
        lifetime_actions: Some(sent.lifetime_actions.clone().unwrap_or_else(|| {
            vec![LifetimeAction {
                trigger: Trigger {
                    lifetime_percentage: Some(80),
                    days_before_expiry: None,
                },
                action: Action {
                    action_type: "EmailContacts".into(),
                },
            }]
        })),
        issuer: Some(sent.issuer.clone().unwrap_or(IssuerRef {
            name: Some(UNKNOWN.into()),
            ..IssuerRef::default()
        })),
        attributes: Some(sent.attributes.clone().unwrap_or(PolicyAttributes {
            enabled: Some(true),
        })),
    }
    .with_defaults();
    policy.validate()?;
    Ok(policy)
}

/// `POST /certificates/{name}/import`.
pub async fn import(
    State(ctx): State<Ctx>,
    WithBody { target, body }: WithBody<ImportBody>,
) -> ApiResult<Json<Value>> {
    let name = target.name;
    let value = body.value.filter(|v| !v.trim().is_empty()).ok_or_else(|| {
        ApiError::bad_parameter("The certificate value is required (base64 PFX, or PEM).")
    })?;
    let pwd = body.pwd.map(Zeroizing::new);
    let preserve_order = body.preserve_cert_order == Some(true);
    let sent_policy = body.policy;
    // Parsing and key derivation may take a second: off the async workers.
    let (imported, policy) = blocking::run(move || {
        let imported =
            material::parse_import(&value, pwd.as_deref().map(String::as_str), preserve_order)?;
        let leaf = imported
            .chain
            .get(imported.leaf)
            .ok_or_else(|| ApiError::bad_parameter("The file holds no certificate."))?;
        let policy = derived_policy(leaf, imported.content_type, sent_policy)?;
        Ok((imported, policy))
    })
    .await?;
    let mut state = ctx.vault.write().await;
    ensure_not_deleted(&state, &name)?;
    let now = state.now();
    let key = key_of(&name);
    let mut cert = match state.certs.get(&key) {
        Some(existing) if existing.in_progress() => {
            return Err(ApiError::conflict(
                format!("There is a pending operation for certificate {name}."),
                None,
            ));
        }
        Some(existing) => existing.clone(),
        None => CertRecord::new(&name, policy.clone(), now),
    };
    cert.policy = policy.clone();
    cert.policy_updated = now;
    let mut version = Version::pending(&imported.key, &policy, now, body.tags.unwrap_or_default());
    let enabled = body.attributes.and_then(|a| a.enabled).unwrap_or(true);
    version.issue(&imported.chain, imported.leaf, enabled, now)?;
    let id = version.id.clone();
    cert.versions.push(version);
    ctx.vault.put_cert(&mut state, Some(cert), &name).await?;
    let cert = active(&state, &name)?;
    let version = cert.version(&id).ok_or_else(|| cert_not_found(&name))?;
    Ok(Json(render::bundle(&target.base, cert, version, &state)))
}
