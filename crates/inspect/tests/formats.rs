//! Every format and case of the fixture corpus, with field values checked against openssl.

mod support;

use inspect::{FindingCode, Format, Password, Report, inspect};
use support::{PW, UNICODE_PW, openssl, openssl_cert, path, pw, read, rfc2253};

fn report(name: &str, password: Option<&Password>) -> Report {
    inspect(&read(name), password).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

fn problems(r: &Report) -> Vec<FindingCode> {
    r.key_vault.problems.iter().map(|f| f.code).collect()
}

fn warnings(r: &Report) -> Vec<FindingCode> {
    r.key_vault.warnings.iter().map(|f| f.code).collect()
}

/// Checks the leaf of `r` against what openssl says about `leaf.pem`.
fn assert_contoso_leaf(r: &Report) {
    let leaf = &r.certificates[0];
    let ossl = openssl_cert(&path("leaf.pem"), false);
    assert_eq!(rfc2253(&leaf.subject), ossl.subject_rfc2253);
    assert_eq!(leaf.serial, ossl.serial);
    assert_eq!(leaf.sha1, ossl.sha1);
    assert_eq!(leaf.sha256, ossl.sha256);
    assert_eq!(leaf.not_after.replace('T', " "), ossl.not_after);
    assert!(ossl.text.contains("Public-Key: (2048 bit)"));
    assert_eq!(
        (leaf.key.key_type.as_str(), leaf.key.bits),
        ("RSA", Some(2048))
    );
    assert_eq!(leaf.san.dns, ["www.contoso.com", "contoso.com"]);
    assert_eq!(leaf.san.ip, ["10.0.0.1", "2001:db8::1"]);
    assert!(
        ossl.text
            .contains("IP Address:10.0.0.1, IP Address:2001:DB8:0:0:0:0:0:1")
    );
    assert_eq!(leaf.san.email, ["admin@contoso.com"]);
    assert_eq!(leaf.san.uri, ["https://contoso.com/id"]);
    assert_eq!(leaf.san.upn, ["user@contoso.com"]);
    assert!(ossl.text.contains("othername: UPN::user@contoso.com"));
    assert_eq!(leaf.key_usage, ["digitalSignature", "keyEncipherment"]);
    assert_eq!(
        leaf.extended_key_usage,
        ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]
    );
    assert!(!leaf.is_ca && !leaf.self_signed);
    let sha1 = (0..leaf.sha1.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&leaf.sha1[i..i + 2], 16).unwrap());
    use base64::Engine;
    let x5t = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha1.collect::<Vec<_>>());
    assert_eq!(leaf.x5t, x5t);
}

/// Checks a full leaf-first chain with its key matched to the leaf.
fn assert_full_chain(r: &Report) {
    assert_contoso_leaf(r);
    let subjects: Vec<&str> = r.certificates.iter().map(|c| c.subject.as_str()).collect();
    assert!(
        subjects[1].ends_with("CN=CertDeck Test Intermediate")
            && subjects[2].ends_with("CN=CertDeck Test Root")
    );
    assert!(r.certificates[1].is_ca && r.certificates[2].self_signed);
    assert!(r.chain.complete);
    assert_eq!(r.private_keys.len(), 1);
    assert_eq!(r.private_keys[0].matches_certificate, Some(0));
    assert!(r.key_vault.importable, "{:?}", r.key_vault);
}

#[test]
fn modern_pfx() {
    let r = report("modern.pfx", Some(&pw()));
    assert_eq!(r.format, Format::Pkcs12);
    assert_full_chain(&r);
    let enc = r.pkcs12.as_ref().unwrap();
    let info = openssl(&[
        "pkcs12",
        "-in",
        path("modern.pfx").to_str().unwrap(),
        "-passin",
        &format!("pass:{PW}"),
        "-info",
        "-noout",
    ]);
    assert!(info.is_empty() || info.contains("MAC"));
    assert_eq!(enc.mac.as_deref(), Some("HMAC-SHA256 (2048 iterations)"));
    assert_eq!(
        enc.keys.as_deref(),
        Some("PBES2 AES-256-CBC (PBKDF2-HMAC-SHA256, 2048 iterations)")
    );
    assert_eq!(enc.certificates, enc.keys);
}

