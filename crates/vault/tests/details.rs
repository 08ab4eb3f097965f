//! A certificate's details and versions through crates/vault, over HTTPS from the local vault.

mod support;

use azure_security_keyvault_certificates::models::{
    CertificatePolicy, CreateCertificateParameters, IssuerParameters, KeyProperties, KeyType,
    SubjectAlternativeNames, X509CertificateProperties,
};
use errors::Code;
use support::Local;
use vault::{CertificateStatus, VaultConnection};

async fn create_web(vault: &VaultConnection) {
    let body = CreateCertificateParameters {
        certificate_policy: Some(CertificatePolicy {
            x509_certificate_properties: Some(X509CertificateProperties {
                subject: Some("CN=www.contoso.test".into()),
                subject_alternative_names: Some(SubjectAlternativeNames {
                    dns_names: Some(vec!["www.contoso.test".into(), "api.contoso.test".into()]),
                    ..Default::default()
                }),
                validity_in_months: Some(6),
                ..Default::default()
            }),
            issuer_parameters: Some(IssuerParameters {
                name: Some("Self".into()),
                ..Default::default()
            }),
            key_properties: Some(KeyProperties {
                key_type: Some(KeyType::Rsa),
                key_size: Some(2048),
                exportable: Some(true),
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    };
    vault
        .certificates
        .begin_create_certificate("web", body.try_into().unwrap(), None)
        .unwrap()
        .await
        .unwrap();
}

#[tokio::test]
async fn details_parse_the_certificate_and_summarise_the_policy() {
    let local = Local::start(&["details"]).await;
    let vault = local.connect("details");
    create_web(&vault).await;

    let details = vault.certificate("web", None).await.unwrap();
    let cert = details
        .certificate
        .expect("issued certificates carry their cer");
    assert_eq!(cert.subject, "CN=www.contoso.test");
    assert_eq!(cert.san.dns, ["www.contoso.test", "api.contoso.test"]);
    assert_eq!(cert.key.key_type, "RSA");
    assert_eq!(cert.key.bits, Some(2048));
    assert_eq!(
        Some(cert.sha1.as_str()),
        details.summary.thumbprint.as_deref()
    );
    assert_eq!(details.summary.status, CertificateStatus::Healthy);
    assert!(details.summary.version.is_some());

    let policy = details
        .policy
        .expect("the latest version carries the policy");
    assert_eq!(policy.issuer.as_deref(), Some("Self"));
    assert_eq!(policy.key_type.as_deref(), Some("RSA"));
    assert_eq!(policy.validity_months, Some(6));
    assert_eq!(policy.exportable, Some(true));
    assert!(
        policy
            .lifetime_actions
            .iter()
            .any(|a| a.starts_with("AutoRenew") || a.starts_with("EmailContacts")),
        "{:?}",
        policy.lifetime_actions
    );
}

#[tokio::test]
async fn versions_list_every_version_and_each_opens() {
    let local = Local::start(&["versions"]).await;
    let vault = local.connect("versions");
    create_web(&vault).await;
    create_web(&vault).await;

    let pages: Vec<_> =
        futures::TryStreamExt::try_collect::<Vec<_>>(vault::list_versions(&vault, "web"))
            .await
            .unwrap();
    let versions: Vec<_> = pages.into_iter().flatten().collect();
    assert_eq!(versions.len(), 2);
    let mut thumbprints = Vec::new();
    for listed in &versions {
        let version = listed
            .version
            .as_deref()
            .expect("versions carry their version");
        let details = vault.certificate("web", Some(version)).await.unwrap();
        assert_eq!(details.summary.version.as_deref(), Some(version));
        thumbprints.push(details.certificate.unwrap().sha1);
    }
    assert_ne!(
        thumbprints[0], thumbprints[1],
        "each version is its own certificate"
    );
}

#[tokio::test]
async fn a_missing_certificate_is_not_found_with_a_hint() {
    let local = Local::start(&["empty"]).await;
    let err = local
        .connect("empty")
        .certificate("nope", None)
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::NotFound, "{err:?}");
    assert!(err.hint.is_some());
}
