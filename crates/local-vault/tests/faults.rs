//! The fault-injecting mode over real HTTPS: each kind of fault as a client sees it, rules
//! matched by method and path, counts used up, the admin API never hit.

mod support;

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use support::fixtures::{Leaf, b64};
use support::{Raw, Server};

async fn set_faults(raw: &Raw, rules: Value) -> Value {
    let reply = raw
        .post("_certdeck/faults", &json!({ "rules": rules }))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
    reply.body
}

/// A request whose connection may close unanswered: the transport error, or the status.
async fn try_send(
    raw: &Raw,
    method: Method,
    path: &str,
    body: Option<&Value>,
) -> Result<StatusCode, String> {
    let mut request = raw
        .client
        .request(method, raw.url(path))
        .bearer_auth(&raw.token);
    if let Some(body) = body {
        request = request.json(body);
    }
    match request.send().await {
        Ok(response) => Ok(response.status()),
        Err(err) => Err(format!("{err:?}")),
    }
}

fn import_body() -> Value {
    let leaf = Leaf::new("faults.test");
    json!({ "value": b64(&leaf.pfx("pw", false)), "pwd": "pw" })
}

async fn version_count(raw: &Raw, name: &str) -> usize {
    let reply = raw.get(&format!("certificates/{name}/versions")).await;
    reply.body["value"].as_array().map_or(0, Vec::len)
}

#[tokio::test]
async fn status_faults_carry_the_services_shape_and_headers() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    set_faults(
        &raw,
        json!([
            { "kind": "throttle", "retry_after_secs": 2, "path_prefix": "/certificates", "count": 1 },
            { "kind": "unavailable", "retry_after_secs": 3, "path_prefix": "/certificates", "count": 1 },
            { "kind": "internal", "path_prefix": "/certificates", "count": 1 },
            { "kind": "expired_token", "path_prefix": "/certificates", "count": 1 },
        ]),
    )
    .await;
    let first = raw.get("certificates").await;
    assert_eq!(first.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(first.headers["retry-after"], "2");
    assert_eq!(first.body["error"]["code"], "Throttled");
    let second = raw.get("certificates").await;
    assert_eq!(second.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(second.headers["retry-after"], "3");
    let third = raw.get("certificates").await;
    assert_eq!(third.status, StatusCode::INTERNAL_SERVER_ERROR);
    let fourth = raw.get("certificates").await;
    assert_eq!(fourth.status, StatusCode::UNAUTHORIZED);
    let challenge = fourth.headers["www-authenticate"].to_str().unwrap();
    assert!(
        challenge.starts_with("Bearer authorization="),
        "{challenge}"
    );
    // Every rule is used up: the vault answers normally again.
    assert_eq!(raw.get("certificates").await.status, StatusCode::OK);

    let report = raw.get("_certdeck/faults").await.body;
    let injected: Vec<u64> = report["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["injected"].as_u64().unwrap())
        .collect();
    assert_eq!(injected, [1, 1, 1, 1]);
}

#[tokio::test]
async fn rules_match_method_and_path_and_spare_the_admin_api() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    set_faults(
        &raw,
        json!([{ "kind": "internal", "method": "POST", "path_prefix": "/certificates/a/" }]),
    )
    .await;
    assert_eq!(raw.get("certificates").await.status, StatusCode::OK);
    assert_eq!(raw.get("_certdeck/faults").await.status, StatusCode::OK);
    let hit = raw.post("certificates/a/import", &import_body()).await;
    assert_eq!(hit.status, StatusCode::INTERNAL_SERVER_ERROR);
    let other = raw.post("certificates/b/import", &import_body()).await;
    assert_eq!(other.status, StatusCode::OK, "{:?}", other.body);

    assert_eq!(
        raw.delete("_certdeck/faults").await.status,
        StatusCode::NO_CONTENT
    );
    let cleared = raw.post("certificates/a/import", &import_body()).await;
    assert_eq!(cleared.status, StatusCode::OK);

    let bad = raw
        .post(
            "_certdeck/faults",
            &json!({ "rules": [{ "kind": "internal", "fraction": 2.0 }] }),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(
        bad.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("fraction")
    );
}

#[tokio::test]
async fn a_dropped_connection_loses_the_answer_before_or_after_the_write() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    set_faults(
        &raw,
        json!([
            { "kind": "drop_before", "method": "POST", "path_prefix": "/certificates/before/", "count": 1 },
            { "kind": "drop_after", "method": "POST", "path_prefix": "/certificates/after/", "count": 1 },
        ]),
    )
    .await;
    let body = import_body();
    let before = try_send(
        &raw,
        Method::POST,
        "certificates/before/import",
        Some(&body),
    )
    .await;
    assert!(before.is_err(), "no answer expected, got {before:?}");
    assert_eq!(
        version_count(&raw, "before").await,
        0,
        "the handler never ran"
    );

    let after = try_send(&raw, Method::POST, "certificates/after/import", Some(&body)).await;
    assert!(after.is_err(), "no answer expected, got {after:?}");
    assert_eq!(version_count(&raw, "after").await, 1, "the write landed");
}

#[tokio::test]
async fn a_delay_slows_the_answer_down() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    set_faults(
        &raw,
        json!([{ "kind": "delay", "delay_ms": 400, "count": 1 }]),
    )
    .await;
    let started = Instant::now();
    assert_eq!(raw.get("certificates").await.status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(400));
    let started = Instant::now();
    assert_eq!(raw.get("certificates").await.status, StatusCode::OK);
    assert!(started.elapsed() < Duration::from_millis(400));
}

#[tokio::test]
async fn a_seeded_fraction_hits_the_same_requests_each_run() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    let mut runs = Vec::new();
    for _ in 0..2 {
        set_faults(
            &raw,
            json!([{ "kind": "internal", "fraction": 0.5, "seed": 42, "path_prefix": "/certificates" }]),
        )
        .await;
        let mut statuses = Vec::new();
        for _ in 0..20 {
            statuses.push(raw.get("certificates").await.status);
        }
        runs.push(statuses);
    }
    assert_eq!(runs[0], runs[1]);
    let failed = runs[0]
        .iter()
        .filter(|s| **s == StatusCode::INTERNAL_SERVER_ERROR)
        .count();
    assert!((3..=17).contains(&failed), "{failed} of 20 failed at 0.5");
}
