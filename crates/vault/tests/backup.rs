//! Backup, restore and copy to another vault through crates/vault, over HTTPS from the local
//! vault.

mod support;

use errors::Code;
use support::{Local, create};
use vault::{CopyMethod, backup_certificate, copy_certificate, plan_copy, restore_certificate};

#[tokio::test]
async fn a_backup_restores_after_delete_and_purge_and_conflicts_while_the_name_exists() {
    let local = Local::start(&["home"]).await;
    let vault = local.connect("home");
    create(&vault, "kept", 1).await;
    let before = vault.certificate("kept-00", None).await.unwrap();

    let blob = backup_certificate(&vault, "kept-00").await.unwrap();
    let err = restore_certificate(&vault, &blob).await.unwrap_err();
    assert_eq!(err.code, Code::AlreadyExists);
    assert_eq!(
        err.message,
        "A certificate named kept-00 exists in home, so the backup cannot be restored there."
    );
    assert!(err.hint.unwrap().contains("purge it first"));

    vault
        .certificates
        .delete_certificate("kept-00", None)
        .await
        .unwrap();
    vault.purge("kept-00").await.unwrap();
    let restored = restore_certificate(&vault, &blob).await.unwrap();
    assert_eq!(restored.name, "kept-00");
    assert_eq!(restored.thumbprint, before.summary.thumbprint);
    let after = vault.certificate("kept-00", None).await.unwrap();
    assert_eq!(after.summary.thumbprint, before.summary.thumbprint);
    assert_eq!(
        after.certificate.map(|c| c.subject),
        before.certificate.map(|c| c.subject),
        "readable again"
    );
}

#[tokio::test]
async fn a_damaged_or_foreign_backup_is_refused_with_the_rule() {
    let here = Local::start(&["here"]).await;
    let there = Local::start(&["there"]).await;
    let source = here.connect("here");
    create(&source, "roams", 1).await;
    let blob = backup_certificate(&source, "roams-00").await.unwrap();

    let err = restore_certificate(&there.connect("there"), &blob)
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::BackupNotRestorable);
    assert!(
        err.message.contains("Cannot decrypt backup blob"),
        "{}",
        err.message
    );
    assert!(
        err.hint
            .unwrap()
            .contains("same Azure subscription and geography"),
        "the hint states the rule"
    );

    let err = restore_certificate(&source, b"not a backup")
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::BackupNotRestorable);
    let err = restore_certificate(&source, b"").await.unwrap_err();
    assert_eq!(err.code, Code::InvalidInput);
}

#[tokio::test]
async fn copies_go_by_backup_within_a_server_and_by_export_between_servers() {
    let one = Local::start(&["east", "west"]).await;
    let other = Local::start(&["far"]).await;
    let (east, west, far) = (
        one.connect("east"),
        one.connect("west"),
        other.connect("far"),
    );
    create(&east, "web", 1).await;
    east.set_tags(
        "web-00",
        &[("team".to_owned(), "edge".to_owned())]
            .into_iter()
            .collect(),
    )
    .await
    .unwrap();
    let source = east.certificate("web-00", None).await.unwrap();

    let plan = plan_copy(&east, &west, "web-00").await.unwrap();
    assert_eq!(plan.method, CopyMethod::BackupRestore);
    assert_eq!(plan.refused, None);
    let copied = copy_certificate(&east, &west, "web-00").await.unwrap();
    assert_eq!(copied.thumbprint, source.summary.thumbprint);
    assert!(copied.id.starts_with(west.entry.url.trim_end_matches('/')));

    // Back the other way: the name is taken in east, so the plan refuses before sending.
    let plan = plan_copy(&west, &east, "web-00").await.unwrap();
    assert_eq!(plan.refused.map(|e| e.code), Some(Code::AlreadyExists));

    let plan = plan_copy(&west, &far, "web-00").await.unwrap();
    assert_eq!(plan.method, CopyMethod::ExportImport);
    assert_eq!(plan.refused, None);
    let exported = copy_certificate(&west, &far, "web-00").await.unwrap();
    assert_eq!(
        exported.thumbprint, source.summary.thumbprint,
        "same certificate"
    );
    assert_eq!(exported.tags.get("team").map(String::as_str), Some("edge"));
    // Created and updated are the target's own: the copy is made a moment later.
    let settable = |mut policy: vault::CertificatePolicy| {
        policy.attributes.created = None;
        policy.attributes.updated = None;
        policy
    };
    assert_eq!(
        settable(far.policy("web-00").await.unwrap()),
        settable(east.policy("web-00").await.unwrap()),
        "the policy travels"
    );

    // And back from the other server, once the name is free again.
    west.certificates
        .delete_certificate("web-00", None)
        .await
        .unwrap();
    west.purge("web-00").await.unwrap();
    let back = copy_certificate(&far, &west, "web-00").await.unwrap();
    assert_eq!(back.thumbprint, source.summary.thumbprint);
}

#[tokio::test]
async fn a_non_exportable_key_is_refused_before_an_export() {
    let one = Local::start(&["src"]).await;
    let other = Local::start(&["dst"]).await;
    let (src, dst) = (one.connect("src"), other.connect("dst"));
    create(&src, "locked", 1).await;
    let mut policy = src.policy("locked-00").await.unwrap();
    policy.key_props.exportable = Some(false);
    src.update_policy("locked-00", &policy).await.unwrap();

    let plan = plan_copy(&src, &dst, "locked-00").await.unwrap();
    let refused = plan.refused.expect("refused");
    assert_eq!(refused.code, Code::InvalidInput);
    assert!(
        refused.message.contains("not exportable"),
        "{}",
        refused.message
    );
    let err = copy_certificate(&src, &dst, "locked-00").await.unwrap_err();
    assert_eq!(err, refused);
}
