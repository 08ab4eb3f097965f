//! JSON shapes of responses: certificate bundles, list items, operations, policies, issuers.

use std::collections::BTreeMap;

use axum::body::Bytes;
use serde::Serialize;
use serde_json::{Value, json};

use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::{CertRecord, IssuerRecord, OpStatus, Version};
use crate::domain::recovery;
use crate::domain::vault::{Vault, VaultState};

/// `https://127.0.0.1:PORT`: ids are absolute on the vault's configured address, never on the
/// `Host` header a client sent (which would let a request plant another host in ids).
pub fn base(vault: &Vault) -> String {
    vault.url.trim_end_matches('/').to_string()
}

/// `value` serialized as a response body.
pub fn json_body<T: Serialize>(value: &T) -> ApiResult<Bytes> {
    serde_json::to_vec(value)
        .map(Bytes::from)
        .map_err(|e| ApiError::internal(e.to_string()))
}

/// Certificate `attributes`. Fields are declared in alphabetical order, the order of the
/// `serde_json::Value` maps the other responses are built from, so both serialize alike.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Attributes {
    created: i64,
    enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    exp: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nbf: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recoverable_days: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recovery_level: Option<&'static str>,
    updated: i64,
}

/// The attributes of `version`, with the vault's recovery settings; validity once known (a
/// pending version shows the one it will be issued with).
pub fn attributes(version: &Version, state: &VaultState) -> Attributes {
    let known = version.exp != 0;
    Attributes {
        created: version.created,
        enabled: version.enabled,
        exp: known.then_some(version.exp),
        nbf: known.then_some(version.nbf),
        recoverable_days: recovery::recoverable_days(&state.meta),
        recovery_level: Some(recovery::level(&state.meta)),
        updated: version.updated,
    }
}

fn with_tags(mut value: Value, version: &Version) -> Value {
    if !version.tags.is_empty() {
        value["tags"] = json!(version.tags);
    }
    value
}

/// A list item. As the service lists them, a live certificate's (or version's) carries
/// `subject`, always empty, and attributes without the recovery settings; a deleted
/// certificate's carries its deletion fields and the recovery settings, and no `subject`.
/// Fields in alphabetical order, like [`Attributes`].
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Item<'a> {
    attributes: Attributes,
    #[serde(skip_serializing_if = "Option::is_none")]
    deleted_date: Option<i64>,
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    recovery_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheduled_purge_date: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<&'static str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    tags: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    x5t: Option<&'a str>,
}

/// A list item: `id` without version unless `versioned`.
pub fn item<'a>(
    base: &str,
    cert: &CertRecord,
    version: &'a Version,
    versioned: bool,
    state: &VaultState,
) -> Item<'a> {
    let id = if versioned {
        format!("{base}/certificates/{}/{}", cert.name, version.id)
    } else {
        format!("{base}/certificates/{}", cert.name)
    };
    let deleted = cert.deleted.is_some();
    let mut attributes = attributes(version, state);
    if !deleted {
        attributes.recoverable_days = None;
        attributes.recovery_level = None;
    }
    Item {
        attributes,
        deleted_date: cert.deleted.as_ref().map(|d| d.deleted_date),
        id,
        recovery_id: cert
            .deleted
            .as_ref()
            .map(|_| format!("{base}/deletedcertificates/{}", cert.name)),
        scheduled_purge_date: cert.deleted.as_ref().map(|d| d.scheduled_purge_date),
        subject: (!deleted).then_some(""),
        tags: &version.tags,
        x5t: version.x5t(),
    }
}

/// The bundle of one version as the service answers for `/certificates/{name}/{version}`:
/// id, attributes and tags, and once issued the key and secret ids and the certificate; no
/// policy, no `pending`.
pub fn version_bundle(
    base: &str,
    cert: &CertRecord,
    version: &Version,
    state: &VaultState,
) -> Value {
    let name = &cert.name;
    let mut value = json!({
        "id": format!("{base}/certificates/{name}/{}", version.id),
        "attributes": attributes(version, state),
    });
    if let (Some(cer), Some(x5t)) = (version.cer(), version.x5t()) {
        value["kid"] = json!(format!("{base}/keys/{name}/{}", version.id));
        value["sid"] = json!(format!("{base}/secrets/{name}/{}", version.id));
        value["x5t"] = json!(x5t);
        value["cer"] = json!(cer);
    }
    with_tags(value, version)
}

