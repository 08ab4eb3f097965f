//! Import: PFX (AES and legacy 3DES/RC2, with and without password), PEM as raw text or base64,
//! and the errors for wrong passwords and garbage.

mod support;

use azure_security_keyvault_certificates::{
    CertificateClient,
    models::{Certificate, CertificatePolicy, ImportCertificateParameters, SecretProperties},
};
use support::{Server, fixtures::Leaf, fixtures::b64, status_of};

async fn import(
    client: &CertificateClient,
    name: &str,
    value: String,
    password: Option<&str>,
    content_type: Option<&str>,
) -> azure_core::Result<Certificate> {
    let params = ImportCertificateParameters {
        base64_encoded_certificate: Some(value),
        password: password.map(str::to_string),
        certificate_policy: content_type.map(|ct| CertificatePolicy {
            secret_properties: Some(SecretProperties {
                content_type: Some(ct.into()),
            }),
            ..Default::default()
        }),
        ..Default::default()
    };
    client
        .import_certificate(name, params.try_into().unwrap(), None)
        .await?
        .into_model()
}

#[tokio::test]
async fn pfx_variants_import_and_keep_the_certificate() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    let leaf = Leaf::new("imported.test");
    for (name, password, legacy) in [
        ("pfx-aes-pw", "s3cret", false),
        ("pfx-aes-nopw", "", false),
        ("pfx-legacy-pw", "s3cret", true),
        ("pfx-legacy-nopw", "", true),
    ] {
        let pfx = leaf.pfx(password, legacy);
        let pwd = (!password.is_empty()).then_some(password);
        let cert = import(&client, name, b64(&pfx), pwd, None)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            cert.cer.as_deref(),
            Some(leaf.cert_der().as_slice()),
            "{name}"
        );
        let policy = cert.policy.expect("an import gets a policy");
        assert_eq!(
            policy.issuer_parameters.unwrap().name.as_deref(),
            Some("Unknown"),
            "{name}"
        );
        let subject = policy.x509_certificate_properties.unwrap().subject.unwrap();
        assert!(subject.contains("CN=imported.test"), "{name}: {subject}");
        assert_eq!(
            policy.secret_properties.unwrap().content_type.as_deref(),
            Some("application/x-pkcs12")
        );
        let actions = policy.lifetime_actions.unwrap_or_default();
        assert_eq!(actions.len(), 1, "{name}: one EmailContacts action");
        assert_eq!(
            actions[0].trigger.as_ref().unwrap().lifetime_percentage,
            Some(80)
        );
    }
}

#[tokio::test]
async fn pem_imports_as_raw_text_and_as_base64() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    let leaf = Leaf::new("pem.test");
    let pem = leaf.pem_bundle();
    for (name, value) in [("pem-raw", pem.clone()), ("pem-b64", b64(pem.as_bytes()))] {
        let cert = import(&client, name, value, None, Some("application/x-pem-file"))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            cert.cer.as_deref(),
            Some(leaf.cert_der().as_slice()),
            "{name}"
        );
        let ct = cert.policy.unwrap().secret_properties.unwrap().content_type;
        assert_eq!(ct.as_deref(), Some("application/x-pem-file"), "{name}");
    }
}

#[tokio::test]
async fn wrong_password_and_garbage_are_400() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    let leaf = Leaf::new("bad.test");
    let pfx = b64(&leaf.pfx("right", false));
    let err = import(&client, "wrong-pw", pfx.clone(), Some("wrong"), None)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 400);
    let err = import(&client, "no-pw", pfx, None, None).await.unwrap_err();
    assert_eq!(status_of(&err), 400);
    let err = import(&client, "garbage", b64(b"not a certificate"), None, None)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 400);
    let err = import(
        &client,
        "cert-only",
        leaf.cert_pem(),
        None,
        Some("application/x-pem-file"),
    )
    .await
    .unwrap_err();
    assert_eq!(status_of(&err), 400, "PEM without a key is refused");
    // As the service: a PKCS#1 (`RSA PRIVATE KEY`) key is refused, its PKCS#8 form accepted.
    let pkcs1 = support::fixtures::openssl(
        leaf.path("").as_path(),
        &["pkey", "-in", "key.pem", "-traditional"],
    );
    let pkcs1 = String::from_utf8(pkcs1).unwrap();
    assert!(pkcs1.contains("RSA PRIVATE KEY"), "{pkcs1}");
    let err = import(
        &client,
        "pkcs1",
        format!("{pkcs1}{}", leaf.cert_pem()),
        None,
        Some("application/x-pem-file"),
    )
    .await
    .unwrap_err();
    assert_eq!(status_of(&err), 400, "a PKCS#1 PEM key is refused");
    assert!(format!("{err:?}").contains("unexpected format"), "{err:?}");
    let names: Vec<_> = support::collect(client.list_certificate_properties(None).unwrap()).await;
    assert!(names.is_empty(), "failed imports leave nothing behind");
}
