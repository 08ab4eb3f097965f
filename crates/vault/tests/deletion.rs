//! Delete, the deleted list, recover (waited for until readable) and purge, against the local
//! vault over HTTPS with deletions settling after a delay as on Key Vault.

mod support;

use std::time::Duration;

use errors::Code;
use futures::TryStreamExt;
use local_vault::VaultSettings;
use support::{Local, create};
use vault::deletion::{
    delete_certificate, get_deleted_certificate, list_deleted_certificates,
    purge_deleted_certificate, recover_deleted_certificate, recovery_settings, wait_until_readable,
};
use vault::{DeletedCertificate, VaultConnection};

const SETTLE: Duration = Duration::from_millis(800);

async fn deleted(vault: &VaultConnection) -> Vec<DeletedCertificate> {
    let pages: Vec<Vec<DeletedCertificate>> = list_deleted_certificates(vault)
        .try_collect()
        .await
        .unwrap();
    pages.into_iter().flatten().collect()
}

/// Waits until `name`'s deletion has settled (the service lists it as deleted).
async fn settled(vault: &VaultConnection, name: &str) -> DeletedCertificate {
    for _ in 0..100 {
        match get_deleted_certificate(vault, name).await {
            Ok(found) => return found,
            Err(err) => assert_eq!(err.code, Code::NotFound, "{err:?}"),
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{name} never settled as deleted");
}

#[tokio::test]
async fn delete_list_recover_until_readable_then_purge() {
    let local = Local::with_deletion_delay(&["local"], SETTLE).await;
    let vault = local.connect("local");
    create(&vault, "web", 2).await;

    let gone = delete_certificate(&vault, "web-00").await.unwrap();
    assert_eq!(gone.summary.name, "web-00");
    assert!(
        gone.summary.id.ends_with("/certificates/web-00"),
        "{gone:?}"
    );
    assert_eq!(gone.summary.version, None);
    assert!(gone.summary.thumbprint.is_some());
    assert!(
        gone.recovery_id
            .as_deref()
            .unwrap()
            .ends_with("/deletedcertificates/web-00")
    );
    assert_eq!(
        gone.recovery_level.as_deref(),
        Some("Recoverable+Purgeable")
    );
    assert_eq!(gone.recoverable_days, Some(90));
    let (on, purge) = (gone.deleted_on.unwrap(), gone.scheduled_purge.unwrap());
    assert_eq!(purge - on, 90 * 86_400);

    let err = purge_deleted_certificate(&vault, "web-00")
        .await
        .expect_err("still being deleted");
    assert_eq!(err.code, Code::BeingDeleted, "{err:?}");
    assert!(err.hint.is_some());

    let found = settled(&vault, "web-00").await;
    assert_eq!(found.summary.thumbprint, gone.summary.thumbprint);
    let listed = deleted(&vault).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].summary.name, "web-00");
    assert_eq!(listed[0].scheduled_purge, gone.scheduled_purge);
    assert_eq!(
        listed[0].recovery_level.as_deref(),
        Some("Recoverable+Purgeable")
    );

    let recovered = recover_deleted_certificate(&vault, "web-00").await.unwrap();
    assert_eq!(recovered.id, gone.summary.id);
    let mut waits = 0;
    let row = wait_until_readable(&vault, "web-00", |tries| waits = tries)
        .await
        .unwrap();
    assert!(waits > 0, "the recovery settles after a delay");
    assert_eq!(row.id, gone.summary.id);
    assert_eq!(row.thumbprint, gone.summary.thumbprint);
    assert!(deleted(&vault).await.is_empty());

    delete_certificate(&vault, "web-01").await.unwrap();
    settled(&vault, "web-01").await;
    purge_deleted_certificate(&vault, "web-01").await.unwrap();
    let err = get_deleted_certificate(&vault, "web-01").await.unwrap_err();
    assert_eq!(err.code, Code::NotFound);
}

#[tokio::test]
async fn purge_protection_refuses_purge_with_its_own_code() {
    let local = Local::start(&["local"]).await;
    let settings = VaultSettings {
        recovery_level: Some("CustomizedRecoverable".into()),
        retention_days: Some(7),
    };
    local
        .server
        .add_vault_with("guarded", &settings)
        .await
        .unwrap();
    let vault = local.connect("guarded");
    create(&vault, "kept", 1).await;
    let told = recovery_settings(&vault, "kept-00").await.unwrap();
    assert!(told.recoverable() && !told.purgeable(), "{told:?}");
    assert_eq!(told.recoverable_days, Some(7));

    let gone = delete_certificate(&vault, "kept-00").await.unwrap();
    assert_eq!(
        gone.recovery_level.as_deref(),
        Some("CustomizedRecoverable")
    );
    let err = purge_deleted_certificate(&vault, "kept-00")
        .await
        .expect_err("purge protection");
    assert_eq!(err.code, Code::PurgeProtected, "{err:?}");
    assert!(err.message.contains("kept-00"), "{}", err.message);
    assert_eq!(deleted(&vault).await.len(), 1, "nothing was purged");
}

#[tokio::test]
async fn without_soft_delete_a_delete_is_final() {
    let local = Local::start(&["local"]).await;
    let settings = VaultSettings {
        recovery_level: Some("Purgeable".into()),
        retention_days: None,
    };
    local
        .server
        .add_vault_with("bare", &settings)
        .await
        .unwrap();
    let vault = local.connect("bare");
    create(&vault, "tmp", 1).await;
    assert!(
        !recovery_settings(&vault, "tmp-00")
            .await
            .unwrap()
            .recoverable()
    );
    let gone = delete_certificate(&vault, "tmp-00").await.unwrap();
    assert_eq!(gone.recovery_id, None);
    assert_eq!(gone.scheduled_purge, None);
    assert!(deleted(&vault).await.is_empty());
}