/// `value` with `pending` while the certificate has an operation (the service drops it only
/// when the operation is deleted).
pub fn with_pending(base: &str, cert: &CertRecord, mut value: Value) -> Value {
    if cert.operation.is_some() {
        value["pending"] = json!({ "id": format!("{base}/certificates/{}/pending", cert.name) });
    }
    value
}

/// A certificate bundle as answered without a version (and by create, import, merge, delete
/// and recover): the version's, with the policy and `pending`.
pub fn bundle(base: &str, cert: &CertRecord, version: &Version, state: &VaultState) -> Value {
    let mut value = version_bundle(base, cert, version, state);
    value["policy"] = policy(base, cert);
    with_pending(base, cert, value)
}

/// The deleted-certificate fields added to a bundle.
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
    if op.status == OpStatus::Completed {
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
        value["org_details"] = org_details(org);
    }
    value
}

/// `org_details` as the service answers them: with `zip`, 0 when it was not set.
fn org_details(org: &Value) -> Value {
    let mut org = org.clone();
    if let Some(fields) = org.as_object_mut() {
        fields.entry("zip").or_insert(json!(0));
    }
    org
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::certinfo;
    use crate::domain::model::{Deletion, test_leaf};
    use crate::domain::policy::Policy;
    use crate::domain::vault::test_state;

    /// The typed items serialize to the very bytes of the `serde_json::Value` maps they
    /// replaced: same fields, values and key order.
    #[test]
    fn items_serialize_like_the_value_maps() {
        let (key, der) = test_leaf();
        let policy = Policy::default();
        let tags = BTreeMap::from([("team".to_string(), "x".to_string())]);
        let mut issued = Version::pending(&key, &policy, 100, tags);
        issued
            .issue(std::slice::from_ref(&der), 0, true, 200)
            .unwrap();
        let pending = Version::pending(&[1], &policy, 300, BTreeMap::new());
        let mut cert = CertRecord {
            name: "Alpha".to_string(),
            policy,
            policy_created: 1,
            policy_updated: 1,
            versions: vec![issued.clone(), pending.clone()],
            operation: None,
            deleted: None,
            transition: None,
            notified: Vec::new(),
        };
        let state = test_state(30);
        let text = |item: Item| serde_json::to_string(&item).unwrap();
        let old = |value: Value| serde_json::to_string(&value).unwrap();
        let issued_attributes = json!({
            "enabled": true, "created": 100, "updated": 200, "nbf": issued.nbf, "exp": issued.exp,
        });

        assert_eq!(
            text(item("https://h", &cert, &cert.versions[0], true, &state)),
            old(json!({
                "id": format!("https://h/certificates/Alpha/{}", issued.id),
                "attributes": issued_attributes,
                "x5t": certinfo::x5t(&der),
                "tags": {"team": "x"},
                "subject": "",
            }))
        );
        assert_eq!(
            text(item("https://h", &cert, &cert.versions[1], false, &state)),
            old(json!({
                "id": "https://h/certificates/Alpha",
                "attributes": { "enabled": false, "created": 300, "updated": 300 },
                "subject": "",
            }))
        );
        cert.deleted = Some(Deletion {
            deleted_date: 5,
            scheduled_purge_date: 6,
        });
        assert_eq!(
            text(item("https://h", &cert, &cert.versions[0], false, &state)),
            old(json!({
                "id": "https://h/certificates/Alpha",
                "attributes": {
                    "enabled": true, "created": 100, "updated": 200,
                    "nbf": issued.nbf, "exp": issued.exp,
                    "recoveryLevel": "CustomizedRecoverable+Purgeable", "recoverableDays": 30,
                },
                "x5t": certinfo::x5t(&der),
                "tags": {"team": "x"},
                "recoveryId": "https://h/deletedcertificates/Alpha",
                "deletedDate": 5,
                "scheduledPurgeDate": 6,
            }))
        );
    }
}
