//! Delete, the deleted list, recover and purge through the commands, against the embedded
//! local vault (deletions and recoveries settle after its 2 s delay, as on Key Vault).

mod support;

use std::sync::Mutex;
use std::time::Duration;

use app::Code;
use app::commands::*;
use support::{FakeHost, ec_policy, issue, load};

fn args(vault: VaultId, name: &str) -> CertificateArgs {
    CertificateArgs {
        vault,
        name: name.parse().unwrap(),
    }
}

async fn listed_deleted(app: &app::App, host: &FakeHost, vault: VaultId) -> Vec<String> {
    let seen = Mutex::new(Vec::new());
    let events = |page: Vec<DeletedCertificate>| {
        seen.lock().unwrap().extend(page);
        Ok(())
    };
    let count =
        list_deleted_certificates(app, host, ListDeletedArgs { vault, request: 7 }, &events)
            .await
            .unwrap();
    let seen = seen.into_inner().unwrap();
    assert_eq!(count, seen.len(), "the count is what was streamed");
    seen.into_iter().map(|d| d.summary.name).collect()
}

/// Waits until `name` is listed as deleted (the deletion has settled).
async fn until_listed(app: &app::App, host: &FakeHost, vault: VaultId, name: &str) {
    for _ in 0..60 {
        if listed_deleted(app, host, vault)
            .await
            .iter()
            .any(|n| n == name)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{name} never listed as deleted");
}

#[tokio::test]
async fn explain_delete_recover_until_readable_then_purge() {
    let dir = tempfile::tempdir().unwrap();
    let (app, host) = (load(dir.path()), FakeHost::default());
    let vault = list_vaults(&app, &host, ()).await.unwrap()[0].id;
    issue(&app, &host, vault, "shop", ec_policy("Self", "shop.test")).await;

    let told = explain_delete(&app, &host, args(vault, "shop"))
        .await
        .unwrap();
    assert!(told.recoverable && !told.purge_protected, "{told:?}");
    assert_eq!(
        told.settings.recovery_level.as_deref(),
        Some("Recoverable+Purgeable")
    );
    let in_90_days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        + 90 * 86_400;
    assert!((told.purge_on.unwrap() - in_90_days).abs() < 60, "{told:?}");

    let gone = delete_certificate(&app, &host, args(vault, "shop"))
        .await
        .unwrap();
    assert_eq!(gone.summary.name, "shop");
    assert!(gone.scheduled_purge.is_some());
    let err = purge_certificate(&app, &host, args(vault, "shop"))
        .await
        .expect_err("the deletion has not settled");
    assert_eq!(err.code, Code::BeingDeleted);
    until_listed(&app, &host, vault, "shop").await;

    let progress = Mutex::new(Vec::new());
    let events = |step: RecoverProgress| {
        progress.lock().unwrap().push(step);
        Ok(())
    };
    let recover = RecoverArgs {
        vault,
        name: "shop".parse().unwrap(),
        request: 8,
    };
    let row = recover_certificate(&app, &host, recover, &events)
        .await
        .unwrap();
    assert_eq!(row.name, "shop");
    assert_eq!(row.version, None, "a listing row");
    let progress = progress.into_inner().unwrap();
    assert_eq!(progress[0], RecoverProgress::Recovering);
    assert!(
        matches!(progress.last(), Some(RecoverProgress::Waiting { tries }) if *tries > 0),
        "waited while it settled: {progress:?}"
    );
    let details = get_certificate(
        &app,
        &host,
        GetCertificateArgs {
            vault,
            name: "shop".parse().unwrap(),
            version: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(details.summary.thumbprint, row.thumbprint);
    assert!(listed_deleted(&app, &host, vault).await.is_empty());

    delete_certificate(&app, &host, args(vault, "shop"))
        .await
        .unwrap();
    until_listed(&app, &host, vault, "shop").await;
    purge_certificate(&app, &host, args(vault, "shop"))
        .await
        .unwrap();
    assert!(listed_deleted(&app, &host, vault).await.is_empty());
    let err = explain_delete(&app, &host, args(vault, "shop"))
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::NotFound);
}

#[tokio::test]
async fn a_cancelled_recovery_wait_ends_as_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let app = std::sync::Arc::new(load(dir.path()));
    let host = FakeHost::default();
    let vault = list_vaults(&app, &host, ()).await.unwrap()[0].id;
    issue(&app, &host, vault, "slow", ec_policy("Self", "slow.test")).await;
    delete_certificate(&app, &host, args(vault, "slow"))
        .await
        .unwrap();
    until_listed(&app, &host, vault, "slow").await;

    let waiting = {
        let app = app.clone();
        tokio::spawn(async move {
            let host = FakeHost::default();
            let events = |_| Ok(());
            let recover = RecoverArgs {
                vault,
                name: "slow".parse().unwrap(),
                request: 9,
            };
            recover_certificate(&app, &host, recover, &events).await
        })
    };
    tokio::time::sleep(Duration::from_millis(600)).await;
    cancel_request(&app, &host, CancelRequestArgs { request: 9 })
        .await
        .unwrap();
    let err = waiting.await.unwrap().unwrap_err();
    assert_eq!(err.code, Code::Cancelled);
}
