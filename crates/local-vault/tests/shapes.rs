//! Wire shapes: the fields, JSON types and status codes Key Vault answers with (as seen in real
//! service recordings), encoded as our own expectations and checked with a raw HTTPS client.

mod support;

use serde_json::{Value, json};
use support::{Raw, Server, fixtures::Leaf, fixtures::b64, fixtures::openssl, fixtures::unb64};

/// Asserts `value` is an object holding every `required` field and nothing outside `allowed`.
fn fields(what: &str, value: &Value, required: &[&str], allowed: &[&str]) {
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("{what}: not an object: {value}"));
    for field in required {
        assert!(
            object.contains_key(*field),
            "{what}: missing {field} in {value}"
        );
    }
    for key in object.keys() {
        assert!(
            required.contains(&key.as_str()) || allowed.contains(&key.as_str()),
            "{what}: unexpected field {key} in {value}"
        );
    }
}

fn is_unix_seconds(value: &Value) -> bool {
    value
        .as_i64()
        .is_some_and(|t| (1_000_000_000..10_000_000_000).contains(&t))
}

fn absolute_on(raw: &Raw, value: &Value, path_prefix: &str) {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value}"));
    let expected = format!("{}{}", raw.base, path_prefix);
    assert!(
        text.starts_with(&expected),
        "{text} should start with {expected}"
    );
}