#[test]
fn legacy_pfx_rc2_and_3des() {
    let r = report("legacy.pfx", Some(&pw()));
    assert_full_chain(&r);
    let enc = r.pkcs12.unwrap();
    assert_eq!(
        enc.certificates.as_deref(),
        Some("pbeWithSHA1And40BitRC2-CBC (2048 iterations)")
    );
    assert_eq!(
        enc.keys.as_deref(),
        Some("pbeWithSHA1And3-KeyTripleDES-CBC (2048 iterations)")
    );
    assert_eq!(enc.mac.as_deref(), Some("HMAC-SHA1 (2048 iterations)"));
    assert_full_chain(&report("legacy-3des.pfx", Some(&pw())));
}

#[test]
fn base64_pfx_text() {
    let r = report("modern.pfx.b64", Some(&pw()));
    assert_eq!(r.format, Format::Pkcs12Base64);
    assert_full_chain(&r);
}

#[test]
fn empty_password_in_both_encodings() {
    // BMP-empty (openssl -passout pass:), opened with no password or an empty one.
    assert_eq!(report("empty-password.pfx", None).private_keys.len(), 1);
    assert_eq!(
        report("empty-password.pfx", Some(&Password::empty()))
            .private_keys
            .len(),
        1
    );
    // NULL password, as Key Vault writes: our writer, checked by openssl -passin pass:.
    let m = inspect::read_material(&read("modern.pfx"), Some(&pw())).unwrap();
    let null = inspect::convert::to_pfx(
        &m,
        inspect::convert::PfxPassword::Null,
        inspect::convert::PfxEncryption::Modern,
    )
    .unwrap();
    let r = inspect(&null, None).unwrap();
    assert_eq!(r.private_keys[0].matches_certificate, Some(0));
    assert_eq!(
        inspect(&null, Some(&Password::empty()))
            .unwrap()
            .certificates
            .len(),
        3
    );
}

#[test]
fn unicode_password() {
    let r = report(
        "unicode-password.pfx",
        Some(&Password::new(UNICODE_PW.into())),
    );
    assert_contoso_leaf(&r);
    assert_eq!(
        inspect(&read("unicode-password.pfx"), Some(&pw())).unwrap_err(),
        inspect::Error::WrongPassword
    );
}

#[test]
fn no_mac_and_unencrypted() {
    let r = report("no-mac.pfx", Some(&pw()));
    assert_eq!(r.pkcs12.as_ref().unwrap().mac, None);
    assert_eq!(r.private_keys[0].matches_certificate, Some(0));
    let wrong = Password::new("nope".into());
    assert_eq!(
        inspect(&read("no-mac.pfx"), Some(&wrong)).unwrap_err(),
        inspect::Error::WrongPassword
    );
    // A fully unprotected file opens with any password.
    let r = report("unencrypted.pfx", Some(&wrong));
    assert_eq!(r.pkcs12.unwrap().keys.as_deref(), Some("none"));
}

#[test]
fn certificate_only_and_key_only_pfx() {
    let r = report("cert-only.pfx", Some(&pw()));
    assert_eq!(r.certificates.len(), 3);
    assert_eq!(problems(&r), [FindingCode::NoPrivateKey]);
    let r = report("key-only.pfx", Some(&pw()));
    assert!(r.certificates.is_empty());
    assert_eq!(
        (
            r.private_keys[0].key.bits,
            r.private_keys[0].matches_certificate
        ),
        (Some(2048), None)
    );
    assert_eq!(problems(&r), [FindingCode::NoCertificate]);
}

#[test]
fn two_keys_from_keytool() {
    let r = report("two-keys.p12", Some(&pw()));
    assert_eq!(r.private_keys.len(), 2);
    assert_eq!(r.certificates.len(), 2);
    let types: Vec<&str> = r
        .private_keys
        .iter()
        .map(|k| k.key.key_type.as_str())
        .collect();
    assert_eq!(types, ["RSA", "EC"]);
    // Java writes EC keys without their public half: it is derived to match the certificate.
    let mut matched: Vec<_> = r
        .private_keys
        .iter()
        .map(|k| k.matches_certificate)
        .collect();
    matched.sort();
    assert_eq!(matched, [Some(0), Some(1)]);
    assert!(problems(&r).contains(&FindingCode::MultipleKeys));
}

#[test]
fn chains_full_shuffled_and_missing_intermediate() {
    let r = report("chain-shuffled.pem", None);
    assert_eq!(r.chain.order_in_file, [1, 2, 0]);
    assert!(r.chain.complete);
    assert!(warnings(&r).contains(&FindingCode::ChainOutOfOrder));
    assert_contoso_leaf(&r);
    let r = report("missing-intermediate.pfx", Some(&pw()));
    assert!(!r.chain.complete);
    assert_eq!(
        r.chain.missing_issuers,
        ["C=US, O=CertDeck Test, CN=CertDeck Test Intermediate"]
    );
    assert_eq!(warnings(&r), [FindingCode::IncompleteChain]);
    assert!(r.key_vault.importable);
    let r = report("pem-two-leaves.pem", None);
    assert!(problems(&r).contains(&FindingCode::MultipleLeaves));
}

