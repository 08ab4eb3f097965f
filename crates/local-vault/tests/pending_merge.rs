//! Issuer `Unknown`: pending operation with a CSR, merge of a signed certificate, mismatched
//! merge, cancellation and deletion of the operation.

mod support;

use azure_security_keyvault_certificates::models::{
    MergeCertificateParameters, UpdateCertificateOperationParameter,
};
use support::{Server, fixtures::Leaf, fixtures::openssl, policy, rsa, start_create, status_of};

fn pem_to_der(leaf: &Leaf, pem: &str) -> Vec<u8> {
    std::fs::write(leaf.path("issued.pem"), pem).unwrap();
    openssl(
        leaf.dir.path(),
        &["x509", "-in", "issued.pem", "-outform", "DER"],
    )
}

#[tokio::test]
async fn unknown_issuer_gives_csr_and_merge_completes() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    let op = start_create(
        &client,
        "to-merge",
        policy("Unknown", "to-merge", rsa(2048)),
    )
    .await;
    assert_eq!(op.status.as_deref(), Some("inProgress"));
    assert_eq!(
        op.status_details.as_deref(),
        Some("Pending certificate created. Please Perform Merge to complete the request.")
    );
    assert!(
        op.id
            .as_deref()
            .unwrap()
            .ends_with("/certificates/to-merge/pending")
    );
    let csr = op.csr.expect("a CSR");

    // Stays pending (and the certificate disabled) until merged.
    let again = client
        .get_certificate_operation("to-merge", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(again.status.as_deref(), Some("inProgress"));
    let pending = client
        .get_certificate("to-merge", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(pending.attributes.unwrap().enabled, Some(false));

    let ca = Leaf::new("Merge Test CA");
    let issued = pem_to_der(&ca, &ca.sign_csr(&csr));
    let params = MergeCertificateParameters {
        x509_certificates: Some(vec![issued.clone(), ca.cert_der()]),
        ..Default::default()
    };
    let response = client
        .merge_certificate("to-merge", params.try_into().unwrap(), None)
        .await
        .unwrap();
    assert_eq!(u16::from(response.status()), 201);
    let merged = response.into_model().unwrap();
    assert_eq!(merged.cer.as_deref(), Some(issued.as_slice()));
    assert_eq!(merged.attributes.unwrap().enabled, Some(true));

    let op = client
        .get_certificate_operation("to-merge", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(op.status.as_deref(), Some("completed"));
    assert!(op.target.unwrap().ends_with("/certificates/to-merge"));
}

#[tokio::test]
async fn merge_with_another_key_fails() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    start_create(
        &client,
        "mismatch",
        policy("Unknown", "mismatch", rsa(2048)),
    )
    .await;
    let stranger = Leaf::new("Stranger");
    let params = MergeCertificateParameters {
        x509_certificates: Some(vec![stranger.cert_der()]),
        ..Default::default()
    };
    let err = client
        .merge_certificate("mismatch", params.try_into().unwrap(), None)
        .await
        .expect_err("a certificate for another key cannot be merged");
    assert_eq!(status_of(&err), 400);
    let op = client
        .get_certificate_operation("mismatch", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(
        op.status.as_deref(),
        Some("inProgress"),
        "a failed merge leaves the operation pending"
    );
}

#[tokio::test]
async fn pending_operation_can_be_cancelled_and_deleted() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    start_create(
        &client,
        "cancel-me",
        policy("Unknown", "cancel-me", rsa(2048)),
    )
    .await;
    let cancel = UpdateCertificateOperationParameter {
        cancellation_requested: Some(true),
    };
    let op = client
        .update_certificate_operation("cancel-me", cancel.try_into().unwrap(), None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(op.cancellation_requested, Some(true));

    let deleted = client
        .delete_certificate_operation("cancel-me", None)
        .await
        .unwrap();
    assert_eq!(u16::from(deleted.status()), 200);
    let err = client
        .get_certificate_operation("cancel-me", None)
        .await
        .expect_err("operation gone");
    assert_eq!(status_of(&err), 404);
}
