//! Creating certificates through crates/vault, over HTTPS from the local vault: self-signed
//! with progress, by a configured issuer, as a CSR signed here and merged; cancelling and
//! deleting the pending operation; the issuers a policy can name.

mod support;

use std::collections::BTreeMap;

use azure_security_keyvault_certificates::models::SetIssuerParameters;
use errors::Code;
use rcgen::{
    BasicConstraints, CertificateParams, CertificateSigningRequestParams, DnType, IsCa, Issuer,
    KeyPair,
};
use support::{Local, ec_policy, list_all};
use vault::{
    IssuerSummary, OperationOutcome, OperationStatus, SELF_ISSUER, UNKNOWN_ISSUER, VaultConnection,
};
use x509_parser::prelude::FromDer;

async fn set_issuer(vault: &VaultConnection, name: &str, provider: &str) {
    let params = SetIssuerParameters {
        provider: Some(provider.into()),
        ..Default::default()
    };
    vault
        .certificates
        .set_issuer(name, params.try_into().unwrap(), None)
        .await
        .unwrap();
}

fn tags() -> BTreeMap<String, String> {
    BTreeMap::from([("team".to_owned(), "web".to_owned())])
}

#[tokio::test]
async fn a_self_signed_certificate_is_created_with_progress_and_listed() {
    let local = Local::start(&["self"]).await;
    let vault = local.connect("self");
    let created = vault
        .create_certificate("web", &ec_policy(SELF_ISSUER, "web.test"), &tags(), true)
        .await
        .unwrap();
    assert_eq!(created.name, "web");
    assert_eq!(created.status, OperationStatus::InProgress);
    assert_eq!(created.issuer.as_deref(), Some(SELF_ISSUER));
    assert!(
        created
            .csr
            .as_deref()
            .unwrap()
            .starts_with("-----BEGIN CERTIFICATE REQUEST-----\n")
    );
    assert!(!created.awaits_merge());

    let mut seen = vec![created.status.clone()];
    let outcome = vault
        .wait_for_operation("web", |op| seen.push(op.status.clone()))
        .await
        .unwrap();
    // The create answered in progress; the polls may only see the end (20 ms later).
    assert_eq!(seen.last(), Some(&OperationStatus::Completed), "{seen:?}");
    assert!(
        seen[..seen.len() - 1]
            .iter()
            .all(|s| *s == OperationStatus::InProgress),
        "{seen:?}"
    );
    let OperationOutcome::Issued {
        certificate,
        operation,
    } = outcome
    else {
        panic!("{outcome:?}");
    };
    assert_eq!(certificate.name, "web");
    assert!(certificate.enabled && certificate.thumbprint.is_some());
    assert_eq!(certificate.tags, tags());
    assert!(
        operation
            .unwrap()
            .target
            .unwrap()
            .ends_with("/certificates/web")
    );

    let rows = list_all(&vault).await;
    let row = rows.iter().find(|r| r.name == "web").expect("listed");
    assert_eq!(row.thumbprint, certificate.thumbprint);
}

#[tokio::test]
async fn a_csr_is_signed_here_and_merged() {
    let local = Local::start(&["csr"]).await;
    let vault = local.connect("csr");
    let created = vault
        .create_certificate(
            "signed",
            &ec_policy(UNKNOWN_ISSUER, "csr.test"),
            &BTreeMap::new(),
            true,
        )
        .await
        .unwrap();
    assert!(created.awaits_merge(), "{created:?}");
    let outcome = vault.wait_for_operation("signed", |_| {}).await.unwrap();
    let OperationOutcome::AwaitingMerge { operation } = outcome else {
        panic!("{outcome:?}");
    };
    let csr_pem = operation.csr.expect("a CSR to sign");

    let (_, pem) = x509_parser::pem::parse_x509_pem(csr_pem.as_bytes()).unwrap();
    assert_eq!(pem.label, "CERTIFICATE REQUEST");
    let (_, csr) =
        x509_parser::certification_request::X509CertificationRequest::from_der(&pem.contents)
            .unwrap();
    assert_eq!(
        csr.certification_request_info.subject.to_string(),
        "CN=csr.test"
    );

    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "Merge Test CA");
    let ca_cert = ca_params.self_signed(&ca_key).unwrap();
    let ca = Issuer::new(ca_params, ca_key);
    let signed = CertificateSigningRequestParams::from_pem(&csr_pem)
        .unwrap()
        .signed_by(&ca)
        .unwrap();

    let row = vault
        .merge_certificate(
            "signed",
            vec![signed.der().to_vec(), ca_cert.der().to_vec()],
            &tags(),
            None,
        )
        .await
        .unwrap();
    assert_eq!(row.name, "signed");
    assert!(row.enabled);
    assert_eq!(row.tags, tags());

    let details = vault.certificate("signed", None).await.unwrap();
    let cert = details.certificate.expect("the merged certificate");
    assert_eq!(cert.issuer, "CN=Merge Test CA");
    assert_eq!(Some(cert.sha1), row.thumbprint);
    assert_eq!(
        vault.pending_operation("signed").await.unwrap().status,
        OperationStatus::Completed
    );
}

#[tokio::test]
async fn a_merge_of_a_foreign_certificate_is_refused() {
    let local = Local::start(&["foreign"]).await;
    let vault = local.connect("foreign");
    vault
        .create_certificate(
            "pending",
            &ec_policy(UNKNOWN_ISSUER, "p.test"),
            &BTreeMap::new(),
            true,
        )
        .await
        .unwrap();
    let stranger = rcgen::generate_simple_self_signed(vec!["stranger.test".to_owned()]).unwrap();
    let err = vault
        .merge_certificate(
            "pending",
            vec![stranger.cert.der().to_vec()],
            &BTreeMap::new(),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::InvalidInput, "{err:?}");
    assert!(
        vault
            .pending_operation("pending")
            .await
            .unwrap()
            .awaits_merge()
    );

    let err = vault
        .merge_certificate("pending", Vec::new(), &BTreeMap::new(), None)
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::InvalidInput);
}

