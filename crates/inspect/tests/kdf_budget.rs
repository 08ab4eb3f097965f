//! The key derivation work of one PKCS#12 file is capped in total, not only per part: a file
//! of many bags each under the per-part cap is refused with `TooExpensive` before their keys
//! are derived — bags in the clear and bags sealed inside an encrypted safe alike — while the
//! same file with one key bag reads.

mod support;

use der::asn1::{Any, OctetString};
use der::{Decode, Encode, Tag};
use inspect::{Error, MAX_ITERATIONS, MAX_TOTAL_ITERATIONS, Password, read_material};
use pkcs12::AuthenticatedSafe;
use pkcs12::cms::content_info::ContentInfo;
use pkcs12::cms::encrypted_data::EncryptedData;
use pkcs12::pfx::Pfx;

const DATA: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ENCRYPTED_DATA: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.6");
const ITERATIONS: u64 = 400_000;

/// The fixture leaf's key in a plain safe's shrouded bag, its certificate in an encrypted
/// safe, and the MAC: each at `ITERATIONS` (OpenSSL 3: PBES2, AES-256, PBKDF2-SHA256).
fn pfx(dir: &std::path::Path) -> Vec<u8> {
    let out = dir.join("one.pfx");
    let (key, cert) = (support::path("leaf.key"), support::path("leaf.pem"));
    let iter = ITERATIONS.to_string();
    let path = |p: &std::path::Path| p.to_str().expect("utf-8 path").to_string();
    support::openssl(&[
        "pkcs12",
        "-export",
        "-inkey",
        &path(&key),
        "-in",
        &path(&cert),
        "-out",
        &path(&out),
        "-passout",
        "pass:pw",
        "-iter",
        &iter,
    ]);
    std::fs::read(out).expect("pfx written")
}

/// A PFX, its safes, and the plain safe holding its shrouded key bag.
fn opened(der: &[u8]) -> (Pfx, AuthenticatedSafe<'static>, ContentInfo) {
    let pfx = Pfx::from_der(der).expect("pfx parses");
    let outer = OctetString::from_der(&pfx.auth_safe.content.to_der().expect("encodes"))
        .expect("outer octets");
    let safes = AuthenticatedSafe::from_der(outer.as_bytes()).expect("safes parse");
    let plain = safes
        .iter()
        .find(|s| s.content_type == DATA)
        .cloned()
        .expect("a plain safe holds the shrouded key");
    (pfx, safes, plain)
}

/// `pfx` holding `safes`, without a MAC (the safes changed).
fn rebuilt(mut pfx: Pfx, safes: &AuthenticatedSafe<'_>) -> Vec<u8> {
    let octets = OctetString::new(safes.to_der().expect("encodes")).expect("octets");
    pfx.auth_safe.content = Any::from_der(&octets.to_der().expect("encodes")).expect("any");
    pfx.mac_data = None;
    pfx.to_der().expect("pfx encodes")
}

/// `der` with its plain (key) safe repeated until the file holds `keys` shrouded key bags.
fn with_key_bags(der: &[u8], keys: usize) -> Vec<u8> {
    let (pfx, mut safes, key_safe) = opened(der);
    safes.extend(std::iter::repeat_n(key_safe, keys - 1));
    rebuilt(pfx, &safes)
}

/// `der` with `keys` copies of its shrouded key bag sealed inside its encrypted safe (in place
/// of its certificate) and no plain safe: only the password shows them.
fn with_sealed_key_bags(der: &[u8], keys: usize) -> Vec<u8> {
    let (pfx, mut safes, plain) = opened(der);
    let bags = OctetString::from_der(&plain.content.to_der().expect("encodes")).expect("octets");
    let one_bag = Any::from_der(bags.as_bytes())
        .expect("SafeContents")
        .value()
        .to_vec();
    let contents = Any::new(Tag::Sequence, one_bag.repeat(keys))
        .and_then(|a| a.to_der())
        .expect("SafeContents encodes");
    let sealed = safes
        .iter_mut()
        .find(|s| s.content_type == ENCRYPTED_DATA)
        .expect("an encrypted safe");
    let mut data =
        EncryptedData::from_der(&sealed.content.to_der().expect("encodes")).expect("EncryptedData");
    let info = &mut data.enc_content_info;
    let params = info
        .content_enc_alg
        .parameters
        .as_ref()
        .expect("PBES2 parameters");
    let params =
        pkcs5::pbes2::Parameters::from_der(&params.to_der().expect("encodes")).expect("PBES2");
    let ciphertext = params.encrypt("pw", &contents).expect("encrypts");
    info.encrypted_content = Some(OctetString::new(ciphertext).expect("octets"));
    sealed.content = Any::from_der(&data.to_der().expect("encodes")).expect("any");
    safes.retain(|s| s.content_type == ENCRYPTED_DATA);
    rebuilt(pfx, &safes)
}

fn assert_too_expensive(file: &[u8], password: &Password) {
    match read_material(file, Some(password)) {
        Err(Error::TooExpensive(message)) => {
            assert!(message.contains("in total"), "{message}");
            assert!(
                message.contains(&MAX_TOTAL_ITERATIONS.to_string()),
                "{message}"
            );
        }
        Err(other) => panic!("refused for another reason: {other}"),
        Ok(m) => panic!("read {} keys without a total budget", m.keys.len()),
    }
}

#[test]
fn many_bags_under_the_per_part_cap_are_refused_in_total() {
    const { assert!(ITERATIONS <= MAX_ITERATIONS) };
    let dir = tempfile::tempdir().expect("temp dir");
    let one = pfx(dir.path());
    let password = Password::new("pw".to_string());

    let material = read_material(&one, Some(&password)).expect("a single key bag reads");
    assert_eq!(material.keys.len(), 1);

    let keys = usize::try_from(MAX_TOTAL_ITERATIONS / ITERATIONS + 1).expect("small");
    assert_too_expensive(&with_key_bags(&one, keys), &password);
}

#[test]
fn key_bags_sealed_in_an_encrypted_safe_count_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let one = pfx(dir.path());
    let password = Password::new("pw".to_string());

    let sealed_one = with_sealed_key_bags(&one, 1);
    let material = read_material(&sealed_one, Some(&password)).expect("one sealed key reads");
    assert_eq!(material.keys.len(), 1);

    // With the safe itself, one part over the budget.
    let keys = usize::try_from(MAX_TOTAL_ITERATIONS / ITERATIONS).expect("small");
    assert_too_expensive(&with_sealed_key_bags(&one, keys), &password);
}