#[test]
fn key_types_and_sizes_match_openssl() {
    for (name, key_type, bits, curve) in [
        ("rsa4096", "RSA", Some(4096), None),
        ("rsa1024", "RSA", Some(1024), None),
        ("ec256", "EC", Some(256), Some("P-256")),
        ("ec384", "EC", Some(384), Some("P-384")),
        ("ed25519", "Ed25519", Some(256), None),
    ] {
        let text = openssl(&[
            "pkey",
            "-in",
            path(&format!("{name}.key")).to_str().unwrap(),
            "-noout",
            "-text",
        ]);
        if let Some(bits) = bits.filter(|_| key_type != "Ed25519") {
            assert!(
                text.contains(&format!("Private-Key: ({bits} bit")),
                "{name}: {text}"
            );
        }
        let r = report(&format!("{name}.pfx"), Some(&pw()));
        let key = &r.private_keys[0].key;
        assert_eq!(
            (key.key_type.as_str(), key.bits, key.curve.as_deref()),
            (key_type, bits, curve),
            "{name}"
        );
        assert_eq!(r.certificates[0].key, *key, "{name}");
    }
    assert!(problems(&report("rsa1024.pfx", Some(&pw()))).contains(&FindingCode::WeakRsaKey));
    assert!(
        problems(&report("ed25519.pfx", Some(&pw()))).contains(&FindingCode::UnsupportedKeyType)
    );
    assert!(problems(&report("ec224.pfx", Some(&pw()))).contains(&FindingCode::UnsupportedKeyType));
    assert!(report("ec256.pfx", Some(&pw())).key_vault.importable);
}

#[test]
fn pem_key_forms() {
    let plain = report("pem-pkcs8.pem", None);
    assert!(plain.key_vault.importable);
    assert_contoso_leaf(&plain);
    for name in [
        "pem-pkcs1.pem",
        "pem-sec1.pem",
        "pem-encrypted-aes.pem",
        "pem-encrypted-3des.pem",
        "pem-encrypted-scrypt.pem",
        "pem-encrypted-pbe-3des.pem",
        "pem-encrypted-pbe-rc2.pem",
        "pem-encrypted-pbes1.pem",
        "pem-proctype.pem",
        "pem-proctype-3des.pem",
        "pem-proctype-ec.pem",
    ] {
        let r = report(name, Some(&pw()));
        assert_eq!(r.private_keys[0].matches_certificate, Some(0), "{name}");
        assert_eq!(problems(&r), [FindingCode::PemKeyNeedsConversion], "{name}");
    }
    assert_eq!(
        inspect(&read("pem-encrypted-aes.pem"), None).unwrap_err(),
        inspect::Error::PasswordRequired
    );
    let wrong = Password::new("nope".into());
    assert_eq!(
        inspect(&read("pem-encrypted-scrypt.pem"), Some(&wrong)).unwrap_err(),
        inspect::Error::WrongPassword
    );
}

/// Legacy key encryptions: PKCS#12 PBE and PBES1 on PKCS#8, OpenSSL's `Proc-Type: 4,ENCRYPTED`.
/// Each decrypts to the same key as the plain file, wants a password and refuses a wrong one.
#[test]
fn legacy_encrypted_keys_decrypt_to_the_plain_key() {
    let plain = inspect::read_material(&read("pem-pkcs8.pem"), None).unwrap();
    let wrong = Password::new("nope".into());
    for name in [
        "leaf-pbe-3des.key",
        "leaf-pbe-rc2.key",
        "leaf-pbes1.key",
        "leaf-proctype.key",
        "leaf-proctype-3des.key",
    ] {
        let material = inspect::read_material(&read(name), Some(&pw())).unwrap();
        assert_eq!(
            material.keys[0].pkcs8_der(),
            plain.keys[0].pkcs8_der(),
            "{name}"
        );
        assert_eq!(
            inspect::read_material(&read(name), None).unwrap_err(),
            inspect::Error::PasswordRequired,
            "{name}"
        );
        assert_eq!(
            inspect::read_material(&read(name), Some(&wrong)).unwrap_err(),
            inspect::Error::WrongPassword,
            "{name}"
        );
    }
    let ec = inspect::read_material(&read("ec256-proctype.key"), Some(&pw())).unwrap();
    let ec_plain = inspect::read_material(&read("ec256.key"), None).unwrap();
    assert_eq!(ec.keys[0].info(), ec_plain.keys[0].info());
    assert_eq!(
        ec.keys[0].public_key_der(),
        ec_plain.keys[0].public_key_der()
    );
}

