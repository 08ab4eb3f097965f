//! Importing planned files into the local vault over HTTPS through the SDK: each kind of file
//! the user drops, and the name conflicts (in use, deleted but recoverable).

#[path = "../../inspect/tests/support/mod.rs"]
mod files;
mod support;

use std::collections::BTreeMap;

use errors::Code;
use futures::TryStreamExt;
use inspect::Password;
use inspect::import::{ContentType, OpenedFile, Payload, plan};
use support::Local;
use vault::{DeletedName, ImportOptions, NameStatus, VaultConnection, list_versions};
use zeroize::Zeroizing;

/// Plans `names` (fixture files) as one certificate; panics when it would be refused.
fn payload(names: &[&str], password: Option<&str>, content: Option<ContentType>) -> Payload {
    let opened: Vec<OpenedFile> = names
        .iter()
        .map(|name| {
            let password = password.map(|p| Password::new(p.into()));
            OpenedFile::open(Zeroizing::new(files::read(name)), password).unwrap()
        })
        .collect();
    let refs: Vec<&OpenedFile> = opened.iter().collect();
    let (plan, payload) = plan(&refs, content).unwrap();
    payload.unwrap_or_else(|| panic!("{names:?} refused: {:?}", plan.report.key_vault))
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

#[tokio::test]
async fn every_kind_of_file_imports_once_planned() {
    let local = Local::start(&["import"]).await;
    let vault = local.connect("import");
    let cases = [
        (
            "modern",
            payload(&["modern.pfx"], Some(files::PW), None),
            ContentType::Pfx,
        ),
        (
            "legacy-rc2",
            payload(&["legacy.pfx"], Some(files::PW), None),
            ContentType::Pfx,
        ),
        (
            "pkcs1",
            payload(&["pem-pkcs1.pem"], None, None),
            ContentType::Pem,
        ),
        (
            "crlf",
            payload(&["pem-crlf-bom.pem"], None, None),
            ContentType::Pem,
        ),
        (
            "shuffled",
            payload(&["chain-shuffled.pem", "leaf.key"], None, None),
            ContentType::Pem,
        ),
        (
            "cer-key",
            payload(
                &["leaf.cer", "leaf-pkcs1.key"],
                None,
                Some(ContentType::Pfx),
            ),
            ContentType::Pfx,
        ),
    ];
    let leaf_sha1 = inspect::inspect(&files::read("leaf.cer"), None)
        .unwrap()
        .certificates[0]
        .sha1
        .clone();
    for (name, payload, content) in cases {
        let mut options = options(name);
        options.tags.insert("source".into(), "test".into());
        let row = vault
            .import_certificate(&payload, &options)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(row.name, name);
        assert!(row.version.is_some(), "{name}: the new version's id");
        assert_eq!(
            row.thumbprint.as_deref(),
            Some(leaf_sha1.as_str()),
            "{name}"
        );
        assert_eq!(row.tags.get("source").map(String::as_str), Some("test"));
        let details = vault.certificate(name, None).await.unwrap();
        let policy = details.policy.unwrap();
        assert_eq!(
            policy.content_type.as_deref(),
            Some(content.mime()),
            "{name}"
        );
        assert!(
            details
                .certificate
                .unwrap()
                .subject
                .contains("www.contoso.com")
        );
    }
}

#[tokio::test]
async fn a_name_in_use_gets_a_new_version_and_a_disabled_import_stays_disabled() {
    let local = Local::start(&["versions"]).await;
    let vault = local.connect("versions");
    let pfx = payload(&["modern.pfx"], Some(files::PW), None);
    assert_eq!(vault.name_status("web").await.unwrap(), NameStatus::Free);
    vault
        .import_certificate(&pfx, &options("web"))
        .await
        .unwrap();
    assert!(matches!(
        vault.name_status("web").await.unwrap(),
        NameStatus::Exists {
            enabled: true,
            expires: Some(_)
        }
    ));
    let mut disabled = options("web");
    disabled.enabled = false;
    let row = vault.import_certificate(&pfx, &disabled).await.unwrap();
    assert!(!row.enabled);
    assert_eq!(version_count(&vault, "web").await, 2);
}

#[tokio::test]
async fn an_import_just_after_a_delete_waits_until_the_name_says_deleted() {
    let local = Local::with_deletion_delay(&["slow"], std::time::Duration::from_millis(1500)).await;
    let vault = local.connect("slow");
    let pfx = payload(&["modern.pfx"], Some(files::PW), None);
    vault
        .import_certificate(&pfx, &options("web"))
        .await
        .unwrap();
    vault
        .certificates
        .delete_certificate("web", None)
        .await
        .unwrap();
    // While the service deletes, the name is neither live nor deleted.
    assert!(matches!(
        vault.name_status("web").await.unwrap(),
        NameStatus::Free
    ));
    let started = std::time::Instant::now();
    let err = vault
        .import_certificate(&pfx, &options("web"))
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::DeletedButRecoverable, "{err:?}");
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(500),
        "it waited"
    );
    let mut purge = options("web");
    purge.deleted_name = Some(DeletedName::Purge);
    vault.import_certificate(&pfx, &purge).await.unwrap();
    assert_eq!(version_count(&vault, "web").await, 1);
}

#[tokio::test]
async fn a_deleted_name_is_refused_then_recovered_or_purged() {
    let local = Local::start(&["deleted"]).await;
    let vault = local.connect("deleted");
    let pfx = payload(&["modern.pfx"], Some(files::PW), None);
    for name in ["kept", "gone"] {
        vault
            .import_certificate(&pfx, &options(name))
            .await
            .unwrap();
        vault
            .certificates
            .delete_certificate(name, None)
            .await
            .unwrap();
        assert!(matches!(
            vault.name_status(name).await.unwrap(),
            NameStatus::Deleted {
                deleted_on: Some(_),
                scheduled_purge: Some(_)
            }
        ));
        let err = vault
            .import_certificate(&pfx, &options(name))
            .await
            .unwrap_err();
        assert_eq!(err.code, Code::DeletedButRecoverable, "{err:?}");
        assert!(err.hint.is_some());
    }

    let mut recover = options("kept");
    recover.deleted_name = Some(DeletedName::Recover);
    vault.import_certificate(&pfx, &recover).await.unwrap();
    assert_eq!(
        version_count(&vault, "kept").await,
        2,
        "the old version came back"
    );

    let mut purge = options("gone");
    purge.deleted_name = Some(DeletedName::Purge);
    vault.import_certificate(&pfx, &purge).await.unwrap();
    assert_eq!(
        version_count(&vault, "gone").await,
        1,
        "a fresh certificate"
    );
}

#[tokio::test]
async fn bad_names_and_tags_are_refused_before_sending() {
    let local = Local::start(&["rules"]).await;
    let vault = local.connect("rules");
    let pfx = payload(&["modern.pfx"], Some(files::PW), None);
    let err = vault
        .import_certificate(&pfx, &options("web_01"))
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::InvalidInput);
    assert!(err.message.contains("'_'"), "{}", err.message);
    let mut many = options("web");
    many.tags = (0..16).map(|i| (format!("t{i}"), "v".into())).collect();
    let err = vault.import_certificate(&pfx, &many).await.unwrap_err();
    assert!(err.message.contains("15 tags"), "{}", err.message);
    assert_eq!(vault.name_status("web").await.unwrap(), NameStatus::Free);
}
