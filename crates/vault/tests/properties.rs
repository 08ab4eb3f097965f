//! A version's enabled flag and a certificate's tags through crates/vault, over HTTPS from the
//! local vault.

mod support;

use std::collections::BTreeMap;

use errors::Code;
use futures::TryStreamExt;
use support::{Local, create};
use vault::{CertificateStatus, CertificateSummary, VaultConnection, list_versions};

async fn versions(vault: &VaultConnection, name: &str) -> Vec<CertificateSummary> {
    let pages: Vec<Vec<CertificateSummary>> =
        list_versions(vault, name).try_collect().await.unwrap();
    let mut versions: Vec<_> = pages.into_iter().flatten().collect();
    versions.sort_by_key(|v| v.created);
    versions
}

fn tags(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[tokio::test]
async fn a_disabled_version_reads_back_disabled_and_can_be_enabled_again() {
    let local = Local::start(&["props"]).await;
    let vault = local.connect("props");
    create(&vault, "web", 1).await;
    create(&vault, "web", 1).await;
    let both = versions(&vault, "web-00").await;
    assert_eq!(both.len(), 2);
    let older = both[0].version.clone().unwrap();

    let row = vault
        .set_enabled("web-00", Some(&older), false)
        .await
        .unwrap();
    assert_eq!(row.version.as_deref(), Some(older.as_str()));
    assert!(!row.enabled);
    assert_eq!(row.status, CertificateStatus::Disabled);

    let read = vault.certificate("web-00", Some(&older)).await.unwrap();
    assert!(
        !read.summary.enabled,
        "the older version reads back disabled"
    );
    let current = vault.certificate("web-00", None).await.unwrap();
    assert!(current.summary.enabled, "the current version is untouched");

    let row = vault
        .set_enabled("web-00", Some(&older), true)
        .await
        .unwrap();
    assert!(row.enabled);
    let after = versions(&vault, "web-00").await;
    assert!(after.iter().all(|v| v.enabled));
}

#[tokio::test]
async fn tags_round_trip_and_an_empty_map_removes_them() {
    let local = Local::start(&["props"]).await;
    let vault = local.connect("props");
    create(&vault, "api", 1).await;

    let wanted = tags(&[("env", "prod"), ("owner", "team-web")]);
    let row = vault.set_tags("api-00", &wanted).await.unwrap();
    assert_eq!(row.tags, wanted);
    let read = vault.certificate("api-00", None).await.unwrap();
    assert_eq!(read.summary.tags, wanted);

    vault.set_tags("api-00", &BTreeMap::new()).await.unwrap();
    let read = vault.certificate("api-00", None).await.unwrap();
    assert!(read.summary.tags.is_empty());
}

#[tokio::test]
async fn tags_over_the_limits_are_refused_before_sending() {
    let local = Local::start(&["props"]).await;
    let vault = local.connect("props");
    create(&vault, "db", 1).await;
    let kept = tags(&[("env", "test")]);
    vault.set_tags("db-00", &kept).await.unwrap();

    let sixteen: BTreeMap<_, _> = (0..16).map(|i| (format!("t{i}"), "x".into())).collect();
    let long_name = tags(&[(&"n".repeat(513), "x")]);
    // The local vault itself only counts tags: a long value reaching it would be stored, so
    // tags unchanged afterwards prove the check ran before sending.
    let long_value = tags(&[("env", &"v".repeat(257))]);
    for (case, bad) in [
        ("16 tags", sixteen),
        ("513-char name", long_name),
        ("257-char value", long_value),
    ] {
        let err = vault.set_tags("db-00", &bad).await.unwrap_err();
        assert_eq!(err.code, Code::InvalidInput, "{case}: {err:?}");
    }
    let err = vault
        .set_tags("db-00", &tags(&[("env", &"v".repeat(257))]))
        .await
        .unwrap_err();
    assert!(err.message.contains("256"), "{}", err.message);
    let read = vault.certificate("db-00", None).await.unwrap();
    assert_eq!(read.summary.tags, kept);
}
