//! The key derivation work of one PKCS#12 file is capped in total, not only per part: a file
//! of many bags each under the per-part cap is refused with `TooExpensive` before any
//! derivation runs, while the same file with one key bag reads.

mod support;

use der::asn1::{Any, OctetString};
use der::{Decode, Encode};
use inspect::{Error, MAX_ITERATIONS, MAX_TOTAL_ITERATIONS, Password, read_material};
use pkcs12::AuthenticatedSafe;
use pkcs12::pfx::Pfx;

const DATA: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ITERATIONS: u64 = 400_000;

/// The fixture leaf's key in one bag at `ITERATIONS`, its certificate in the clear, no MAC.
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
        "-nomac",
    ]);
    std::fs::read(out).expect("pfx written")
}

/// `der` with its plain (key) safe repeated until the file holds `keys` shrouded key bags.
fn with_key_bags(der: &[u8], keys: usize) -> Vec<u8> {
    let mut pfx = Pfx::from_der(der).expect("pfx parses");
    let outer = OctetString::from_der(&pfx.auth_safe.content.to_der().expect("encodes"))
        .expect("outer octets");
    let mut safes = AuthenticatedSafe::from_der(outer.as_bytes()).expect("safes parse");
    let key_safe = safes
        .iter()
        .rev()
        .find(|s| s.content_type == DATA)
        .cloned()
        .expect("a plain safe holds the shrouded key");
    safes.extend(std::iter::repeat_n(key_safe, keys - 1));
    let octets = OctetString::new(safes.to_der().expect("encodes")).expect("octets");
    pfx.auth_safe.content = Any::from_der(&octets.to_der().expect("encodes")).expect("any");
    pfx.to_der().expect("pfx encodes")
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
    let hostile = with_key_bags(&one, keys);
    match read_material(&hostile, Some(&password)) {
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
