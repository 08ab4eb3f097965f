//! Lists and bundles are served from a cache of rendered responses: every write, including
//! an operation completing in the background, must show in the very next read.

mod support;

use reqwest::Method;
use serde_json::{Value, json};
use support::{OPERATION_DELAY, Raw, Server};

/// The `id`s of a page.
async fn ids(raw: &Raw, path: &str) -> Vec<String> {
    let reply = raw.get(path).await;
    assert_eq!(reply.status.as_u16(), 200, "{path}: {}", reply.body);
    reply.body["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_string())
        .collect()
}

/// Reads every cached view once, so that the next read could be a stale hit.
async fn read_all(raw: &Raw) {
    for path in [
        "certificates",
        "certificates?includePending=true",
        "certificates/fresh/versions",
        "certificates/fresh/",
        "deletedcertificates",
    ] {
        raw.get(path).await;
    }
}

/// Starts a version and waits until it is issued (the issuance is a background write).
async fn issue(raw: &Raw) {
    let policy = json!({"policy": {"issuer": {"name": "Self"}, "x509_props": {"subject": "CN=fresh"}, "key_props": {"kty": "EC", "crv": "P-256"}}});
    let created = raw.post("certificates/fresh/create", &policy).await;
    assert_eq!(created.status.as_u16(), 202, "{}", created.body);
    for _ in 0..200 {
        if raw.get("certificates/fresh/pending").await.body["status"] != "inProgress" {
            return;
        }
        tokio::time::sleep(OPERATION_DELAY).await;
    }
    panic!("fresh never completed");
}

#[tokio::test]
async fn writes_show_in_the_next_read() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    read_all(&raw).await;
    issue(&raw).await;
    assert_eq!(ids(&raw, "certificates").await.len(), 1);
    assert_eq!(ids(&raw, "certificates/fresh/versions").await.len(), 1);

    read_all(&raw).await;
    let patched = raw
        .send(
            Method::PATCH,
            "certificates/fresh/",
            Some(&json!({"tags": {"k": "v"}})),
        )
        .await;
    assert_eq!(patched.status.as_u16(), 200);
    assert_eq!(
        raw.get("certificates").await.body["value"][0]["tags"]["k"],
        "v"
    );
    assert_eq!(raw.get("certificates/fresh/").await.body["tags"]["k"], "v");

    read_all(&raw).await;
    issue(&raw).await;
    assert_eq!(ids(&raw, "certificates/fresh/versions").await.len(), 2);
    let latest: Value = raw.get("certificates/fresh/").await.body;
    assert!(
        ids(&raw, "certificates/fresh/versions")
            .await
            .contains(&latest["id"].as_str().unwrap().to_string()),
        "the bundle is the new latest version"
    );

    read_all(&raw).await;
    assert_eq!(raw.delete("certificates/fresh").await.status.as_u16(), 200);
    assert!(ids(&raw, "certificates").await.is_empty());
    assert_eq!(ids(&raw, "deletedcertificates").await.len(), 1);
    assert_eq!(raw.get("certificates/fresh/").await.status.as_u16(), 404);
    assert_eq!(
        raw.get("certificates/fresh/versions").await.status.as_u16(),
        404
    );

    read_all(&raw).await;
    let recovered = raw
        .post("deletedcertificates/fresh/recover", &json!({}))
        .await;
    assert_eq!(recovered.status.as_u16(), 200);
    assert_eq!(ids(&raw, "certificates").await.len(), 1);
    assert!(ids(&raw, "deletedcertificates").await.is_empty());
    assert_eq!(raw.get("certificates/fresh/").await.status.as_u16(), 200);
}
