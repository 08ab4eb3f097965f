//! Downloads through Microsoft's secrets and keys clients: PFX with the NULL empty password, PEM,
//! non-exportable keys without a private key, and the public JWK.

mod support;

use azure_security_keyvault_certificates::models::{CurveName, SecretProperties};
use azure_security_keyvault_keys::models::{
    CurveName as JwkCurve, KeyClientGetKeyOptions, KeyType,
};
use azure_security_keyvault_secrets::models::SecretClientGetSecretOptions;
use support::{
    Server, create, ec, fixtures::openssl, fixtures::openssl_ok, fixtures::unb64,
    fixtures::with_cert, id_version, policy, rsa,
};
use x509_parser::public_key::PublicKey;

async fn secret_of(server: &Server, name: &str, version: &str) -> (Option<String>, String) {
    let secrets = server.secrets(&server.first_url());
    let options = SecretClientGetSecretOptions {
        secret_version: Some(version.into()),
        ..Default::default()
    };
    let secret = secrets
        .get_secret(name, Some(options))
        .await
        .unwrap()
        .into_model()
        .unwrap();
    (secret.content_type, secret.value.expect("secret value"))
}

#[tokio::test]
async fn pfx_secret_opens_with_the_null_password_and_holds_the_key() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    let cert = create(&client, "pfx-down", policy("Self", "pfx-down", rsa(2048))).await;
    let (content_type, value) = secret_of(
        &server,
        "pfx-down",
        &id_version(cert.sid.as_deref().unwrap()),
    )
    .await;
    assert_eq!(content_type.as_deref(), Some("application/x-pkcs12"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("down.pfx"), unb64(&value)).unwrap();
    let text = String::from_utf8(openssl(
        dir.path(),
        &["pkcs12", "-in", "down.pfx", "-passin", "pass:", "-nodes"],
    ))
    .unwrap();
    assert!(
        text.contains("PRIVATE KEY"),
        "the exportable key is in the PFX"
    );
    assert!(text.contains("BEGIN CERTIFICATE"));
}

#[tokio::test]
async fn pem_secret_has_pkcs8_key_then_certificate() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    let mut p = policy("Self", "pem-down", ec(CurveName::P256));
    p.secret_properties = Some(SecretProperties {
        content_type: Some("application/x-pem-file".into()),
    });
    let cert = create(&client, "pem-down", p).await;
    let (content_type, value) = secret_of(
        &server,
        "pem-down",
        &id_version(cert.sid.as_deref().unwrap()),
    )
    .await;
    assert_eq!(content_type.as_deref(), Some("application/x-pem-file"));
    let key_at = value
        .find("-----BEGIN PRIVATE KEY-----")
        .expect("unencrypted PKCS#8 key");
    let cert_at = value
        .find("-----BEGIN CERTIFICATE-----")
        .expect("certificate");
    assert!(key_at < cert_at, "key first, then the chain");
}

#[tokio::test]
async fn non_exportable_key_secret_has_no_private_key() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    let mut key = rsa(2048);
    key.exportable = Some(false);
    let cert = create(&client, "locked", policy("Self", "locked", key)).await;
    let (_, value) = secret_of(&server, "locked", &id_version(cert.sid.as_deref().unwrap())).await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("locked.pfx"), unb64(&value)).unwrap();
    let has_key = openssl_ok(
        dir.path(),
        &[
            "pkcs12",
            "-in",
            "locked.pfx",
            "-passin",
            "pass:",
            "-nocerts",
            "-nodes",
            "-out",
            "key.pem",
        ],
    ) && std::fs::read_to_string(dir.path().join("key.pem"))
        .unwrap_or_default()
        .contains("PRIVATE KEY");
    assert!(!has_key, "a non-exportable key never leaves the vault");
}

#[tokio::test]
async fn keys_client_returns_the_public_jwk() {
    let server = Server::single().await;
    let url = server.first_url();
    let client = server.certificates(&url);
    let keys = server.keys(&url);

    let cert = create(&client, "jwk-rsa", policy("Self", "jwk-rsa", rsa(2048))).await;
    let options = KeyClientGetKeyOptions {
        key_version: Some(id_version(cert.kid.as_deref().unwrap())),
        ..Default::default()
    };
    let key = keys
        .get_key("jwk-rsa", Some(options))
        .await
        .unwrap()
        .into_model()
        .unwrap()
        .key
        .unwrap();
    assert_eq!(key.kty, Some(KeyType::Rsa));
    assert!(key.d.is_none(), "no private part in a JWK read");
    let modulus = with_cert(cert.cer.as_deref().unwrap(), |c| {
        match c.public_key().parsed() {
            Ok(PublicKey::RSA(k)) => k
                .modulus
                .iter()
                .skip_while(|b| **b == 0)
                .copied()
                .collect::<Vec<u8>>(),
            other => panic!("{other:?}"),
        }
    });
    assert_eq!(key.n.unwrap(), modulus);
    assert_eq!(key.kid.as_deref(), cert.kid.as_deref());

    create(
        &client,
        "jwk-ec",
        policy("Self", "jwk-ec", ec(CurveName::P384)),
    )
    .await;
    let key = keys
        .get_key("jwk-ec", None)
        .await
        .unwrap()
        .into_model()
        .unwrap()
        .key
        .unwrap();
    assert_eq!(key.kty, Some(KeyType::Ec));
    assert_eq!(key.crv, Some(JwkCurve::P384));
    assert_eq!(key.x.unwrap().len(), 48);
}
