//! Backup to a file chosen in the save dialog, restore from a dropped or picked file only, and
//! copy to another vault, against the built-in local vault.

mod support;

use std::os::unix::fs::PermissionsExt;

use app::commands::*;
use app::{App, Code};
use support::{FakeHost, ec_policy, grant, issue, load};
use vault::SELF_ISSUER;

async fn two_vaults(app: &App, host: &FakeHost) -> (VaultId, VaultId) {
    let first = list_vaults(app, host, ()).await.unwrap()[0].id;
    let second = add_local_vault(
        app,
        host,
        AddLocalVaultArgs {
            name: "second".into(),
        },
    )
    .await
    .unwrap()
    .id;
    issue(app, host, first, "web", ec_policy(SELF_ISSUER, "web.test")).await;
    (first, second)
}

fn web(vault: VaultId) -> CertificateArgs {
    CertificateArgs {
        vault,
        name: "web".parse().unwrap(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_saved_backup_is_private_and_restores_only_once_granted() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let (first, second) = two_vaults(&app, &host).await;

    // Cancelled: nothing written.
    assert_eq!(save_backup(&app, &host, web(first)).await.unwrap(), None);

    let file = root.path().canonicalize().unwrap().join("web.kvbackup");
    *host.save_to.lock().unwrap() = Some(file.clone());
    let saved = save_backup(&app, &host, web(first)).await.unwrap();
    assert_eq!(saved.as_deref(), Some(file.to_str().unwrap()));
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "the blob holds the keys");

    // Written, but neither dropped nor picked: the backend will not read it.
    let args = || RestoreBackupArgs {
        vault: second,
        path: file.clone(),
    };
    let refused = restore_backup(&app, &host, args()).await.unwrap_err();
    assert_eq!(refused.code, Code::Forbidden);
    let refused = inspect_backup(&app, &host, BackupFileArgs { path: file.clone() })
        .await
        .unwrap_err();
    assert_eq!(refused.code, Code::Forbidden);

    *host.picked.lock().unwrap() = Some(vec![file.clone()]);
    let picked = pick_backup_file(&app, &host, ()).await.unwrap();
    assert_eq!(picked.as_ref(), Some(&file));
    let info = inspect_backup(&app, &host, BackupFileArgs { path: file.clone() })
        .await
        .unwrap();
    assert_eq!(info.file_name, "web.kvbackup");
    assert_eq!(info.likely_name.as_deref(), Some("web"));
    assert!(info.size > 100, "{}", info.size);

    let restored = restore_backup(&app, &host, args()).await.unwrap();
    assert_eq!(restored.name, "web");
    assert!(restored.thumbprint.is_some());
    let listed = get_certificate(
        &app,
        &host,
        GetCertificateArgs {
            vault: second,
            name: "web".parse().unwrap(),
            version: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(listed.summary.thumbprint, restored.thumbprint);

    // Again: the name is taken now.
    let conflict = restore_backup(&app, &host, args()).await.unwrap_err();
    assert_eq!(conflict.code, Code::AlreadyExists);
    assert!(
        conflict.message.contains("named web exists in second"),
        "{}",
        conflict.message
    );
    assert!(conflict.hint.unwrap().contains("purge"));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_empty_or_foreign_file_is_refused_with_its_reason() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let (first, _) = two_vaults(&app, &host).await;
    let dir = root.path().canonicalize().unwrap();
    let (empty, junk) = (dir.join("empty.kvbackup"), dir.join("not a name!.kvbackup"));
    std::fs::write(&empty, b"").unwrap();
    std::fs::write(&junk, b"this is no backup").unwrap();
    grant(&app, &host, &empty).await;
    grant(&app, &host, &junk).await;

    let err = inspect_backup(
        &app,
        &host,
        BackupFileArgs {
            path: empty.clone(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, Code::InvalidInput);
    let info = inspect_backup(&app, &host, BackupFileArgs { path: junk.clone() })
        .await
        .unwrap();
    assert_eq!(info.likely_name, None, "not a certificate name");
    let err = restore_backup(
        &app,
        &host,
        RestoreBackupArgs {
            vault: first,
            path: junk,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, Code::BackupNotRestorable);
    assert!(err.hint.unwrap().contains("subscription and geography"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_copy_is_planned_then_run_and_refused_once_the_name_is_taken() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let (first, second) = two_vaults(&app, &host).await;
    let args = || CopyArgs {
        vault: first,
        name: "web".parse().unwrap(),
        target: second,
    };

    let plan = plan_copy(&app, &host, args()).await.unwrap();
    assert_eq!(plan.method, CopyMethod::BackupRestore);
    assert!(plan.explanation.contains("same local vault server"));
    assert_eq!(plan.refused, None);
    let copied = copy_certificate(&app, &host, args()).await.unwrap();
    assert_eq!(copied.name, "web");
    assert!(copied.thumbprint.is_some());

    let plan = plan_copy(&app, &host, args()).await.unwrap();
    assert_eq!(plan.refused.map(|e| e.code), Some(Code::AlreadyExists));
    let err = copy_certificate(&app, &host, args()).await.unwrap_err();
    assert_eq!(err.code, Code::AlreadyExists);

    let same = CopyArgs {
        target: first,
        ..args()
    };
    let err = plan_copy(&app, &host, same).await.unwrap_err();
    assert_eq!(err.code, Code::InvalidInput);
}
