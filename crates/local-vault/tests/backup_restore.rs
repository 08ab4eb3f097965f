//! Backup into an opaque blob and restore into another vault; altered blobs are refused.

mod support;

use azure_security_keyvault_certificates::models::RestoreCertificateParameters;
use support::{Server, collect, create, self_policy, status_of};

#[tokio::test]
async fn backup_restores_into_another_vault() {
    let server = Server::start(&["source", "target"]).await;
    let source = server.certificates(&server.url("source"));
    let target = server.certificates(&server.url("target"));
    let v1 = create(&source, "travels", self_policy("travels")).await;
    let v2 = create(&source, "travels", self_policy("travels")).await;
    let blob = source
        .backup_certificate("travels", None)
        .await
        .unwrap()
        .into_model()
        .unwrap()
        .value
        .unwrap();
    assert!(blob.len() > 100);

    let params = RestoreCertificateParameters {
        certificate_backup: Some(blob.clone()),
    };
    let restored = target
        .restore_certificate(params.try_into().unwrap(), None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
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

    let again = RestoreCertificateParameters {
        certificate_backup: Some(blob.clone()),
    };
    let err = target
        .restore_certificate(again.try_into().unwrap(), None)
        .await
        .unwrap_err();
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
    let params = RestoreCertificateParameters {
        certificate_backup: Some(altered),
    };
    let err = source
        .restore_certificate(params.try_into().unwrap(), None)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 400, "an altered blob is refused");
}

#[tokio::test]
async fn another_servers_backup_cannot_be_decrypted_and_garbage_is_malformed() {
    let here = Server::start(&["here"]).await;
    let elsewhere = Server::start(&["elsewhere"]).await;
    let source = here.certificates(&here.url("here"));
    create(&source, "roams", self_policy("roams")).await;
    let blob = source
        .backup_certificate("roams", None)
        .await
        .unwrap()
        .into_model()
        .unwrap()
        .value
        .unwrap();

    let foreign = elsewhere.certificates(&elsewhere.url("elsewhere"));
    let params = RestoreCertificateParameters {
        certificate_backup: Some(blob),
    };
    let err = foreign
        .restore_certificate(params.try_into().unwrap(), None)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 400);
    assert!(
        err.to_string().contains("Cannot decrypt backup blob"),
        "{err}"
    );

    let params = RestoreCertificateParameters {
        certificate_backup: Some(vec![0u8; 64]),
    };
    let err = foreign
        .restore_certificate(params.try_into().unwrap(), None)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 400);
    assert!(
        err.to_string()
            .contains("Backup blob contains invalid or corrupt version."),
        "{err}"
    );
}
