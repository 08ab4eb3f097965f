//! Cancelling a pending create, as the service does (JS SDK recordings of "can read, cancel and
//! delete a certificate's operation", api-versions 7.3 and 2025-07-01): the operation stays
//! `inProgress` with `cancellation_requested`, never issues, and the certificate keeps its
//! disabled pending version until and after the operation is deleted.

mod support;

use std::time::Duration;

use azure_security_keyvault_certificates::models::UpdateCertificateOperationParameter;
use serde_json::{Value, json};
use support::{Raw, Server, fixtures::Leaf, policy, rsa, start_create, status_of};

/// Longer than the test takes to cancel: a cancel arriving later would find it issued.
const SLOW: Duration = Duration::from_millis(1500);

fn self_body(cn: &str) -> Value {
    json!({"policy": {"issuer": {"name": "Self"}, "x509_props": {"subject": format!("CN={cn}")}}})
}

/// The base64 body of a PEM certificate, as the JS SDK merges it.
fn pem_body(pem: &str) -> String {
    pem.lines().filter(|l| !l.starts_with("-----")).collect()
}

async fn cancel(raw: &Raw, name: &str) -> Value {
    let reply = raw
        .send(
            reqwest::Method::PATCH,
            &format!("certificates/{name}/pending"),
            Some(&json!({"cancellation_requested": true})),
        )
        .await;
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
    reply.body
}

/// The pending version as the service shows it: disabled, without `cer` (nor `x5t`, `kid`,
/// `sid`), with validity.
fn assert_pending_bundle(body: &Value, with_pending: bool) {
    assert_eq!(body["attributes"]["enabled"], false, "{body}");
    for absent in ["cer", "x5t", "kid", "sid"] {
        assert!(body.get(absent).is_none(), "{absent} in {body}");
    }
    assert!(body["attributes"]["nbf"].is_i64() && body["attributes"]["exp"].is_i64());
    assert!(body["policy"].is_object(), "{body}");
    assert_eq!(body.get("pending").is_some(), with_pending, "{body}");
}

#[tokio::test]
async fn a_cancelled_create_never_issues_and_its_certificate_stays_disabled() {
    let server = Server::start_with(&["local"], SLOW, Duration::ZERO).await;
    let raw = server.raw(&server.first_url());
    let created = raw
        .post("certificates/stopped/create", &self_body("stopped"))
        .await;
    assert_eq!(created.status.as_u16(), 202);

    let cancelled = cancel(&raw, "stopped").await;
    assert_eq!(cancelled["status"], "inProgress");
    assert_eq!(cancelled["cancellation_requested"], true);
    assert_eq!(cancelled["status_details"], created.body["status_details"]);
    assert_eq!(cancelled["csr"], created.body["csr"]);
    assert!(cancelled.get("target").is_none());

    // Past the time it would have been issued: still in progress, still cancelled.
    tokio::time::sleep(SLOW * 2).await;
    let op = raw.get("certificates/stopped/pending").await;
    assert_eq!(op.status.as_u16(), 200);
    assert_eq!(op.body["status"], "inProgress");
    assert_eq!(op.body["cancellation_requested"], true);
    let got = raw.get("certificates/stopped/").await;
    assert_eq!(got.status.as_u16(), 200, "{}", got.body);
    assert_pending_bundle(&got.body, true);
    let pending_version = got.body["id"].clone();

    let deleted = raw.delete("certificates/stopped/pending").await;
    assert_eq!(deleted.status.as_u16(), 200);
    assert_eq!(deleted.body["status"], "inProgress");
    assert_eq!(deleted.body["cancellation_requested"], true);

    let after = raw.get("certificates/stopped/").await;
    assert_eq!(after.status.as_u16(), 200, "{}", after.body);
    assert_pending_bundle(&after.body, false);
    assert_eq!(after.body["id"], pending_version);
    let gone = raw.get("certificates/stopped/pending").await;
    assert_eq!(gone.status.as_u16(), 404);
    assert_eq!(gone.body["error"]["code"], "PendingCertificateNotFound");

    let again = raw
        .send(
            reqwest::Method::PATCH,
            "certificates/stopped/pending",
            Some(&json!({"cancellation_requested": true})),
        )
        .await;
    assert_eq!(again.status.as_u16(), 404);
}

#[tokio::test]
async fn a_finished_operation_ignores_a_late_cancel() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    raw.post("certificates/done/create", &self_body("done"))
        .await;
    for _ in 0..200 {
        if raw.get("certificates/done/pending").await.body["status"] != "inProgress" {
            break;
        }
        tokio::time::sleep(support::OPERATION_DELAY).await;
    }
    let late = cancel(&raw, "done").await;
    assert_eq!(late["status"], "completed");
    assert_eq!(late["cancellation_requested"], false);
    let got = raw.get("certificates/done/").await;
    assert!(got.body["cer"].is_string() && got.body["attributes"]["enabled"] == true);
}

#[tokio::test]
async fn the_sdk_reads_a_cancelled_operation_and_its_certificate() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    let raw = server.raw(&server.first_url());
    let started = start_create(&client, "manual", policy("Unknown", "manual", rsa(2048))).await;
    let cancel = UpdateCertificateOperationParameter {
        cancellation_requested: Some(true),
    };
    let op = client
        .update_certificate_operation("manual", cancel.try_into().unwrap(), None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(op.cancellation_requested, Some(true));
    assert_eq!(op.status.as_deref(), Some("inProgress"));

    let read = client
        .get_certificate_operation("manual", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(read.status.as_deref(), Some("inProgress"));
    assert_eq!(read.cancellation_requested, Some(true));
    let cert = client
        .get_certificate("manual", None)
        .await
        .expect("the cancelled certificate is still there")
        .into_model()
        .unwrap();
    assert_eq!(cert.attributes.unwrap().enabled, Some(false));
    assert!(cert.cer.is_none());

    // A cancelled request no longer takes a merge.
    let ca = Leaf::new("Cancel CA");
    let issued = ca.sign_csr(&started.csr.expect("a CSR"));
    let merged = raw
        .post(
            "certificates/manual/pending/merge",
            &json!({"x5c": [pem_body(&issued)]}),
        )
        .await;
    assert_eq!(merged.status.as_u16(), 400, "{}", merged.body);

    client
        .delete_certificate_operation("manual", None)
        .await
        .unwrap();
    let err = client
        .get_certificate_operation("manual", None)
        .await
        .expect_err("operation gone");
    assert_eq!(status_of(&err), 404);
    let cert = client
        .get_certificate("manual", None)
        .await
        .expect("the certificate stays")
        .into_model()
        .unwrap();
    assert_eq!(cert.attributes.unwrap().enabled, Some(false));
    assert!(cert.cer.is_none());
}
