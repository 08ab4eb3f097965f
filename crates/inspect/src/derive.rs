//! Public halves computed from private keys that omit them: Java's PKCS#8 EC keys and
//! OpenSSL's Ed25519 keys carry no public key, yet matching a key to its certificate needs one.

use der::Decode;
use der::asn1::{ObjectIdentifier, OctetString};

const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");

/// The uncompressed SEC1 point of an EC private scalar on `curve` (P-256, P-384).
pub(crate) fn ec_public(curve: ObjectIdentifier, scalar: &[u8]) -> Option<Vec<u8>> {
    use p256::elliptic_curve::sec1::ToSec1Point;
    match curve {
        P256 => p256::SecretKey::from_slice(scalar)
            .ok()
            .map(|k| k.public_key().to_sec1_point(false).as_bytes().to_vec()),
        P384 => p384::SecretKey::from_slice(scalar)
            .ok()
            .map(|k| k.public_key().to_sec1_point(false).as_bytes().to_vec()),
        _ => None,
    }
}

/// The Ed25519 public key of a PKCS#8 `CurvePrivateKey` (an OCTET STRING of the 32-byte seed).
pub(crate) fn ed25519_public(private_key: &[u8]) -> Option<Vec<u8>> {
    let seed = OctetString::from_der(private_key).ok()?;
    let seed: &[u8; 32] = seed.as_bytes().try_into().ok()?;
    let signing = ed25519_dalek::SigningKey::from_bytes(seed);
    Some(signing.verifying_key().to_bytes().to_vec())
}
