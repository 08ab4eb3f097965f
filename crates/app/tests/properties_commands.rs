//! A certificate's properties and bulk actions on a table selection, against the built-in
//! local vault: enable/disable one version, tags saved and re-read, a bulk run (disable, tags,
//! delete) with one deliberate failure reported on its own, backups into a folder that are
//! never overwritten.

mod support;

use std::collections::BTreeMap;

use app::commands::*;
use app::{App, Code};
use support::{FakeHost, ec_policy, issue, load, streamed, target};
use vault::SELF_ISSUER;

async fn local_vault(app: &App, host: &FakeHost, names: &[&str]) -> VaultId {
    let vault = list_vaults(app, host, ()).await.unwrap()[0].id;
    for name in names {
        issue(app, host, vault, name, ec_policy(SELF_ISSUER, "props.test")).await;
    }
    vault
}

async fn current(app: &App, host: &FakeHost, vault: VaultId, name: &str) -> CertificateSummary {
    let args = GetCertificateArgs {
        vault,
        name: name.parse().unwrap(),
        version: None,
    };
    get_certificate(app, host, args).await.unwrap().summary
}

async fn run(
    app: &App,
    host: &FakeHost,
    targets: Vec<CertificateRef>,
    action: CertificateAction,
) -> Vec<BulkActionItem> {
    let count = targets.len();
    let args = BulkActionArgs {
        targets,
        action,
        request: 7,
    };
    let (done, seen) =
        streamed(async |events| bulk_certificate_action(app, host, args, events).await).await;
    assert_eq!(seen.len(), count, "each item is streamed");
    done
}

fn outcome<'a>(items: &'a [BulkActionItem], name: &str) -> &'a BulkOutcome {
    &items
        .iter()
        .find(|item| item.target.name == name)
        .unwrap_or_else(|| panic!("{name} in {items:?}"))
        .outcome
}

fn change_texts(outcome: &BulkOutcome) -> Vec<String> {
    let BulkOutcome::Changed { changes } = outcome else {
        panic!("{outcome:?}");
    };
    changes
        .iter()
        .map(|c| format!("{}: {} → {}", c.label, c.before, c.after))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn one_version_is_disabled_and_enabled_again() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = local_vault(&app, &host, &["web", "web"]).await;
    let versions = list_versions(
        &app,
        &host,
        CertificateArgs {
            vault,
            name: "web".parse().unwrap(),
        },
    )
    .await
    .unwrap();
    let older = versions[1].version.clone().unwrap();
    let set = |enabled| SetEnabledArgs {
        vault,
        name: "web".parse().unwrap(),
        version: Some(older.parse().unwrap()),
        enabled,
    };

    let row = set_certificate_enabled(&app, &host, set(false))
        .await
        .unwrap();
    assert_eq!(row.version.as_deref(), Some(older.as_str()));
    assert!(!row.enabled);
    assert!(current(&app, &host, vault, "web").await.enabled);

    let row = set_certificate_enabled(&app, &host, set(true))
        .await
        .unwrap();
    assert!(row.enabled);
}

#[tokio::test(flavor = "multi_thread")]
async fn tags_are_saved_then_read_again_and_over_limit_tags_are_refused() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = local_vault(&app, &host, &["api"]).await;
    let set = |tags: BTreeMap<String, String>| SetTagsArgs {
        vault,
        name: "api".parse().unwrap(),
        tags,
    };

    let tags = BTreeMap::from([("env".to_owned(), "prod".to_owned())]);
    let row = set_certificate_tags(&app, &host, set(tags.clone()))
        .await
        .unwrap();
    assert_eq!(row.tags, tags);

    let sixteen = (0..16).map(|i| (format!("t{i}"), "x".to_owned())).collect();
    let err = set_certificate_tags(&app, &host, set(sixteen))
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::InvalidInput);
    assert!(err.message.contains("15"), "{}", err.message);
    assert_eq!(current(&app, &host, vault, "api").await.tags, tags);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bulk_run_reports_each_certificate_and_the_one_that_failed() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = local_vault(&app, &host, &["one", "two"]).await;
    let targets = || {
        vec![
            target(vault, "one"),
            target(vault, "missing"),
            target(vault, "two"),
        ]
    };

    let items = run(&app, &host, targets(), CertificateAction::Disable).await;
    for name in ["one", "two"] {
        assert_eq!(
            change_texts(outcome(&items, name)),
            ["Enabled: Enabled → Disabled"]
        );
        let item = items.iter().find(|i| i.target.name == name).unwrap();
        assert_eq!(item.row.as_ref().map(|row| row.enabled), Some(false));
        assert!(!current(&app, &host, vault, name).await.enabled);
    }
    let BulkOutcome::Failed { error } = outcome(&items, "missing") else {
        panic!("{items:?}");
    };
    assert_eq!(error.code, Code::NotFound);

    let again = run(
        &app,
        &host,
        targets()[..1].to_vec(),
        CertificateAction::Disable,
    )
    .await;
    assert!(matches!(outcome(&again, "one"), BulkOutcome::Unchanged));

    let tag = CertificateAction::SetTag {
        name: "owner".into(),
        value: "ops".into(),
    };
    let items = run(&app, &host, targets(), tag).await;
    assert_eq!(change_texts(outcome(&items, "two")), ["Tag owner: — → ops"]);
    let removal = CertificateAction::RemoveTag {
        name: "owner".into(),
    };
    let items = run(&app, &host, vec![target(vault, "two")], removal).await;
    assert_eq!(change_texts(outcome(&items, "two")), ["Tag owner: ops → —"]);
    assert!(current(&app, &host, vault, "two").await.tags.is_empty());

    let items = run(&app, &host, targets(), CertificateAction::Delete).await;
    assert_eq!(
        change_texts(outcome(&items, "one")),
        ["State: Active → Deleted, recoverable"]
    );
    assert!(matches!(
        outcome(&items, "missing"),
        BulkOutcome::Failed { .. }
    ));
    let args = GetCertificateArgs {
        vault,
        name: "two".parse().unwrap(),
        version: None,
    };
    let gone = get_certificate(&app, &host, args).await.unwrap_err();
    assert_eq!(gone.code, Code::NotFound);
}

#[tokio::test(flavor = "multi_thread")]
async fn backups_land_in_the_picked_folder_and_are_never_overwritten() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = local_vault(&app, &host, &["one", "two"]).await;
    let folder = tempfile::tempdir().unwrap();
    let targets = || vec![target(vault, "one"), target(vault, "two")];

    let args = BulkActionArgs {
        targets: targets(),
        action: CertificateAction::Backup,
        request: 8,
    };
    let err = bulk_certificate_action(&app, &host, args, &|_| Ok(()))
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::Cancelled, "no folder picked: nothing runs");

    *host.folder.lock().unwrap() = Some(folder.path().to_owned());
    let items = run(&app, &host, targets(), CertificateAction::Backup).await;
    for name in ["one", "two"] {
        let path = folder.path().join(format!("{name}.kvbackup"));
        let texts = change_texts(outcome(&items, name));
        assert_eq!(texts, [format!("Backup file: — → {}", path.display())]);
        assert!(std::fs::metadata(&path).unwrap().len() > 0);
    }

    *host.folder.lock().unwrap() = Some(folder.path().to_owned());
    let items = run(&app, &host, targets(), CertificateAction::Backup).await;
    for name in ["one", "two"] {
        let BulkOutcome::Failed { error } = outcome(&items, name) else {
            panic!("{items:?}");
        };
        assert_eq!(error.code, Code::AlreadyExists);
    }
}
