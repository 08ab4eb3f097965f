//! Conversions verified with the openssl CLI.

mod support;

use inspect::Password;
use inspect::convert::{PfxEncryption, PfxPassword, to_encrypted_pem, to_pem, to_pfx};
use support::{PW, openssl, openssl_all, openssl_ok, pw, read};

fn temp(name: &str, bytes: &[u8]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    (dir, file.to_str().unwrap().to_string())
}

fn fingerprint(pem: &str) -> String {
    let (_dir, file) = temp("c.pem", pem.as_bytes());
    openssl(&["x509", "-in", &file, "-noout", "-fingerprint", "-sha1"])
}

#[test]
fn pfx_modern_and_legacy_open_in_openssl_with_leaf_first_chain() {
    let m = inspect::read_material(&read("chain-shuffled.pem"), None).unwrap();
    let key = inspect::read_material(&read("leaf.key"), None)
        .unwrap()
        .keys;
    let m = inspect::Material { keys: key, ..m };
    let password = Password::new("Out-pässword".into());
    for enc in [PfxEncryption::Modern, PfxEncryption::Legacy] {
        let pfx = to_pfx(&m, PfxPassword::Text(&password), enc).unwrap();
        let (_dir, file) = temp("out.pfx", &pfx);
        // OpenSSL 3 default provider, no -legacy: both must open.
        let out = openssl(&[
            "pkcs12",
            "-in",
            &file,
            "-passin",
            "pass:Out-pässword",
            "-nodes",
        ]);
        assert!(out.contains("localKeyID"), "{out}");
        let first_cert = &out[out.find("-----BEGIN CERTIFICATE-----").unwrap()..];
        assert_eq!(
            fingerprint(first_cert),
            fingerprint(&String::from_utf8(read("leaf.pem")).unwrap())
        );
        let info = openssl(&[
            "pkcs12",
            "-in",
            &file,
            "-passin",
            "pass:Out-pässword",
            "-info",
            "-noout",
        ]);
        let _ = info;
        let r = inspect::inspect(&pfx, Some(&password)).unwrap();
        assert_eq!(r.chain.order_in_file, [0, 1, 2]);
        assert_eq!(r.private_keys[0].matches_certificate, Some(0));
        let expected_mac = if enc == PfxEncryption::Modern {
            "HMAC-SHA256"
        } else {
            "HMAC-SHA1"
        };
        assert!(r.pkcs12.unwrap().mac.unwrap().starts_with(expected_mac));
    }
}

#[test]
fn null_password_pfx_opens_with_openssl_empty_password() {
    let m = inspect::read_material(&read("legacy.pfx"), Some(&pw())).unwrap();
    let pfx = to_pfx(&m, PfxPassword::Null, PfxEncryption::Modern).unwrap();
    let (_dir, file) = temp("null.pfx", &pfx);
    let out = openssl(&["pkcs12", "-in", &file, "-passin", "pass:", "-nodes"]);
    assert!(out.contains("BEGIN PRIVATE KEY") && out.matches("BEGIN CERTIFICATE").count() == 3);
}

/// Key Vault's own secret form: NULL password, 3DES key and certificate bags, SHA-1 MAC, 2,000
/// iterations. OpenSSL opens it with an empty password; CertDeck with none, and it says what
/// protects it.
#[test]
fn key_vault_pfx_has_the_service_structure_and_reads_back() {
    let m = inspect::read_material(&read("legacy.pfx"), Some(&pw())).unwrap();
    let pfx = to_pfx(&m, PfxPassword::Null, PfxEncryption::Legacy).unwrap();
    let (_dir, file) = temp("kv.pfx", &pfx);
    let info = openssl_all(&[
        "pkcs12", "-in", &file, "-passin", "pass:", "-info", "-nokeys", "-noout",
    ]);
    assert!(info.contains("MAC: sha1, Iteration 2000"), "{info}");
    assert!(
        info.contains("Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2000"),
        "{info}"
    );
    assert!(
        info.contains("PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2000"),
        "{info}"
    );
    let out = openssl(&["pkcs12", "-in", &file, "-passin", "pass:", "-nodes"]);
    assert!(out.contains("BEGIN PRIVATE KEY") && out.matches("BEGIN CERTIFICATE").count() == 3);

    let back = inspect::read_material(&pfx, None).unwrap();
    assert_eq!(back.keys[0].pkcs8_der(), m.keys[0].pkcs8_der());
    assert_eq!(back.leaf_first(), m.leaf_first());
    let report = inspect::inspect(&pfx, None).unwrap();
    let enc = report.pkcs12.unwrap();
    assert_eq!(
        enc.keys.as_deref(),
        Some("pbeWithSHA1And3-KeyTripleDES-CBC (2000 iterations)")
    );
    assert_eq!(enc.mac.as_deref(), Some("HMAC-SHA1 (2000 iterations)"));
    assert_eq!(
        inspect::read_material(&pfx, Some(&inspect::Password::new("x".into()))).unwrap_err(),
        inspect::Error::WrongPassword
    );
}

/// The key of a "PEM with key" download under a password: encrypted PKCS#8 that OpenSSL opens
/// with the password, and the chain after it.
#[test]
fn encrypted_pem_opens_with_its_password_only() {
    let m = inspect::read_material(&read("modern.pfx"), Some(&pw())).unwrap();
    let pem = to_encrypted_pem(&m, &pw()).unwrap();
    assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    assert_eq!(pem.matches("BEGIN CERTIFICATE").count(), 3);
    let (_dir, file) = temp("key.pem", pem.as_bytes());
    let key = openssl(&["pkey", "-in", &file, "-passin", &format!("pass:{PW}")]);
    assert!(key.contains("BEGIN PRIVATE KEY"));
    assert!(!openssl_ok(&[
        "pkey",
        "-in",
        &file,
        "-passin",
        "pass:wrong"
    ]));
    let back = inspect::read_material(pem.as_bytes(), Some(&pw())).unwrap();
    assert_eq!(back.keys[0].pkcs8_der(), m.keys[0].pkcs8_der());
}

#[test]
fn pem_normalised_from_every_key_form() {
    for (name, password) in [
        ("pem-pkcs1.pem", None),
        ("pem-sec1.pem", None),
        ("pem-encrypted-scrypt.pem", Some(pw())),
        ("modern.pfx", Some(pw())),
    ] {
        let m = inspect::read_material(&read(name), password.as_ref()).unwrap();
        let pem = to_pem(&m).unwrap();
        assert!(
            pem.starts_with("-----BEGIN PRIVATE KEY-----\n") && !pem.contains('\r'),
            "{name}"
        );
        let (_dir, file) = temp("out.pem", pem.as_bytes());
        assert!(openssl_ok(&["pkey", "-in", &file, "-noout"]), "{name}");
        assert!(openssl_ok(&["x509", "-in", &file, "-noout"]), "{name}");
        let r = inspect::inspect(pem.as_bytes(), None).unwrap();
        assert!(r.key_vault.problems.is_empty(), "{name}: {:?}", r.key_vault);
    }
    let _ = PW;
}