#[test]
fn dsa_keys_are_named_and_refused_by_key_vault() {
    for name in ["pem-dsa.pem", "pem-dsa-traditional.pem"] {
        let r = report(name, None);
        assert_eq!(r.certificates[0].key.key_type, "DSA", "{name}");
        assert_eq!(r.certificates[0].key.bits, Some(1024), "{name}");
        assert_eq!(r.private_keys[0].key.key_type, "DSA", "{name}");
        assert_eq!(r.private_keys[0].key.bits, Some(1024), "{name}");
        assert!(
            problems(&r).contains(&FindingCode::UnsupportedKeyType),
            "{name}"
        );
    }
    // The traditional form carries the public value, so its key is matched to the certificate.
    let traditional = report("pem-dsa-traditional.pem", None);
    assert_eq!(traditional.private_keys[0].matches_certificate, Some(0));
}

#[test]
fn java_keystores_are_refused_with_the_keytool_conversion() {
    for (name, kind) in [("store.jks", "JKS"), ("store.jceks", "JCEKS")] {
        let err = inspect(&read(name), Some(&pw())).unwrap_err();
        assert_eq!(err, inspect::Error::JavaKeystore(kind));
        let text = err.to_string();
        assert!(text.contains("keytool -importkeystore"), "{text}");
        assert!(text.contains(&format!("-srcstoretype {kind}")), "{text}");
        assert!(text.contains("-deststoretype PKCS12"), "{text}");
    }
}

#[test]
fn pem_layout_variants() {
    for name in [
        "pem-crlf-bom.pem",
        "pem-bag-attributes.pem",
        "pem-named.pfx",
    ] {
        let r = report(name, None);
        assert_eq!(r.format, Format::Pem, "{name}");
        assert_contoso_leaf(&r);
        assert_eq!(r.private_keys[0].matches_certificate, Some(0), "{name}");
    }
    assert_eq!(
        report("pem-mismatch.pem", None).key_vault.problems[0].code,
        FindingCode::KeyDoesNotMatch
    );
}

#[test]
fn der_certificate_key_and_p7b() {
    let r = report("leaf.cer", None);
    assert_eq!(r.format, Format::DerCertificate);
    assert_eq!(
        r.certificates[0].sha1,
        openssl_cert(&path("leaf.cer"), true).sha1
    );
    assert_eq!(report("leaf-pem-named.cer", None).format, Format::Pem);
    let r = report("leaf-pkcs8.der", None);
    assert_eq!(
        (r.format, r.private_keys[0].key.bits),
        (Format::DerPrivateKey, Some(2048))
    );
    for name in ["chain.p7b", "chain-p7b.pem"] {
        let r = report(name, None);
        assert_eq!(r.certificates.len(), 3, "{name}");
        assert_contoso_leaf(&r);
        assert!(r.chain.complete);
    }
    assert_eq!(report("chain.p7b", None).format, Format::Pkcs7);
}

#[test]
fn report_json_has_the_issue_fields() {
    let json = serde_json::to_value(report("modern.pfx", Some(&pw()))).unwrap();
    for field in [
        "format",
        "certificates",
        "private_keys",
        "chain",
        "key_vault",
    ] {
        assert!(json.get(field).is_some(), "{field}");
    }
    let cert = &json["certificates"][0];
    for field in [
        "subject",
        "issuer",
        "serial",
        "not_before",
        "not_after",
        "sha1",
        "sha256",
        "x5t",
        "san",
        "key",
        "key_usage",
        "extended_key_usage",
        "is_ca",
    ] {
        assert!(cert.get(field).is_some(), "{field}");
    }
    assert_eq!(
        cert["key"],
        serde_json::json!({"type": "RSA", "bits": 2048, "curve": null})
    );
    assert_eq!(
        json["private_keys"][0],
        serde_json::json!({"type": "RSA", "bits": 2048, "curve": null, "matches_certificate": 0})
    );
    assert_eq!(json["chain"]["order_in_file"], serde_json::json!([0, 1, 2]));
    assert_eq!(json["key_vault"]["importable"], true);
    assert_eq!(json["format"], "pkcs12");
}
