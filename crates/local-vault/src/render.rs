//! JSON shapes of responses: certificate bundles, list items, operations, policies, issuers.

use axum::http::{HeaderMap, header};
use serde_json::{Value, json};

use crate::certinfo;
use crate::model::{CertRecord, IssuerRecord, Version};
use crate::vault::{Vault, VaultState};

/// `scheme://host:port` of the request (ids are absolute on the server's own address).
pub fn base(headers: &HeaderMap, vault: &Vault) -> String {
    match headers.get(header::HOST).and_then(|h| h.to_str().ok()) {
        Some(host) if !host.is_empty() && host.bytes().all(|b| b.is_ascii_graphic()) => {
            format!("https://{host}")
        }
        _ => vault.url.trim_end_matches('/').to_string(),
    }
}

/// Certificate `attributes`.
pub fn attributes(version: &Version, state: &VaultState) -> Value {
    let mut attrs = json!({
        "enabled": version.enabled,
        "created": version.created,
        "updated": version.updated,
        "recoveryLevel": state.recovery_level(),
        "recoverableDays": state.meta.retention_days,
    });
    if version.cer().is_some() {
        attrs["nbf"] = json!(version.nbf);
        attrs["exp"] = json!(version.exp);
    }
    attrs
}

fn with_tags(mut value: Value, version: &Version) -> Value {
    if !version.tags.is_empty() {
        value["tags"] = json!(version.tags);
    }
    value
}

/// A list item: `id` without version unless `versioned`.
pub fn item(
    base: &str,
    cert: &CertRecord,
    version: &Version,
    versioned: bool,
    state: &VaultState,
) -> Value {
    let id = if versioned {
        format!("{base}/certificates/{}/{}", cert.name, version.id)
    } else {
        format!("{base}/certificates/{}", cert.name)
    };
    let mut value = json!({ "id": id, "attributes": attributes(version, state) });
    if let Some(der) = version.cer_der() {
        value["x5t"] = json!(certinfo::x5t(&der));
    }
    with_tags(value, version)
}

/// A full certificate bundle with policy.
pub fn bundle(base: &str, cert: &CertRecord, version: &Version, state: &VaultState) -> Value {
    let name = &cert.name;
    let mut value = json!({
        "id": format!("{base}/certificates/{name}/{}", version.id),
        "kid": format!("{base}/keys/{name}/{}", version.id),
        "sid": format!("{base}/secrets/{name}/{}", version.id),
        "attributes": attributes(version, state),
        "policy": policy(base, cert),
    });
    if let (Some(cer), Some(der)) = (version.cer(), version.cer_der()) {
        value["x5t"] = json!(certinfo::x5t(&der));
        value["cer"] = json!(cer);
    }
    if cert.operation.is_some() {
        value["pending"] = json!({ "id": format!("{base}/certificates/{name}/pending") });
    }
    with_tags(value, version)
}

/// The deleted-certificate fields added to a bundle or item.
pub fn deleted(base: &str, cert: &CertRecord, mut value: Value) -> Value {
    if let Some(d) = &cert.deleted {
        value["recoveryId"] = json!(format!("{base}/deletedcertificates/{}", cert.name));
        value["deletedDate"] = json!(d.deleted_date);
        value["scheduledPurgeDate"] = json!(d.scheduled_purge_date);
    }
    value
}

/// The policy with its `id` and attributes.
pub fn policy(base: &str, cert: &CertRecord) -> Value {
    let mut value = serde_json::to_value(&cert.policy).unwrap_or_else(|_| json!({}));
    value["id"] = json!(format!("{base}/certificates/{}/policy", cert.name));
    value["attributes"] = json!({
        "enabled": cert.policy.enabled(),
        "created": cert.policy_created,
        "updated": cert.policy_updated,
    });
    value
}

/// The certificate operation.
pub fn operation(base: &str, cert: &CertRecord) -> Value {
    let Some(op) = &cert.operation else {
        return Value::Null;
    };
    let mut value = json!({
        "id": format!("{base}/certificates/{}/pending", cert.name),
        "issuer": { "name": op.issuer },
        "csr": op.csr,
        "cancellation_requested": op.cancellation_requested,
        "status": op.status,
        "request_id": op.request_id,
    });
    if let Some(details) = &op.status_details {
        value["status_details"] = json!(details);
    }
    if op.status == "completed" {
        value["target"] = json!(format!("{base}/certificates/{}", cert.name));
    }
    if let Some(error) = &op.error {
        value["error"] = json!({ "code": error.code, "message": error.message });
    }
    value
}

/// An issuer bundle.
pub fn issuer(base: &str, issuer: &IssuerRecord) -> Value {
    let mut value = json!({
        "id": format!("{base}/certificates/issuers/{}", issuer.name),
        "provider": issuer.provider,
        "attributes": { "enabled": issuer.enabled, "created": issuer.created, "updated": issuer.updated },
    });
    if let Some(account) = &issuer.account_id {
        value["credentials"] = json!({ "account_id": account });
    }
    if let Some(org) = &issuer.org_details {
        value["org_details"] = org.clone();
    }
    value
}
