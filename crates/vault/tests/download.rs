//! A certificate's secret through crates/vault, over HTTPS from the local vault: the PFX as Key
//! Vault stores it (NULL password, 3DES, SHA-1 MAC) read back with the key, PEM secrets, a
//! non-exportable key explained, and a caller without the secret `get` permission told so.

mod support;

use std::process::Command;

use azure_security_keyvault_certificates::models::{
    CertificatePolicy, CreateCertificateParameters, SecretProperties,
};
use errors::Code;
use support::{Local, self_signed_ec};
use vault::{VaultConnection, read_certificate_secret};

/// Creates a self-signed EC certificate `name` and returns its version.
async fn create(
    vault: &VaultConnection,
    name: &str,
    exportable: bool,
    content_type: &str,
) -> String {
    let body = CreateCertificateParameters {
        certificate_policy: Some(CertificatePolicy {
            secret_properties: Some(SecretProperties {
                content_type: Some(content_type.into()),
            }),
            ..self_signed_ec(&format!("CN={name}.test"), exportable)
        }),
        ..Default::default()
    };
    let certificate = vault
        .certificates
        .begin_create_certificate(name, body.try_into().unwrap(), None)
        .unwrap()
        .await
        .unwrap()
        .into_model()
        .unwrap();
    let id = certificate.id.unwrap();
    id.rsplit('/').next().unwrap().to_owned()
}

#[tokio::test]
async fn the_pfx_secret_is_the_service_form_and_opens_without_a_password() {
    let local = Local::start(&["down"]).await;
    let vault = local.connect("down");
    let version = create(&vault, "web", true, "application/x-pkcs12").await;

    let secret = read_certificate_secret(&vault, "web", Some(&version))
        .await
        .unwrap();
    assert!(secret.pkcs12);
    let key = secret.key().unwrap();
    assert_eq!(key.info().key_type, "EC");
    assert!(key.matches(&secret.material.certificates[0]));

    let report = inspect::inspect(&secret.stored, None).unwrap();
    let encryption = report.pkcs12.unwrap();
    assert_eq!(
        encryption.keys.as_deref(),
        Some("pbeWithSHA1And3-KeyTripleDES-CBC (2000 iterations)")
    );
    assert_eq!(
        encryption.certificates.as_deref(),
        Some("pbeWithSHA1And3-KeyTripleDES-CBC (2000 iterations)")
    );
    assert_eq!(
        encryption.mac.as_deref(),
        Some("HMAC-SHA1 (2000 iterations)")
    );

    // OpenSSL reads the same bytes with an empty password (it tries the NULL one too).
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("web.pfx");
    std::fs::write(&file, &*secret.stored).unwrap();
    let out = Command::new("openssl")
        .args(["pkcs12", "-in"])
        .arg(&file)
        .args(["-passin", "pass:", "-nodes"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("BEGIN PRIVATE KEY"));

    // The latest version is the default.
    let latest = read_certificate_secret(&vault, "web", None).await.unwrap();
    assert_eq!(latest.material.certificates, secret.material.certificates);
}

#[tokio::test]
async fn a_pem_secret_holds_the_key_then_the_chain() {
    let local = Local::start(&["pem"]).await;
    let vault = local.connect("pem");
    create(&vault, "api", true, "application/x-pem-file").await;

    let secret = read_certificate_secret(&vault, "api", None).await.unwrap();
    assert!(!secret.pkcs12);
    assert!(secret.stored.starts_with(b"-----BEGIN PRIVATE KEY-----"));
    assert!(secret.key().is_ok());
    assert_eq!(secret.material.certificates.len(), 1);
}

#[tokio::test]
async fn a_non_exportable_key_is_explained() {
    let local = Local::start(&["locked"]).await;
    let vault = local.connect("locked");
    create(&vault, "hsm-like", false, "application/x-pkcs12").await;

    let secret = read_certificate_secret(&vault, "hsm-like", None)
        .await
        .unwrap();
    assert_eq!(
        secret.material.certificates.len(),
        1,
        "the certificate still comes"
    );
    let err = secret.key().unwrap_err();
    assert_eq!(err.code, Code::InvalidInput);
    assert!(
        err.message.contains("hsm-like is not exportable"),
        "{}",
        err.message
    );
    assert!(err.hint.unwrap().contains("exportable key"));
}

#[tokio::test]
async fn a_missing_certificate_is_not_found() {
    let local = Local::start(&["empty"]).await;
    let vault = local.connect("empty");
    let err = read_certificate_secret(&vault, "nothing", None)
        .await
        .err()
        .unwrap();
    assert_eq!(err.code, Code::NotFound);
}

#[tokio::test]
async fn without_the_secret_get_permission_the_403_names_it() {
    let local = Local::start(&["guarded"]).await;
    let vault = local.connect("guarded");
    create(&vault, "web", true, "application/x-pkcs12").await;
    assert!(local.server.deny_secret_get("guarded", true).await.unwrap());

    let err = read_certificate_secret(&vault, "web", None)
        .await
        .err()
        .unwrap();
    assert_eq!(err.code, Code::Forbidden, "{err:?}");
    assert!(
        err.message.contains("does not have secrets get permission"),
        "{}",
        err.message
    );
    let hint = err.hint.unwrap();
    assert!(hint.contains(r#"secret permission "get""#), "{hint}");
    assert!(hint.contains("Key Vault Secrets User"), "{hint}");
    assert!(hint.contains("guarded"), "{hint}");
    // The certificate alone needs only the certificates permission.
    assert!(
        vault::read_certificate_der(&vault, "web", None)
            .await
            .is_ok()
    );

    local
        .server
        .deny_secret_get("guarded", false)
        .await
        .unwrap();
    assert!(read_certificate_secret(&vault, "web", None).await.is_ok());
}