fn error_shape(reply: &support::Reply, status: u16, code: &str) {
    assert_eq!(reply.status.as_u16(), status, "{}", reply.body);
    fields("error envelope", &reply.body, &["error"], &[]);
    fields(
        "error",
        &reply.body["error"],
        &["code", "message"],
        &["innererror"],
    );
    assert_eq!(reply.body["error"]["code"], code);
    assert!(
        reply.body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
}

const BUNDLE_FIELDS: &[&str] = &["id", "kid", "sid", "x5t", "cer", "attributes", "policy"];
const BUNDLE_OPTIONAL: &[&str] = &["pending", "tags", "contentType", "preserveCertOrder"];

fn certificate_attributes(what: &str, attributes: &Value) {
    fields(
        what,
        attributes,
        &[
            "enabled",
            "nbf",
            "exp",
            "created",
            "updated",
            "recoveryLevel",
            "recoverableDays",
        ],
        &[],
    );
    assert!(attributes["enabled"].is_boolean());
    for t in ["nbf", "exp", "created", "updated"] {
        assert!(
            is_unix_seconds(&attributes[t]),
            "{what}.{t}: {}",
            attributes[t]
        );
    }
    let level = attributes["recoveryLevel"].as_str().unwrap();
    assert!(
        [
            "Recoverable+Purgeable",
            "CustomizedRecoverable+Purgeable",
            "Recoverable",
            "CustomizedRecoverable"
        ]
        .contains(&level),
        "{level}"
    );
    assert!(
        attributes["recoverableDays"]
            .as_i64()
            .is_some_and(|d| (7..=90).contains(&d))
    );
}

fn policy_shape(raw: &Raw, name: &str, policy: &Value) {
    fields(
        "policy",
        policy,
        &[
            "id",
            "key_props",
            "secret_props",
            "x509_props",
            "lifetime_actions",
            "issuer",
            "attributes",
        ],
        &[],
    );
    absolute_on(raw, &policy["id"], &format!("certificates/{name}/policy"));
    fields(
        "key_props",
        &policy["key_props"],
        &["exportable", "kty", "reuse_key"],
        &["key_size", "crv"],
    );
    assert!(
        policy["key_props"]["exportable"].is_boolean()
            && policy["key_props"]["reuse_key"].is_boolean()
    );
    fields(
        "secret_props",
        &policy["secret_props"],
        &["contentType"],
        &[],
    );
    fields(
        "x509_props",
        &policy["x509_props"],
        &["subject", "validity_months"],
        &["ekus", "key_usage", "basic_constraints", "sans"],
    );
    assert!(policy["x509_props"]["validity_months"].is_i64());
    for action in policy["lifetime_actions"].as_array().unwrap() {
        fields("lifetime action", action, &["trigger", "action"], &[]);
        assert!(action["action"]["action_type"].is_string());
    }
    fields(
        "issuer",
        &policy["issuer"],
        &["name"],
        &["cty", "cert_transparency"],
    );
    fields(
        "policy attributes",
        &policy["attributes"],
        &["enabled", "created", "updated"],
        &[],
    );
}

/// x5t is base64url without padding of the SHA-1 of the DER in `cer` (standard base64).
fn thumbprint_matches(bundle: &Value) {
    let der = unb64(bundle["cer"].as_str().unwrap());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.der"), der).unwrap();
    let sha1 = openssl(dir.path(), &["dgst", "-sha1", "-binary", "c.der"]);
    let expected = b64(&sha1)
        .trim_end_matches('=')
        .replace('+', "-")
        .replace('/', "_");
    assert_eq!(bundle["x5t"].as_str().unwrap(), expected);
}

async fn create_and_wait(raw: &Raw, name: &str) -> Value {
    let body = json!({"policy": {"issuer": {"name": "Self"}, "x509_props": {"subject": format!("CN={name}")}, "key_props": {"kty": "RSA", "key_size": 2048}}});
    let created = raw
        .post(&format!("certificates/{name}/create"), &body)
        .await;
    assert_eq!(created.status.as_u16(), 202, "{}", created.body);
    for _ in 0..200 {
        let op = raw.get(&format!("certificates/{name}/pending")).await;
        if op.body["status"] != "inProgress" {
            return op.body;
        }
        tokio::time::sleep(support::OPERATION_DELAY).await;
    }
    panic!("{name} never completed");
}

#[tokio::test]
async fn create_poll_get_update_list_shapes() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    let body =
        json!({"policy": {"issuer": {"name": "Self"}, "x509_props": {"subject": "CN=shape"}}});
    let created = raw.post("certificates/shape/create", &body).await;
    assert_eq!(created.status.as_u16(), 202);
    let op_fields = [
        "id",
        "issuer",
        "csr",
        "cancellation_requested",
        "status",
        "request_id",
    ];
    fields(
        "create 202",
        &created.body,
        &op_fields,
        &["status_details", "target", "error", "preserveCertOrder"],
    );
    absolute_on(&raw, &created.body["id"], "certificates/shape/pending");
    assert_eq!(created.body["status"], "inProgress");
    assert_eq!(created.body["cancellation_requested"], false);
    assert!(
        unb64(created.body["csr"].as_str().unwrap()).len() > 100,
        "csr is standard base64 DER"
    );
    assert!(
        created.headers.contains_key("retry-after-ms")
            || created.headers.contains_key("retry-after")
    );

    let done = create_and_wait(&raw, "shape2").await;
    fields(
        "completed operation",
        &done,
        &op_fields,
        &["target", "status_details", "preserveCertOrder"],
    );
    assert_eq!(done["status"], "completed");
    absolute_on(&raw, &done["target"], "certificates/shape2");

    let got = raw.get("certificates/shape2/").await;
    assert_eq!(got.status.as_u16(), 200);
    fields(
        "certificate bundle",
        &got.body,
        BUNDLE_FIELDS,
        BUNDLE_OPTIONAL,
    );
    let version = got.body["id"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(version.len(), 32);
    assert!(version.chars().all(|c| c.is_ascii_hexdigit()));
    absolute_on(&raw, &got.body["kid"], &format!("keys/shape2/{version}"));
    absolute_on(&raw, &got.body["sid"], &format!("secrets/shape2/{version}"));
    certificate_attributes("bundle attributes", &got.body["attributes"]);
    policy_shape(&raw, "shape2", &got.body["policy"]);
    thumbprint_matches(&got.body);

    // By version, the service answers the version alone: a PATCH keeps `pending`, a GET
    // drops it too (JS recording "can disable a certificate version", Rust
    // update_certificate_properties).
    let patched = raw
        .send(
            reqwest::Method::PATCH,
            &format!("certificates/shape2/{version}"),
            Some(&json!({"tags": {"k": "v"}})),
        )
        .await;
    assert_eq!(patched.status.as_u16(), 200);
    fields(
        "patched bundle",
        &patched.body,
        &[
            "id",
            "kid",
            "sid",
            "x5t",
            "cer",
            "attributes",
            "tags",
            "pending",
        ],
        &["contentType", "preserveCertOrder"],
    );
    assert_eq!(patched.body["tags"]["k"], "v");
    certificate_attributes("patched attributes", &patched.body["attributes"]);
    let by_version = raw.get(&format!("certificates/shape2/{version}")).await;
    assert_eq!(by_version.status.as_u16(), 200);
    fields(
        "bundle by version",
        &by_version.body,
        &["id", "kid", "sid", "x5t", "cer", "attributes", "tags"],
        &["contentType", "preserveCertOrder"],
    );
    let latest = raw.get("certificates/shape2").await;
    fields(
        "latest bundle",
        &latest.body,
        BUNDLE_FIELDS,
        BUNDLE_OPTIONAL,
    );
    assert!(latest.body["pending"].is_object() && latest.body["tags"]["k"] == "v");
    let patched_latest = raw
        .send(
            reqwest::Method::PATCH,
            "certificates/shape2/",
            Some(&json!({"tags": {"k": "w"}})),
        )
        .await;
    assert!(
        patched_latest.body["policy"].is_object() && patched_latest.body["pending"].is_object()
    );

    let list = raw.get("certificates").await;
    fields("list page", &list.body, &["value", "nextLink"], &[]);
    assert!(list.body["nextLink"].is_null());
    for item in list.body["value"].as_array().unwrap() {
        // Listed, the service sends an empty subject and no recovery settings.
        fields(
            "list item",
            item,
            &["id", "x5t", "attributes", "subject"],
            &["tags", "contentType"],
        );
        assert_eq!(item["subject"], "");
        fields(
            "list item attributes",
            &item["attributes"],
            &["enabled", "nbf", "exp", "created", "updated"],
            &[],
        );
        assert_eq!(
            item["id"].as_str().unwrap().matches('/').count(),
            4,
            "list ids carry no version"
        );
        for t in ["nbf", "exp", "created", "updated"] {
            assert!(is_unix_seconds(&item["attributes"][t]));
        }
    }
    let versions = raw.get("certificates/shape2/versions").await;
    fields("versions page", &versions.body, &["value", "nextLink"], &[]);
    assert_eq!(
        versions.body["value"][0]["id"], got.body["id"],
        "version items carry the version"
    );
    let version_item = &versions.body["value"][0];
    fields(
        "version item",
        version_item,
        &["id", "x5t", "attributes", "subject"],
        &["tags", "contentType"],
    );
    assert_eq!(version_item["subject"], "");
    assert!(version_item["attributes"].get("recoveryLevel").is_none());

    let policy = raw.get("certificates/shape2/policy").await;
    assert_eq!(policy.status.as_u16(), 200);
    policy_shape(&raw, "shape2", &policy.body);
}

#[tokio::test]
async fn delete_purge_and_error_shapes() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    create_and_wait(&raw, "gone").await;
    let deleted = raw.delete("certificates/gone").await;
    assert_eq!(deleted.status.as_u16(), 200);
    let mut deleted_fields = BUNDLE_FIELDS.to_vec();
    deleted_fields.extend(["recoveryId", "deletedDate", "scheduledPurgeDate"]);
    fields(
        "deleted bundle",
        &deleted.body,
        &deleted_fields,
        BUNDLE_OPTIONAL,
    );
    absolute_on(
        &raw,
        &deleted.body["recoveryId"],
        "deletedcertificates/gone",
    );
    assert!(
        is_unix_seconds(&deleted.body["deletedDate"])
            && is_unix_seconds(&deleted.body["scheduledPurgeDate"])
    );

    let listed = raw.get("deletedcertificates").await;
    fields("deleted page", &listed.body, &["value", "nextLink"], &[]);
    // Deleted items keep the recovery settings and carry no subject (JS recording
    // "list deleted certificates").
    fields(
        "deleted item",
        &listed.body["value"][0],
        &[
            "id",
            "x5t",
            "attributes",
            "recoveryId",
            "deletedDate",
            "scheduledPurgeDate",
        ],
        &["tags", "contentType"],
    );
    certificate_attributes(
        "deleted item attributes",
        &listed.body["value"][0]["attributes"],
    );

    let conflict = raw
        .post(
            "certificates/gone/create",
            &json!({"policy": {"issuer": {"name": "Self"}, "x509_props": {"subject": "CN=x"}}}),
        )
        .await;
    error_shape(&conflict, 409, "Conflict");
    assert_eq!(
        conflict.body["error"]["innererror"]["code"],
        "ObjectIsDeletedButRecoverable"
    );

    let purged = raw.delete("deletedcertificates/gone").await;
    assert_eq!(purged.status.as_u16(), 204);
    assert!(purged.body.is_null(), "purge has no body");

    // The service's 404 texts (Python test_crud_operations, JS recover, JS cancel).
    let missing = raw.get("certificates/gone/").await;
    error_shape(&missing, 404, "CertificateNotFound");
    assert_eq!(
        missing.body["error"]["message"],
        "A certificate with (name/id) gone was not found in this key vault. If you recently deleted this \
         certificate you may be able to recover it using the correct recovery command. For help resolving this \
         issue, please see https://go.microsoft.com/fwlink/?linkid=2125182"
    );
    let version = "c39a95e5e30347bd9f667dfd4178ede5";
    let missing = raw.get(&format!("certificates/gone/{version}")).await;
    error_shape(&missing, 404, "CertificateNotFound");
    assert!(
        missing.body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with(&format!(
                "A certificate with (name/id) gone/versions/{version} was not found"
            ))
    );
    let pending = raw.get("certificates/gone/pending").await;
    error_shape(&pending, 404, "PendingCertificateNotFound");
    assert_eq!(
        pending.body["error"]["message"],
        "Pending Certificate not found: gone"
    );
    let invalid = raw
        .post(
            "certificates/create_invalid_certificate/create",
            &json!({"policy": {"issuer": {"name": "Self"}, "x509_props": {"subject": "CN=x"}}}),
        )
        .await;
    error_shape(&invalid, 400, "BadParameter");
    assert!(
        invalid.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("create_invalid_certificate")
    );
    let malformed = raw
        .send(reqwest::Method::POST, "certificates/x/create", None)
        .await;
    assert_eq!(malformed.status.as_u16(), 400);
    fields("malformed", &malformed.body, &["error"], &[]);

    let unauthorized = raw
        .send_as(None, reqwest::Method::POST, "certificates/x/create", None)
        .await;
    error_shape(&unauthorized, 401, "Unauthorized");
    assert_eq!(
        unauthorized.body["error"]["message"],
        "AKV10000: Request is missing a Bearer or PoP token."
    );
}

