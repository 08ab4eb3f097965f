//! The real SDK client against the local vault's injected faults over HTTPS: throttling and
//! an expired token mid-run are recovered from inside the client, and an import whose
//! answer is lost after it landed is not sent twice.

#[path = "../../inspect/tests/support/mod.rs"]
mod files;
mod support;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use futures::TryStreamExt;
use inspect::Password;
use inspect::import::{OpenedFile, Payload, plan};
use serde_json::{Value, json};
use support::Local;
use vault::{ImportOptions, VaultConnection, list_versions};
use zeroize::Zeroizing;

fn pfx() -> Payload {
    let password = Some(Password::new(files::PW.into()));
    let opened = OpenedFile::open(Zeroizing::new(files::read("modern.pfx")), password).unwrap();
    plan(&[&opened], None).unwrap().1.expect("importable")
}

fn options(name: &str) -> ImportOptions {
    ImportOptions {
        name: name.into(),
        enabled: true,
        tags: BTreeMap::new(),
        deleted_name: None,
    }
}

async fn version_count(vault: &VaultConnection, name: &str) -> usize {
    list_versions(vault, name)
        .try_collect::<Vec<_>>()
        .await
        .unwrap()
        .into_iter()
        .flatten()
        .count()
}

/// How many requests each fault rule hit.
async fn injected(vault: &VaultConnection) -> Vec<u64> {
    let report: Value = vault.faults().await.unwrap();
    report["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| rule["injected"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_throttled_read_waits_for_retry_after_then_succeeds() {
    let local = Local::start(&["throttled"]).await;
    let vault = local.connect("throttled");
    vault
        .import_certificate(&pfx(), &options("web"))
        .await
        .unwrap();
    vault
        .set_faults(json!([{
            "kind": "throttle", "retry_after_secs": 1, "method": "GET",
            "path_prefix": "/certificates/web", "count": 1
        }]))
        .await
        .unwrap();
    let started = Instant::now();
    let details = vault.certificate("web", None).await.unwrap();
    assert!(details.certificate.is_some());
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "the retry waited for Retry-After ({:?})",
        started.elapsed()
    );
    assert_eq!(injected(&vault).await, [1]);
}

#[tokio::test]
async fn a_token_expiring_mid_run_is_renewed_through_the_challenge() {
    let local = Local::start(&["expiring"]).await;
    let vault = local.connect("expiring");
    vault
        .import_certificate(&pfx(), &options("a"))
        .await
        .unwrap();
    // The token "expires" before a read, then again before an import: each request is
    // answered with the challenge once, and resent with a fresh token.
    let expire_next =
        json!([{ "kind": "expired_token", "path_prefix": "/certificates", "count": 1 }]);
    vault.set_faults(expire_next.clone()).await.unwrap();
    assert!(
        vault
            .certificate("a", None)
            .await
            .unwrap()
            .certificate
            .is_some()
    );
    assert_eq!(injected(&vault).await, [1]);
    vault.set_faults(expire_next).await.unwrap();
    let row = vault
        .import_certificate(&pfx(), &options("b"))
        .await
        .unwrap();
    assert_eq!(row.name, "b");
    assert_eq!(injected(&vault).await, [1]);
    assert_eq!(version_count(&vault, "b").await, 1);
}

#[tokio::test]
async fn an_import_whose_answer_is_lost_lands_once() {
    let local = Local::start(&["dropped"]).await;
    let vault = local.connect("dropped");
    vault
        .set_faults(json!([{
            "kind": "drop_after", "method": "POST", "path_prefix": "/certificates/web/import",
            "count": 1
        }]))
        .await
        .unwrap();
    let row = vault
        .import_certificate(&pfx(), &options("web"))
        .await
        .unwrap();
    assert_eq!(row.name, "web");
    assert_eq!(injected(&vault).await, [1], "the first answer was dropped");
    assert_eq!(version_count(&vault, "web").await, 1, "imported once");

    // A new version of a name in use, its answer lost once more: still one more version.
    vault
        .set_faults(json!([{
            "kind": "drop_after", "method": "POST", "path_prefix": "/certificates/web/import",
            "count": 1
        }]))
        .await
        .unwrap();
    let again = vault
        .import_certificate(&pfx(), &options("web"))
        .await
        .unwrap();
    assert_ne!(again.version, row.version);
    assert_eq!(version_count(&vault, "web").await, 2);

    // The last try the SDK allows lands with its answer lost: still done, once.
    vault
        .set_faults(json!([
            { "kind": "drop_before", "method": "POST", "path_prefix": "/certificates/web/import", "count": 2 },
            { "kind": "drop_after", "method": "POST", "path_prefix": "/certificates/web/import", "count": 1 },
        ]))
        .await
        .unwrap();
    let last = vault
        .import_certificate(&pfx(), &options("web"))
        .await
        .unwrap();
    assert_eq!(injected(&vault).await, [2, 1]);
    assert_ne!(last.version, again.version);
    assert_eq!(version_count(&vault, "web").await, 3);
}

#[tokio::test]
async fn an_import_refused_before_it_ran_is_sent_again() {
    let local = Local::start(&["refused"]).await;
    let vault = local.connect("refused");
    vault
        .set_faults(json!([
            { "kind": "drop_before", "method": "POST", "path_prefix": "/certificates/", "count": 1 },
            { "kind": "unavailable", "retry_after_secs": 0, "method": "POST", "path_prefix": "/certificates/", "count": 1 },
        ]))
        .await
        .unwrap();
    let row = vault
        .import_certificate(&pfx(), &options("web"))
        .await
        .unwrap();
    assert_eq!(row.name, "web");
    assert_eq!(injected(&vault).await, [1, 1]);
    assert_eq!(version_count(&vault, "web").await, 1);
}
