//! crates/vault against the local vault over real HTTPS, through the SDK client.

use std::time::Duration;

use azure_security_keyvault_certificates::models::{
    CertificatePolicy, CreateCertificateParameters, CurveName, IssuerParameters, KeyProperties,
    KeyType, X509CertificateProperties,
};
use futures::{StreamExt, TryStreamExt};
use local_vault::{Config, LocalVault};
use vault::{
    CertificateStatus, CertificateSummary, CredentialKind, ErrorCode, VaultConnection, VaultEntry,
    VaultId, list_certificates,
};

struct Local {
    server: LocalVault,
    dir: tempfile::TempDir,
}

impl Local {
    async fn start(vaults: &[&str]) -> Local {
        let dir = tempfile::tempdir().unwrap();
        let server = LocalVault::start(Config {
            data_dir: dir.path().join("data"),
            vaults: vaults.iter().map(|v| v.to_string()).collect(),
            first_port: None,
            operation_delay: Duration::from_millis(20),
        })
        .await
        .unwrap();
        Local { server, dir }
    }

    fn entry(&self, name: &str) -> VaultEntry {
        let url = self
            .server
            .vaults()
            .into_iter()
            .find(|v| v.name == name)
            .unwrap()
            .url;
        VaultEntry {
            id: VaultId(0),
            name: name.into(),
            url,
            credential: CredentialKind::LocalVault {
                data_dir: self.dir.path().join("data"),
            },
            color: None,
        }
    }

    fn connect(&self, name: &str) -> VaultConnection {
        VaultConnection::open(&self.entry(name)).unwrap()
    }
}

/// Creates self-signed EC certificates (fast keys) named `{prefix}-{i:02}`.
async fn create(vault: &VaultConnection, prefix: &str, count: usize) {
    let creates = (0..count).map(|i| {
        let body = CreateCertificateParameters {
            certificate_policy: Some(CertificatePolicy {
                x509_certificate_properties: Some(X509CertificateProperties {
                    subject: Some(format!("CN={prefix}-{i}.test")),
                    validity_in_months: Some(12),
                    ..Default::default()
                }),
                issuer_parameters: Some(IssuerParameters {
                    name: Some("Self".into()),
                    ..Default::default()
                }),
                key_properties: Some(KeyProperties {
                    key_type: Some(KeyType::Ec),
                    curve: Some(CurveName::P256),
                    exportable: Some(true),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        let name = format!("{prefix}-{i:02}");
        async move {
            vault
                .certificates
                .begin_create_certificate(&name, body.try_into().unwrap(), None)
                .unwrap()
                .await
                .unwrap_or_else(|err| panic!("create {name}: {err}"));
        }
    });
    futures::future::join_all(creates).await;
}

async fn list_all(vault: &VaultConnection) -> Vec<CertificateSummary> {
    let pages: Vec<Vec<CertificateSummary>> = list_certificates(vault).try_collect().await.unwrap();
    pages.into_iter().flatten().collect()
}

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
    assert_eq!(row.status(nbf + 86_400), CertificateStatus::Healthy);
    assert_eq!(
        row.status(exp - 10 * 86_400),
        CertificateStatus::ExpiresSoon
    );
    assert_eq!(row.status(exp), CertificateStatus::Expired);
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
    let url = local.entry("samples").url;
    let ca =
        reqwest::Certificate::from_pem(&std::fs::read(local.server.ca_file()).unwrap()).unwrap();
    let http = reqwest::Client::builder()
        .tls_certs_merge([ca])
        .build()
        .unwrap();
    let seeded = http
        .post(format!("{url}_certdeck/samples"))
        .bearer_auth(local.server.token())
        .send()
        .await
        .unwrap();
    assert!(seeded.status().is_success(), "{}", seeded.status());

    let rows = list_all(&local.connect("samples")).await;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let status = |name: &str| {
        rows.iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("{name} listed: {rows:?}"))
            .status(now)
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
    assert_eq!(first.code, ErrorCode::NotSignedIn, "{first:?}");
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
    assert_eq!(err.code, ErrorCode::Offline, "{err:?}");
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
    assert_eq!(err.code, ErrorCode::NotSignedIn);
}

#[tokio::test]
async fn an_untrusted_server_certificate_is_a_tls_error() {
    let (a, b) = tokio::join!(Local::start(&["a"]), Local::start(&["b"]));
    // a's URL with b's CA: the handshake meets a certificate nobody here vouches for.
    let mut entry = a.entry("a");
    entry.credential = b.entry("b").credential;
    let vault = VaultConnection::open(&entry).unwrap();
    let err = list_certificates(&vault).next().await.unwrap().unwrap_err();
    assert_eq!(err.code, ErrorCode::Tls, "{err:?}");
    assert!(
        err.message.to_lowercase().contains("certificate"),
        "{}",
        err.message
    );
}
