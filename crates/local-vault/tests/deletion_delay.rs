//! Deletion and recovery take time on Key Vault, and the local vault's `deletion_delay`
//! emulates it (JS recordings "can recover a deleted certificate" and "list deleted
//! certificates", Python test_crud_operations, Rust purge_certificate and readme): right after
//! a delete the deleted certificate is not found and a purge answers 409 `ObjectIsBeingDeleted`;
//! right after a recovery the certificate is not found.

mod support;

use std::time::{Duration, Instant};

use local_vault::{Config, LocalVault};
use serde_json::{Value, json};
use support::{
    OPERATION_DELAY, Raw, Server, collect, create, fixtures::Leaf, fixtures::b64, self_policy,
    status_of,
};

/// Long enough for every check made right after a delete or a recovery.
const DELAY: Duration = Duration::from_millis(1500);

async fn delayed() -> Server {
    Server::start_with(&["local"], OPERATION_DELAY, DELAY).await
}

fn create_body() -> Value {
    json!({"policy": {"issuer": {"name": "Self"}, "x509_props": {"subject": "CN=again"}}})
}

/// Polls GET `path` until it answers 200; returns how long that took from `since`.
async fn until_found(raw: &Raw, path: &str, since: Instant) -> Duration {
    for _ in 0..200 {
        if raw.get(path).await.status.as_u16() == 200 {
            return since.elapsed();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{path} never answered 200");
}

fn assert_being_deleted(reply: &support::Reply) {
    assert_eq!(reply.status.as_u16(), 409, "{}", reply.body);
    assert_eq!(reply.body["error"]["code"], "Conflict");
    assert_eq!(
        reply.body["error"]["message"],
        "Certificate is currently being deleted."
    );
    assert_eq!(
        reply.body["error"]["innererror"]["code"],
        "ObjectIsBeingDeleted"
    );
}

fn listed(page: &Value, name: &str) -> bool {
    page["value"]
        .as_array()
        .unwrap()
        .iter()
        .any(|item| item["id"].as_str().unwrap().ends_with(&format!("/{name}")))
}

#[tokio::test]
async fn a_deletion_settles_after_the_delay() {
    let server = delayed().await;
    let url = server.first_url();
    let client = server.certificates(&url);
    let raw = server.raw(&url);
    create(&client, "slow", self_policy("slow")).await;
    let backup = raw.post("certificates/slow/backup", &json!({})).await.body;

    let started = Instant::now();
    let deleted = raw.delete("certificates/slow").await;
    assert_eq!(deleted.status.as_u16(), 200);
    assert!(deleted.body["recoveryId"].is_string() && deleted.body["cer"].is_string());

    let not_yet = raw.get("deletedcertificates/slow").await;
    assert_eq!(not_yet.status.as_u16(), 404);
    assert_eq!(not_yet.body["error"]["code"], "CertificateNotFound");
    assert_eq!(
        not_yet.body["error"]["message"],
        "Deleted Certificate not found: slow"
    );
    let err = client
        .get_deleted_certificate("slow", None)
        .await
        .expect_err("not deleted yet");
    assert_eq!(status_of(&err), 404);
    let err = client
        .purge_deleted_certificate("slow", None)
        .await
        .expect_err("still being deleted");
    assert_eq!(status_of(&err), 409);
    assert_being_deleted(&raw.delete("deletedcertificates/slow").await);
    assert_being_deleted(
        &raw.post("deletedcertificates/slow/recover", &json!({}))
            .await,
    );
    assert_being_deleted(&raw.post("certificates/slow/create", &create_body()).await);
    let pfx = Leaf::new("slow").pfx("", false);
    assert_being_deleted(
        &raw.post("certificates/slow/import", &json!({"value": b64(&pfx)}))
            .await,
    );
    assert_being_deleted(&raw.post("certificates/restore", &backup).await);
    assert_eq!(raw.get("certificates/slow/").await.status.as_u16(), 404);
    assert!(!listed(&raw.get("deletedcertificates").await.body, "slow"));
    assert!(!listed(&raw.get("certificates").await.body, "slow"));

    let settled = until_found(&raw, "deletedcertificates/slow", started).await;
    assert!(settled >= DELAY, "settled after {settled:?}");
    assert!(listed(&raw.get("deletedcertificates").await.body, "slow"));
    let reused = raw.post("certificates/slow/create", &create_body()).await;
    assert_eq!(reused.status.as_u16(), 409);
    assert_eq!(
        reused.body["error"]["innererror"]["code"],
        "ObjectIsDeletedButRecoverable"
    );
    client
        .purge_deleted_certificate("slow", None)
        .await
        .expect("purged once settled");
    assert_eq!(
        raw.get("deletedcertificates/slow").await.status.as_u16(),
        404
    );
}

#[tokio::test]
async fn a_recovery_settles_after_the_delay() {
    let server = delayed().await;
    let url = server.first_url();
    let client = server.certificates(&url);
    let raw = server.raw(&url);
    let created = create(&client, "back", self_policy("back")).await;
    let deleted_at = Instant::now();
    client.delete_certificate("back", None).await.unwrap();
    until_found(&raw, "deletedcertificates/back", deleted_at).await;

    let started = Instant::now();
    let recovered = client
        .recover_deleted_certificate("back", None)
        .await
        .expect("recover")
        .into_model()
        .unwrap();
    assert_eq!(recovered.id, created.id);

    let err = client
        .get_certificate("back", None)
        .await
        .expect_err("not back yet");
    assert_eq!(status_of(&err), 404);
    assert_eq!(
        raw.get("deletedcertificates/back").await.status.as_u16(),
        404
    );
    assert!(!listed(&raw.get("certificates").await.body, "back"));
    assert!(!listed(&raw.get("deletedcertificates").await.body, "back"));
    let conflict = raw.post("certificates/back/create", &create_body()).await;
    assert_eq!(conflict.status.as_u16(), 409, "{}", conflict.body);
    assert_eq!(conflict.body["error"]["code"], "Conflict");
    assert_eq!(raw.delete("certificates/back").await.status.as_u16(), 404);

    let settled = until_found(&raw, "certificates/back/", started).await;
    assert!(settled >= DELAY, "settled after {settled:?}");
    let got = client
        .get_certificate("back", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(got.cer, created.cer);
    let versions = collect(
        client
            .list_certificate_properties_versions("back", None)
            .unwrap(),
    )
    .await;
    assert_eq!(versions.len(), 1);
}

#[tokio::test]
async fn a_restart_settles_what_was_settling() {
    let server = delayed().await;
    let raw = server.raw(&server.first_url());
    let client = server.certificates(&server.first_url());
    create(&client, "interrupted", self_policy("interrupted")).await;
    assert_eq!(
        raw.delete("certificates/interrupted").await.status.as_u16(),
        200
    );
    let Server { vault, dir, ca_pem } = server;
    vault.shutdown().await;

    let started = Instant::now();
    let vault = LocalVault::start(Config {
        deletion_delay: DELAY,
        operation_delay: OPERATION_DELAY,
        ..Config::new(dir.path().join("data"))
    })
    .await
    .expect("restarts");
    let server = Server { vault, dir, ca_pem };
    let raw = server.raw(&server.first_url());
    assert_eq!(
        raw.get("deletedcertificates/interrupted")
            .await
            .status
            .as_u16(),
        404
    );
    let settled = until_found(&raw, "deletedcertificates/interrupted", started).await;
    assert!(settled >= DELAY, "settled after {settled:?}");
}