/// Only what today's local vault and Key Vault share: the cancel is flagged, and waiting ends
/// cancelled. (Key Vault keeps the operation `inProgress` and the certificate's pending
/// version; the local vault, for now, ends it `cancelled` and drops the pending version.)
#[tokio::test]
async fn a_cancelled_create_is_flagged_and_waiting_ends() {
    let local = Local::start(&["cancel"]).await;
    let vault = local.connect("cancel");
    vault
        .create_certificate(
            "stop",
            &ec_policy(UNKNOWN_ISSUER, "stop.test"),
            &BTreeMap::new(),
            true,
        )
        .await
        .unwrap();
    let cancelled = vault.cancel_operation("stop").await.unwrap();
    assert!(cancelled.cancellation_requested, "{cancelled:?}");
    assert!(!cancelled.awaits_merge());
    let read = vault.pending_operation("stop").await.unwrap();
    assert!(read.cancellation_requested, "{read:?}");
    assert!(
        matches!(
            read.status,
            OperationStatus::InProgress | OperationStatus::Cancelled
        ),
        "{read:?}"
    );
    let outcome = vault.wait_for_operation("stop", |_| {}).await.unwrap();
    let OperationOutcome::Cancelled { operation } = outcome else {
        panic!("{outcome:?}");
    };
    assert!(operation.cancellation_requested);
}

/// Deleting the operation: it is gone (404), and no issued certificate comes of it. Whether
/// the certificate itself stays (disabled, without a certificate, as in Key Vault) or goes
/// (the local vault for now) is accepted both ways.
#[tokio::test]
async fn a_deleted_operation_is_gone_and_issued_nothing() {
    let local = Local::start(&["delete"]).await;
    let vault = local.connect("delete");
    vault
        .create_certificate(
            "drop",
            &ec_policy(UNKNOWN_ISSUER, "drop.test"),
            &BTreeMap::new(),
            true,
        )
        .await
        .unwrap();
    vault.cancel_operation("drop").await.unwrap();
    let deleted = vault.delete_operation("drop").await.unwrap();
    assert_eq!(deleted.name, "drop");
    assert!(deleted.cancellation_requested);

    let err = vault.pending_operation("drop").await.unwrap_err();
    assert_eq!(err.code, Code::NotFound, "{err:?}");
    let err = vault.delete_operation("drop").await.unwrap_err();
    assert_eq!(err.code, Code::NotFound, "{err:?}");

    let outcome = vault.wait_for_operation("drop", |_| {}).await.unwrap();
    let OperationOutcome::OperationDeleted { certificate } = outcome else {
        panic!("{outcome:?}");
    };
    if let Some(row) = certificate {
        assert!(!row.enabled && row.thumbprint.is_none(), "{row:?}");
    }
    assert!(
        list_all(&vault)
            .await
            .iter()
            .filter(|row| row.name == "drop")
            .all(|row| row.thumbprint.is_none())
    );
}

#[tokio::test]
async fn configured_issuers_are_listed_and_sign() {
    let local = Local::start(&["issuers"]).await;
    let vault = local.connect("issuers");
    assert_eq!(vault.issuers().await.unwrap(), []);
    set_issuer(&vault, "local-ca", "CertDeckLocalCA").await;
    set_issuer(&vault, "digi", "DigiCert").await;
    let mut issuers = vault.issuers().await.unwrap();
    issuers.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(
        issuers,
        [
            IssuerSummary {
                name: "digi".into(),
                provider: Some("DigiCert".into())
            },
            IssuerSummary {
                name: "local-ca".into(),
                provider: Some("CertDeckLocalCA".into())
            },
        ]
    );

    vault
        .create_certificate(
            "by-ca",
            &ec_policy("local-ca", "ca.test"),
            &BTreeMap::new(),
            true,
        )
        .await
        .unwrap();
    let outcome = vault.wait_for_operation("by-ca", |_| {}).await.unwrap();
    assert!(
        matches!(outcome, OperationOutcome::Issued { .. }),
        "{outcome:?}"
    );
    let cert = vault
        .certificate("by-ca", None)
        .await
        .unwrap()
        .certificate
        .unwrap();
    assert!(!cert.self_signed, "signed by the local CA: {}", cert.issuer);

    // A provider the local vault cannot reach fails the operation, with the service's error.
    vault
        .create_certificate(
            "by-digi",
            &ec_policy("digi", "d.test"),
            &BTreeMap::new(),
            true,
        )
        .await
        .unwrap();
    let outcome = vault.wait_for_operation("by-digi", |_| {}).await.unwrap();
    let OperationOutcome::Failed { operation } = outcome else {
        panic!("{outcome:?}");
    };
    assert!(operation.error.is_some(), "{operation:?}");
}

#[tokio::test]
async fn bad_names_and_tags_are_refused_before_sending() {
    let local = Local::start(&["names"]).await;
    let vault = local.connect("names");
    let policy = ec_policy(SELF_ISSUER, "n.test");
    let err = vault
        .create_certificate("web_01", &policy, &BTreeMap::new(), true)
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::InvalidInput);
    let many = (0..16).map(|i| (format!("t{i}"), "v".to_owned())).collect();
    let err = vault
        .create_certificate("web", &policy, &many, true)
        .await
        .unwrap_err();
    assert!(err.message.contains("15 tags"), "{}", err.message);
    assert!(list_all(&vault).await.is_empty());
}
