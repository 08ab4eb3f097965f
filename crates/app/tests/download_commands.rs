//! Downloading certificates through the command, against the embedded local vault: a PFX
//! re-protected with the user's password (mode 0600, read back with inspect), the service's own
//! form, PEM with an encrypted key, the certificate alone, and the refusals (no password, a
//! non-exportable key, a cancelled dialog).

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use app::commands::*;
use app::{App, Code};
use inspect::Password;
use support::{FakeHost, ec_policy, issue, load};

const PASSWORD: &str = "Tr0ub4dor&3-horse";

async fn setup(exportable: bool) -> (tempfile::TempDir, App, FakeHost, VaultId) {
    let dir = tempfile::tempdir().unwrap();
    let app = load(dir.path());
    let host = FakeHost::default();
    let vault = list_vaults(&app, &host, ()).await.unwrap()[0].id;
    let mut policy = ec_policy("Self", "web.contoso.test");
    policy.key_props.exportable = Some(exportable);
    issue(&app, &host, vault, "web", policy).await;
    (dir, app, host, vault)
}

fn args(vault: VaultId, format: DownloadFormat, password: Option<&str>) -> DownloadArgs {
    DownloadArgs {
        vault,
        name: "web".parse().unwrap(),
        version: None,
        format,
        password: password.map(str::to_owned),
    }
}

/// Downloads to `dir/file` and checks the file is the user's alone.
async fn download(
    app: &App,
    host: &FakeHost,
    dir: &Path,
    file: &str,
    args: DownloadArgs,
) -> (PathBuf, Downloaded) {
    let path = dir.join(file);
    *host.save_to.lock().unwrap() = Some(path.clone());
    let done = download_certificate(app, host, args)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(done.path, path.display().to_string());
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{file}");
    (path, done)
}

#[tokio::test]
async fn pfx_with_the_users_password_reads_back_with_it() {
    let (dir, app, host, vault) = setup(true).await;
    // An existing, world-readable file is replaced and narrowed to the user.
    let target = dir.path().join("web.pfx");
    std::fs::write(&target, b"old").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();

    let (path, done) = download(
        &app,
        &host,
        dir.path(),
        "web.pfx",
        args(vault, DownloadFormat::Pfx, Some(PASSWORD)),
    )
    .await;
    assert!(done.summary.contains("private key"), "{}", done.summary);
    assert!(done.summary.contains("AES-256-CBC"), "{}", done.summary);
    assert!(!done.summary.contains(PASSWORD));

    let bytes = std::fs::read(&path).unwrap();
    let password = Password::new(PASSWORD.into());
    let report = inspect::inspect(&bytes, Some(&password)).unwrap();
    assert_eq!(report.certificates[0].subject, "CN=web.contoso.test");
    assert_eq!(report.private_keys[0].matches_certificate, Some(0));
    let encryption = report.pkcs12.unwrap();
    assert!(
        encryption
            .keys
            .unwrap()
            .starts_with("PBES2 AES-256-CBC (PBKDF2-HMAC-SHA256")
    );
    assert!(encryption.mac.unwrap().starts_with("HMAC-SHA256"));
    assert_eq!(
        inspect::inspect(&bytes, None).unwrap_err(),
        inspect::Error::PasswordRequired
    );
}

#[tokio::test]
async fn as_stored_is_the_services_pfx_without_a_password() {
    let (dir, app, host, vault) = setup(true).await;
    let (path, done) = download(
        &app,
        &host,
        dir.path(),
        "stored.pfx",
        args(vault, DownloadFormat::PfxAsStored, None),
    )
    .await;
    assert!(done.summary.contains("no password"), "{}", done.summary);
    let report = inspect::inspect(&std::fs::read(&path).unwrap(), None).unwrap();
    assert_eq!(report.private_keys.len(), 1);
    assert_eq!(
        report.pkcs12.unwrap().keys.as_deref(),
        Some("pbeWithSHA1And3-KeyTripleDES-CBC (2000 iterations)")
    );
}

#[tokio::test]
async fn pem_with_key_is_encrypted_when_a_password_is_given() {
    let (dir, app, host, vault) = setup(true).await;
    let (path, _) = download(
        &app,
        &host,
        dir.path(),
        "web-key.pem",
        args(vault, DownloadFormat::PemWithKey, Some(PASSWORD)),
    )
    .await;
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"),
        "{text}"
    );
    assert!(text.contains("-----BEGIN CERTIFICATE-----"));
    let password = Password::new(PASSWORD.into());
    let material = inspect::read_material(text.as_bytes(), Some(&password)).unwrap();
    assert!(material.keys[0].matches(&material.certificates[0]));

    let (plain, done) = download(
        &app,
        &host,
        dir.path(),
        "web-plain.pem",
        args(vault, DownloadFormat::PemWithKey, None),
    )
    .await;
    assert!(done.summary.contains("unencrypted"), "{}", done.summary);
    let text = std::fs::read_to_string(&plain).unwrap();
    assert!(text.starts_with("-----BEGIN PRIVATE KEY-----\n"));
}

#[tokio::test]
async fn the_certificate_alone_as_cer_and_pem() {
    let (dir, app, host, vault) = setup(false).await;
    let (cer, _) = download(
        &app,
        &host,
        dir.path(),
        "web.cer",
        args(vault, DownloadFormat::Cer, None),
    )
    .await;
    let der = std::fs::read(&cer).unwrap();
    assert_eq!(der[0], 0x30, "DER");
    let (pem, done) = download(
        &app,
        &host,
        dir.path(),
        "web.pem",
        args(vault, DownloadFormat::Pem, None),
    )
    .await;
    assert_eq!(done.summary, "the certificate");
    let material = inspect::read_material(&std::fs::read(&pem).unwrap(), None).unwrap();
    assert_eq!(material.certificates, [der]);
    assert!(material.keys.is_empty());
}

#[tokio::test]
async fn refusals_come_before_the_dialog() {
    let (dir, app, host, vault) = setup(false).await;
    let path = dir.path().join("never.pfx");
    *host.save_to.lock().unwrap() = Some(path.clone());

    let err = download_certificate(&app, &host, args(vault, DownloadFormat::Pfx, Some("")))
        .await
        .err()
        .unwrap();
    assert_eq!(err.code, Code::InvalidInput);
    assert!(err.hint.unwrap().contains("without a password"));

    let err = download_certificate(
        &app,
        &host,
        args(vault, DownloadFormat::Pfx, Some(PASSWORD)),
    )
    .await
    .err()
    .unwrap();
    assert_eq!(err.code, Code::InvalidInput);
    assert!(err.message.contains("not exportable"), "{}", err.message);
    assert!(!path.exists());
    // The dialog was never asked: the path is still there to take.
    assert!(host.save_to.lock().unwrap().take().is_some());
}

#[tokio::test]
async fn a_cancelled_dialog_writes_nothing() {
    let (_dir, app, host, vault) = setup(true).await;
    let done = download_certificate(&app, &host, args(vault, DownloadFormat::ChainPem, None))
        .await
        .unwrap();
    assert!(done.is_none());
}