#[tokio::test]
async fn contacts_and_issuer_shapes() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    error_shape(
        &raw.get("certificates/contacts").await,
        404,
        "ContactsNotFound",
    );
    let contacts = json!({"contacts": [{"email": "admin@contoso.com", "name": "John Doe", "phone": "1111111111"}]});
    let put = raw
        .send(
            reqwest::Method::PUT,
            "certificates/contacts",
            Some(&contacts),
        )
        .await;
    assert_eq!(put.status.as_u16(), 200);
    fields("contacts", &put.body, &["id", "contacts"], &[]);
    absolute_on(&raw, &put.body["id"], "certificates/contacts");
    fields(
        "contact",
        &put.body["contacts"][0],
        &["email", "name", "phone"],
        &[],
    );
    let deleted = raw.delete("certificates/contacts").await;
    assert_eq!(deleted.status.as_u16(), 200);
    fields("deleted contacts", &deleted.body, &["id", "contacts"], &[]);

    let issuer = json!({"provider": "Test", "credentials": {"account_id": "keyvaultuser"}, "org_details": {"admin_details": [{"first_name": "John", "last_name": "Doe", "email": "admin@microsoft.com", "phone": "4255555555"}]}});
    let put = raw
        .send(
            reqwest::Method::PUT,
            "certificates/issuers/shape-issuer",
            Some(&issuer),
        )
        .await;
    assert_eq!(put.status.as_u16(), 200);
    fields(
        "issuer",
        &put.body,
        &["id", "provider", "attributes"],
        &["credentials", "org_details"],
    );
    absolute_on(&raw, &put.body["id"], "certificates/issuers/shape-issuer");
    fields(
        "issuer attributes",
        &put.body["attributes"],
        &["enabled", "created", "updated"],
        &[],
    );
    assert!(
        put.body["credentials"].get("pwd").is_none(),
        "the issuer password is never echoed"
    );
    // The service adds `zip`, 0 when unset, to the organisation details.
    assert_eq!(put.body["org_details"]["zip"], 0);
    assert_eq!(
        put.body["org_details"]["admin_details"],
        issuer["org_details"]["admin_details"]
    );
    let zipped = raw
        .send(
            reqwest::Method::PATCH,
            "certificates/issuers/shape-issuer",
            Some(&json!({"org_details": {"zip": 98052, "admin_details": []}})),
        )
        .await;
    assert_eq!(zipped.body["org_details"]["zip"], 98052);
    let got = raw.get("certificates/issuers/shape-issuer").await;
    assert_eq!(got.body["org_details"]["zip"], 98052);
    let list = raw.get("certificates/issuers").await;
    fields("issuer page", &list.body, &["value", "nextLink"], &[]);
    fields(
        "issuer item",
        &list.body["value"][0],
        &["id", "provider"],
        &[],
    );
    let deleted = raw.delete("certificates/issuers/shape-issuer").await;
    assert_eq!(deleted.status.as_u16(), 200);
    let missing = raw.get("certificates/issuers/shape-issuer").await;
    error_shape(&missing, 404, "CertificateIssuerNotFound");
    assert_eq!(missing.body["error"]["message"], "Issuer not found");
}

