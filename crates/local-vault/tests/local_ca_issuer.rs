//! An issuer whose provider is the local CA signs asynchronously; other providers fail cleanly.
//! The issuing CA is not the TLS trust anchor: what it signs never verifies against `ca.pem`.

mod support;

use std::sync::Arc;

use azure_security_keyvault_certificates::models::{
    KeyUsageType, SetIssuerParameters, SubjectAlternativeNames,
};
use support::{Server, create, fixtures::openssl, policy, rsa, start_create, wait_operation};
use tokio_rustls::rustls::client::WebPkiServerVerifier;
use tokio_rustls::rustls::client::danger::ServerCertVerifier;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use tokio_rustls::rustls::{RootCertStore, crypto};

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
    // The issuing CA (its certificate is the chain's next one), not the TLS CA.
    std::fs::copy(
        server.vault.ca_file().with_file_name("issuing-ca.pem"),
        dir.path().join("ca.pem"),
    )
    .unwrap();
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

#[tokio::test]
async fn what_the_local_ca_issues_is_a_leaf_that_tls_clients_of_the_vault_refuse() {
    let server = Server::single().await;
    set_issuer(&server, "local-ca", "CertDeckLocalCA").await;
    let client = server.certificates(&server.first_url());
    let host = "login.microsoftonline.com";
    let mut asked = policy("local-ca", host, rsa(2048));
    let x509 = asked.x509_certificate_properties.as_mut().unwrap();
    x509.subject_alternative_names = Some(SubjectAlternativeNames {
        dns_names: Some(vec![host.into()]),
        ..Default::default()
    });
    // A policy listing keyCertSign without asking for a CA still gets a leaf.
    x509.key_usage = Some(vec![
        KeyUsageType::DigitalSignature,
        KeyUsageType::KeyEncipherment,
        KeyUsageType::KeyCertSign,
    ]);
    let cert = create(&client, "impostor", asked).await;
    let leaf = cert.cer.expect("issued");

    let (_, parsed) = x509_parser::parse_x509_certificate(&leaf).unwrap();
    let basic = parsed.basic_constraints().unwrap();
    assert!(basic.is_none_or(|b| !b.value.ca), "CA:false");
    let usage = parsed.key_usage().unwrap().expect("key usage").value;
    assert!(usage.digital_signature() && !usage.key_cert_sign() && !usage.crl_sign());

    let mut roots = RootCertStore::empty();
    for ca in CertificateDer::pem_slice_iter(&server.ca_pem) {
        roots.add(ca.unwrap()).unwrap();
    }
    let verifier = WebPkiServerVerifier::builder_with_provider(
        Arc::new(roots),
        Arc::new(crypto::aws_lc_rs::default_provider()),
    )
    .build()
    .unwrap();
    let issuing = std::fs::read(server.vault.ca_file().with_file_name("issuing-ca.pem")).unwrap();
    let intermediates: Vec<CertificateDer> = CertificateDer::pem_slice_iter(&issuing)
        .map(Result::unwrap)
        .collect();
    let refused = verifier.verify_server_cert(
        &CertificateDer::from(leaf),
        &intermediates,
        &ServerName::try_from(host).unwrap(),
        &[],
        UnixTime::now(),
    );
    assert!(refused.is_err(), "verified against ca.pem: {refused:?}");
}
