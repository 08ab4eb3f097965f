//! Backup into an opaque blob and restore into another vault; altered blobs are refused.

mod support;

use azure_security_keyvault_certificates::CertificateClient;
use azure_security_keyvault_certificates::models::{Certificate, RestoreCertificateParameters};
use support::{Server, collect, create, self_policy, status_of};

async fn backup_of(client: &CertificateClient, name: &str) -> Vec<u8> {
    let backup = client.backup_certificate(name, None).await.unwrap();
    backup.into_model().unwrap().value.unwrap()
}

async fn restore(client: &CertificateClient, blob: Vec<u8>) -> azure_core::Result<Certificate> {
    let params = RestoreCertificateParameters {
        certificate_backup: Some(blob),
    };
    let restored = client.restore_certificate(params.try_into()?, None).await?;
    restored.into_model()
}

#[tokio::test]
async fn backup_restores_into_another_vault() {
    let server = Server::start(&["source", "target"]).await;
    let source = server.certificates(&server.url("source"));
    let target = server.certificates(&server.url("target"));
    let v1 = create(&source, "travels", self_policy("travels")).await;
    let v2 = create(&source, "travels", self_policy("travels")).await;
    let blob = backup_of(&source, "travels").await;
    assert!(blob.len() > 100);

    let restored = restore(&target, blob.clone()).await.unwrap();
    assert_eq!(restored.cer, v2.cer);
    assert!(
        restored
            .id
            .unwrap()
            .starts_with(server.url("target").trim_end_matches('/'))
    );
    let versions = collect(
        target
            .list_certificate_properties_versions("travels", None)
            .unwrap(),
    )
    .await;
    assert_eq!(versions.len(), 2, "all versions travel");
    assert!(
        versions
            .iter()
            .any(|v| v.x509_thumbprint == v1.x509_thumbprint)
    );

    let err = restore(&target, blob.clone()).await.unwrap_err();
    assert_eq!(
        status_of(&err),
        409,
        "restoring over an existing name conflicts"
    );
    let message = err.to_string();
    assert!(
        message.contains("Conflict while restoring certificate https://")
            && message.contains("/certificates/travels/"),
        "the service's conflict message, naming the certificate: {message}"
    );

    let mut altered = blob;
    let middle = altered.len() / 2;
    altered[middle] ^= 0x55;
    let err = restore(&source, altered).await.unwrap_err();
    assert_eq!(status_of(&err), 400, "an altered blob is refused");
}

#[tokio::test]
async fn another_servers_backup_cannot_be_decrypted_and_garbage_is_malformed() {
    let here = Server::start(&["here"]).await;
    let elsewhere = Server::start(&["elsewhere"]).await;
    let source = here.certificates(&here.url("here"));
    create(&source, "roams", self_policy("roams")).await;
    let blob = backup_of(&source, "roams").await;

    let foreign = elsewhere.certificates(&elsewhere.url("elsewhere"));
    let err = restore(&foreign, blob).await.unwrap_err();
    assert_eq!(status_of(&err), 400);
    assert!(
        err.to_string().contains("Cannot decrypt backup blob"),
        "{err}"
    );

    let err = restore(&foreign, vec![0u8; 64]).await.unwrap_err();
    assert_eq!(status_of(&err), 400);
    assert!(
        err.to_string()
            .contains("Backup blob contains invalid or corrupt version."),
        "{err}"
    );
}