#[tokio::test]
async fn import_secret_and_key_shapes() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    let leaf = Leaf::new("shape-import");
    let imported = raw
        .post(
            "certificates/imported/import",
            &json!({"value": b64(&leaf.pfx("", false))}),
        )
        .await;
    assert_eq!(imported.status.as_u16(), 200, "{}", imported.body);
    fields(
        "imported bundle",
        &imported.body,
        BUNDLE_FIELDS,
        BUNDLE_OPTIONAL,
    );
    assert_eq!(imported.body["policy"]["issuer"]["name"], "Unknown");
    assert_eq!(
        imported.body["policy"]["lifetime_actions"][0]["action"]["action_type"],
        "EmailContacts"
    );
    thumbprint_matches(&imported.body);

    let sid = imported.body["sid"].as_str().unwrap();
    let secret = raw.get(&sid[raw.base.len()..]).await;
    assert_eq!(secret.status.as_u16(), 200);
    fields(
        "secret",
        &secret.body,
        &["value", "contentType", "id", "kid", "attributes", "managed"],
        &["tags"],
    );
    assert_eq!(secret.body["managed"], true);
    assert_eq!(secret.body["contentType"], "application/x-pkcs12");

    let kid = imported.body["kid"].as_str().unwrap();
    let key = raw.get(&kid[raw.base.len()..]).await;
    assert_eq!(key.status.as_u16(), 200);
    fields(
        "key bundle",
        &key.body,
        &["key", "attributes", "managed"],
        &["tags"],
    );
    fields(
        "jwk",
        &key.body["key"],
        &["kid", "kty", "key_ops", "n", "e"],
        &[],
    );
}
