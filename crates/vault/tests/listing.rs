//! crates/vault against the local vault over real HTTPS, through the SDK client.

mod support;

use std::time::Duration;

use errors::Code;
use futures::{StreamExt, TryStreamExt};
use support::{Local, create, list_all};
use vault::{
    CertificateStatus, CertificateSummary, CredentialKind, VaultConnection, list_certificates,
};

#[tokio::test]
async fn lists_every_certificate_across_pages_with_table_fields() {
    let local = Local::start(&["paged"]).await;
    let vault = local.connect("paged");
    create(&vault, "row", 60).await;

    let pages: Vec<Vec<CertificateSummary>> =
        list_certificates(&vault).try_collect().await.unwrap();
    assert_eq!(
        pages.iter().map(Vec::len).collect::<Vec<_>>(),
        [25, 25, 10],
        "pages stream as the service sends them"
    );
    let mut names: Vec<_> = pages.iter().flatten().map(|c| c.name.clone()).collect();
    names.sort();
    assert_eq!(
        names,
        (0..60).map(|i| format!("row-{i:02}")).collect::<Vec<_>>()
    );

    let row = pages.iter().flatten().find(|c| c.name == "row-07").unwrap();
    assert!(row.id.ends_with("/certificates/row-07"), "{}", row.id);
    assert!(row.enabled);
    let thumbprint = row.thumbprint.as_deref().unwrap();
    assert_eq!(thumbprint.len(), 40);
    assert!(
        thumbprint
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase())
    );
    let (nbf, exp) = (row.not_before.unwrap(), row.expires.unwrap());
    let days = (exp - nbf) / 86_400;
    assert!((360..=367).contains(&days), "12 months is {days} days");
    assert_eq!(row.status_at(nbf + 86_400), CertificateStatus::Healthy);
    assert_eq!(
        row.status_at(exp - 10 * 86_400),
        CertificateStatus::ExpiresSoon
    );
    assert_eq!(row.status_at(exp), CertificateStatus::Expired);
}

#[tokio::test]
async fn vaults_are_listed_separately_and_concurrently() {
    let local = Local::start(&["one", "two"]).await;
    let (one, two) = (local.connect("one"), local.connect("two"));
    tokio::join!(create(&one, "a", 3), create(&two, "b", 5));
    let (a, b) = tokio::join!(list_all(&one), list_all(&two));
    assert!(a.iter().all(|c| c.name.starts_with("a-")) && a.len() == 3);
    assert!(b.iter().all(|c| c.name.starts_with("b-")) && b.len() == 5);
}

#[tokio::test]
async fn samples_show_every_status() {
    let local = Local::start(&["samples"]).await;
    let vault = local.connect("samples");
    let mut names = vault.add_samples().await.unwrap();
    names.sort();
    assert_eq!(
        names,
        [
            "sample-disabled",
            "sample-expired",
            "sample-expiring",
            "sample-healthy",
            "sample-pending"
        ]
    );

    let rows = list_all(&vault).await;
    let status = |name: &str| {
        rows.iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("{name} listed: {rows:?}"))
            .status
    };
    assert_eq!(status("sample-healthy"), CertificateStatus::Healthy);
    assert_eq!(status("sample-expiring"), CertificateStatus::ExpiresSoon);
    assert_eq!(status("sample-expired"), CertificateStatus::Expired);
    assert_eq!(status("sample-disabled"), CertificateStatus::Disabled);
    assert_eq!(status("sample-pending"), CertificateStatus::Pending);
}

#[tokio::test]
async fn a_wrong_token_is_not_signed_in() {
    let local = Local::start(&["locked"]).await;
    let impostor = tempfile::tempdir().unwrap();
    std::fs::copy(local.server.ca_file(), impostor.path().join("ca.pem")).unwrap();
    std::fs::write(impostor.path().join("token"), "not-the-token").unwrap();
    let mut entry = local.entry("locked");
    entry.credential = CredentialKind::LocalVault {
        data_dir: impostor.path().to_owned(),
    };
    let vault = VaultConnection::open(&entry).unwrap();
    let first = list_certificates(&vault).next().await.unwrap().unwrap_err();
    assert_eq!(first.code, Code::NotSignedIn, "{first:?}");
    assert!(first.hint.is_some());
}

#[tokio::test]
async fn an_unreachable_vault_fails_fast_as_offline() {
    let local = Local::start(&["gone"]).await;
    let mut entry = local.entry("gone");
    // A port nothing listens on: bind one, then let it go.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    entry.url = format!("https://127.0.0.1:{port}/");
    let vault = VaultConnection::open(&entry).unwrap();
    let started = std::time::Instant::now();
    let err = list_certificates(&vault).next().await.unwrap().unwrap_err();
    assert_eq!(err.code, Code::Offline, "{err:?}");
    assert!(err.message.contains(&format!("127.0.0.1:{port}")) || err.message.contains("gone"));
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "short retry budget"
    );
}

#[tokio::test]
async fn a_missing_local_data_dir_is_reported_on_open() {
    let mut entry = Local::start(&["x"]).await.entry("x");
    entry.credential = CredentialKind::LocalVault {
        data_dir: "/nonexistent/certdeck".into(),
    };
    let err = VaultConnection::open(&entry).err().unwrap();
    assert_eq!(err.code, Code::NotSignedIn);
}

#[tokio::test]
async fn an_untrusted_server_certificate_is_a_tls_error() {
    let (a, b) = tokio::join!(Local::start(&["a"]), Local::start(&["b"]));
    // a's URL with b's CA: the handshake meets a certificate nobody here vouches for.
    let mut entry = a.entry("a");
    entry.credential = b.entry("b").credential;
    let vault = VaultConnection::open(&entry).unwrap();
    let err = list_certificates(&vault).next().await.unwrap().unwrap_err();
    assert_eq!(err.code, Code::Tls, "{err:?}");
    assert!(
        err.message.to_lowercase().contains("certificate"),
        "{}",
        err.message
    );
}
