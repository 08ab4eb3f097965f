//! An issuer whose provider is the local CA signs asynchronously; other providers fail cleanly.

mod support;

use azure_security_keyvault_certificates::models::SetIssuerParameters;
use support::{Server, create, fixtures::openssl, policy, rsa, start_create, wait_operation};

async fn set_issuer(server: &Server, name: &str, provider: &str) {
    let client = server.certificates(&server.first_url());
    let params = SetIssuerParameters {
        provider: Some(provider.into()),
        ..Default::default()
    };
    let issuer = client
        .set_issuer(name, params.try_into().unwrap(), None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(issuer.provider.as_deref(), Some(provider));
}

#[tokio::test]
async fn local_ca_issuer_signs_with_the_data_dir_ca() {
    let server = Server::single().await;
    set_issuer(&server, "local-ca", "CertDeckLocalCA").await;
    let client = server.certificates(&server.first_url());
    let cert = create(
        &client,
        "ca-signed",
        policy("local-ca", "ca-signed.test", rsa(2048)),
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("leaf.der"), cert.cer.unwrap()).unwrap();
    std::fs::write(dir.path().join("ca.pem"), &server.ca_pem).unwrap();
    openssl(
        dir.path(),
        &[
            "x509", "-inform", "DER", "-in", "leaf.der", "-out", "leaf.pem",
        ],
    );
    let verified = openssl(dir.path(), &["verify", "-CAfile", "ca.pem", "leaf.pem"]);
    assert!(String::from_utf8_lossy(&verified).contains("OK"));
    assert_eq!(
        cert.policy
            .unwrap()
            .issuer_parameters
            .unwrap()
            .name
            .as_deref(),
        Some("local-ca")
    );
}

#[tokio::test]
async fn other_providers_fail_the_operation() {
    let server = Server::single().await;
    set_issuer(&server, "digi", "DigiCert").await;
    let client = server.certificates(&server.first_url());
    start_create(&client, "no-network", policy("digi", "x", rsa(2048))).await;
    let op = wait_operation(&client, "no-network").await;
    assert_eq!(op.status.as_deref(), Some("failed"));
    let error = op.error.expect("a failed operation explains itself");
    assert!(error.code.is_some() && error.message.is_some());
    // The certificate stays, pending (no CER, disabled), as Key Vault shows a failed create.
    let cert = client
        .get_certificate("no-network", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert!(cert.cer.is_none());
    assert_eq!(cert.attributes.and_then(|a| a.enabled), Some(false));
}
