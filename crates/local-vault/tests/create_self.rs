//! Self-signed creation through the Rust SDK: key types and sizes, and the policy's X.509 fields.

mod support;

use azure_security_keyvault_certificates::models::{
    CurveName, KeyUsageType, SubjectAlternativeNames,
};
use support::{Server, create, ec, fixtures::with_cert, id_name, policy, rsa, status_of};
use x509_parser::extensions::GeneralName;
use x509_parser::public_key::PublicKey;

#[tokio::test]
async fn rsa_sizes_are_honoured() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    for size in [2048, 3072, 4096] {
        let name = format!("rsa-{size}");
        let cert = create(&client, &name, policy("Self", &name, rsa(size))).await;
        assert_eq!(id_name(cert.id.as_deref().unwrap()), name);
        let bits = with_cert(cert.cer.as_deref().unwrap(), |c| {
            match c.public_key().parsed() {
                Ok(PublicKey::RSA(key)) => key.key_size(),
                other => panic!("expected an RSA key, got {other:?}"),
            }
        });
        assert_eq!(bits, size as usize, "{name}");
        let key = cert.policy.unwrap().key_properties.unwrap();
        assert_eq!(key.key_size, Some(size));
    }
}

#[tokio::test]
async fn ec_curves_are_honoured() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    for (curve, oid) in [
        (CurveName::P256, "1.2.840.10045.3.1.7"),
        (CurveName::P384, "1.3.132.0.34"),
        (CurveName::P521, "1.3.132.0.35"),
    ] {
        let name = format!("ec-{}", oid.replace('.', ""));
        let cert = create(&client, &name, policy("Self", &name, ec(curve.clone()))).await;
        let params = with_cert(cert.cer.as_deref().unwrap(), |c| {
            c.public_key()
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string())
        });
        assert_eq!(params.as_deref(), Some(oid));
        assert_eq!(
            cert.policy.unwrap().key_properties.unwrap().curve,
            Some(curve)
        );
    }
}

#[tokio::test]
async fn p256k_is_created_or_refused_with_400() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    let body = azure_security_keyvault_certificates::models::CreateCertificateParameters {
        certificate_policy: Some(policy("Self", "k", ec(CurveName::P256K))),
        ..Default::default()
    };
    match client
        .begin_create_certificate("ec-p256k", body.try_into().unwrap(), None)
        .unwrap()
        .await
    {
        Ok(cert) => {
            let cert = cert.into_model().unwrap();
            assert_eq!(
                cert.policy.unwrap().key_properties.unwrap().curve,
                Some(CurveName::P256K)
            );
        }
        Err(e) => assert_eq!(status_of(&e), 400, "{e}"),
    }
}

#[tokio::test]
async fn subject_sans_usages_and_validity_are_honoured() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    let mut p = policy("Self", "web.example.test", rsa(2048));
    let x509 = p.x509_certificate_properties.as_mut().unwrap();
    x509.subject = Some("CN=web.example.test, O=CertDeck".into());
    x509.validity_in_months = Some(3);
    x509.key_usage = Some(vec![KeyUsageType::DigitalSignature]);
    x509.enhanced_key_usage = Some(vec!["1.3.6.1.5.5.7.3.1".into()]);
    x509.subject_alternative_names = Some(SubjectAlternativeNames {
        dns_names: Some(vec!["web.example.test".into(), "www.example.test".into()]),
        ..Default::default()
    });
    let cert = create(&client, "web", p).await;
    let der = cert.cer.clone().unwrap();
    with_cert(&der, |c| {
        let subject = c.subject().to_string();
        assert!(subject.contains("CN=web.example.test"), "{subject}");
        assert!(subject.contains("O=CertDeck"), "{subject}");
        let san = c
            .subject_alternative_name()
            .unwrap()
            .expect("SAN extension");
        let names: Vec<String> = san
            .value
            .general_names
            .iter()
            .map(|n| n.to_string())
            .collect();
        assert!(
            names.iter().any(|n| n.contains("www.example.test")),
            "{names:?}"
        );
        let ku = c.key_usage().unwrap().expect("key usage").value;
        assert!(ku.digital_signature() && !ku.key_encipherment());
        let eku = c.extended_key_usage().unwrap().expect("EKU").value;
        assert!(eku.server_auth && !eku.client_auth);
        let days =
            (c.validity().not_after.timestamp() - c.validity().not_before.timestamp()) / 86400;
        assert!(
            (85..=95).contains(&days),
            "3 months of validity, got {days} days"
        );
    });
    let attrs = cert.attributes.unwrap();
    assert_eq!(attrs.enabled, Some(true));
    assert!(attrs.expires.is_some() && attrs.not_before.is_some());
    assert!(cert.kid.unwrap().contains("/keys/web/"));
    assert!(cert.sid.unwrap().contains("/secrets/web/"));
}

#[tokio::test]
async fn every_kind_of_san_is_issued_and_stored() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    let mut p = policy("Self", "sans", ec(CurveName::P256));
    let sans = SubjectAlternativeNames {
        dns_names: Some(vec!["sans.example.test".into()]),
        emails: Some(vec!["ops@example.test".into()]),
        user_principal_names: Some(vec!["svc@corp.example.test".into()]),
        uris: Some(vec!["spiffe://example.test/web".into()]),
        ip_addresses: Some(vec!["10.0.0.1".into(), "2001:db8::1".into()]),
    };
    p.x509_certificate_properties
        .as_mut()
        .unwrap()
        .subject_alternative_names = Some(sans.clone());
    let cert = create(&client, "sans", p).await;
    let issued = with_cert(cert.cer.as_deref().unwrap(), |c| {
        let san = c.subject_alternative_name().unwrap().expect("SAN");
        san.value
            .general_names
            .iter()
            .map(|n| match n {
                GeneralName::OtherName(oid, _) => format!("otherName {oid}"),
                GeneralName::IPAddress(ip) => format!("ip {ip:?}"),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
    });
    assert_eq!(
        issued,
        [
            "DNSName(sans.example.test)",
            "RFC822Name(ops@example.test)",
            "otherName 1.3.6.1.4.1.311.20.2.3",
            "URI(spiffe://example.test/web)",
            "ip [10, 0, 0, 1]",
            "ip [32, 1, 13, 184, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]",
        ],
        "a UPN is an otherName, not an e-mail"
    );
    let stored = cert.policy.unwrap().x509_certificate_properties.unwrap();
    assert_eq!(
        format!("{:?}", stored.subject_alternative_names),
        format!("{:?}", Some(sans))
    );
}

#[tokio::test]
async fn invalid_name_is_400_bad_parameter() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    let body = azure_security_keyvault_certificates::models::CreateCertificateParameters {
        certificate_policy: Some(policy("Self", "x", rsa(2048))),
        ..Default::default()
    };
    let err = client
        .begin_create_certificate("bad_name", body.try_into().unwrap(), None)
        .unwrap()
        .await
        .expect_err("underscores are not allowed");
    assert_eq!(status_of(&err), 400);
}
