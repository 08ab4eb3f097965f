//! Private keys: PKCS#8 as the one in-memory form (what Key Vault imports), conversion from
//! PKCS#1 and SEC1, the public half for matching keys to certificates.

use der::asn1::{BitString, ObjectIdentifier, OctetString, UintRef};
use der::{Any, Decode, Encode};
use pkcs8::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_parser::prelude::FromDer;
use zeroize::Zeroizing;

use crate::report::KeyInfo;
use crate::{Error, derive};

pub(crate) const RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
pub(crate) const EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
pub(crate) const DSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10040.4.1");
const DER_NULL: [u8; 2] = [0x05, 0x00];

/// A private key held as PKCS#8 DER, wiped on drop. `Debug` shows only the algorithm.
#[derive(Clone)]
pub struct PrivateKey {
    der: Zeroizing<Vec<u8>>,
    info: KeyInfo,
    /// The SubjectPublicKeyInfo, when the key carries or implies its public half.
    public: Option<SubjectPublicKeyInfoOwned>,
}

impl PrivateKey {
    /// Reads an unencrypted PKCS#8 `PrivateKeyInfo`.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, Error> {
        let info = pkcs8::PrivateKeyInfoRef::try_from(der).map_err(Error::corrupt)?;
        let oid = info.algorithm.oid;
        let embedded_public = info.public_key.map(|k| k.raw_bytes().to_vec());
        let (bits, curve, public_bits) = if oid == RSA || oid == RSA_PSS {
            let rsa = pkcs1::RsaPrivateKey::<pkcs1::UintRef>::from_der(info.private_key.as_bytes())
                .map_err(Error::corrupt)?;
            let public = pkcs1::RsaPublicKey {
                modulus: rsa.modulus,
                public_exponent: rsa.public_exponent,
            };
            let bits = uint_bits(rsa.modulus.as_bytes());
            (
                Some(bits),
                None,
                Some(public.to_der().map_err(Error::corrupt)?),
            )
        } else if oid == EC {
            let sec1 = sec1::EcPrivateKey::from_der(info.private_key.as_bytes())
                .map_err(Error::corrupt)?;
            let curve = info
                .algorithm
                .parameters
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
                .or_else(|| sec1.parameters.and_then(|p| p.named_curve()))
                .ok_or_else(|| Error::corrupt("EC key without a named curve"))?;
            let public = sec1.public_key.map(<[u8]>::to_vec).or(embedded_public);
            let public = public.or_else(|| derive::ec_public(curve, sec1.private_key));
            (None, Some(curve), public)
        } else if oid == DSA {
            let params = info.algorithm.parameters.and_then(|p| p.to_der().ok());
            (params.as_deref().and_then(dsa_bits), None, embedded_public)
        } else if oid == ED25519 {
            let public =
                embedded_public.or_else(|| derive::ed25519_public(info.private_key.as_bytes()));
            (None, None, public)
        } else {
            (None, None, embedded_public)
        };
        let parameters = match curve {
            Some(curve) => Some(any(&curve.to_der().map_err(Error::corrupt)?)?),
            None if oid == RSA => Some(any(&DER_NULL)?),
            None => None,
        };
        let public = match public_bits {
            Some(bits) => Some(SubjectPublicKeyInfoOwned {
                algorithm: AlgorithmIdentifierOwned { oid, parameters },
                subject_public_key: BitString::from_bytes(&bits).map_err(Error::corrupt)?,
            }),
            None => None,
        };
        Ok(PrivateKey {
            der: Zeroizing::new(der.to_vec()),
            info: key_info(oid, curve, bits),
            public,
        })
    }

    /// Converts a PKCS#1 `RSAPrivateKey` (PEM `RSA PRIVATE KEY`) to PKCS#8.
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, Error> {
        pkcs1::RsaPrivateKey::<pkcs1::UintRef>::from_der(der).map_err(Error::corrupt)?;
        wrap(RSA, Some(any(&DER_NULL)?), der)
    }

    /// Converts a SEC1 `ECPrivateKey` (PEM `EC PRIVATE KEY`) to PKCS#8.
    pub fn from_sec1_der(der: &[u8]) -> Result<Self, Error> {
        let sec1 = sec1::EcPrivateKey::from_der(der).map_err(Error::corrupt)?;
        let curve = sec1
            .parameters
            .and_then(|p| p.named_curve())
            .ok_or_else(|| Error::corrupt("EC key without a named curve"))?;
        wrap(
            EC,
            Some(any(&curve.to_der().map_err(Error::corrupt)?)?),
            der,
        )
    }

    /// Converts OpenSSL's traditional DSA key (PEM `DSA PRIVATE KEY`) to PKCS#8, keeping its
    /// public value for matching.
    pub fn from_dsa_der(der: &[u8]) -> Result<Self, Error> {
        let key = DsaPrivateKey::from_der(der).map_err(Error::corrupt)?;
        let params = DssParms {
            p: key.p,
            q: key.q,
            g: key.g,
        }
        .to_der()
        .map_err(Error::corrupt)?;
        let x = Zeroizing::new(key.x.to_der().map_err(Error::corrupt)?);
        let mut wrapped = wrap(DSA, Some(any(&params)?), &x)?;
        wrapped.public = Some(SubjectPublicKeyInfoOwned {
            algorithm: AlgorithmIdentifierOwned {
                oid: DSA,
                parameters: Some(any(&params)?),
            },
            subject_public_key: BitString::from_bytes(&key.y.to_der().map_err(Error::corrupt)?)
                .map_err(Error::corrupt)?,
        });
        Ok(wrapped)
    }

    /// The unencrypted PKCS#8 DER.
    pub fn pkcs8_der(&self) -> &[u8] {
        &self.der
    }

    /// Algorithm, size and curve.
    pub fn info(&self) -> &KeyInfo {
        &self.info
    }

    /// The public key as SubjectPublicKeyInfo DER; empty when the file does not carry it
    /// (e.g. an Ed25519 PKCS#8 v1 key).
    pub fn public_key_der(&self) -> Vec<u8> {
        self.public
            .as_ref()
            .and_then(|spki| spki.to_der().ok())
            .unwrap_or_default()
    }

    /// Whether `cert_der` is a certificate for this key (same algorithm and public key).
    pub fn matches(&self, cert_der: &[u8]) -> bool {
        let (Some(public), Ok((_, cert))) = (
            &self.public,
            x509_parser::certificate::X509Certificate::from_der(cert_der),
        ) else {
            return false;
        };
        let cert_key = cert.public_key();
        cert_key.algorithm.algorithm.to_id_string() == public.algorithm.oid.to_string()
            && cert_key.subject_public_key.data.as_ref() == public.subject_public_key.raw_bytes()
    }
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrivateKey")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

/// Describes a key from its algorithm OID, its curve OID and, for RSA and DSA, its modulus or
/// prime size.
pub(crate) fn key_info(
    oid: ObjectIdentifier,
    curve: Option<ObjectIdentifier>,
    rsa_bits: Option<u32>,
) -> KeyInfo {
    let curve_name = curve.map(curve_name);
    let (key_type, bits) = match oid {
        RSA => ("RSA".to_string(), rsa_bits),
        RSA_PSS => ("RSA-PSS".to_string(), rsa_bits),
        EC => ("EC".to_string(), curve.and_then(curve_bits)),
        ED25519 => ("Ed25519".to_string(), Some(256)),
        ED448 => ("Ed448".to_string(), Some(456)),
        DSA => ("DSA".to_string(), rsa_bits),
        other => (other.to_string(), None),
    };
    KeyInfo {
        key_type,
        bits,
        curve: curve_name,
    }
}

/// Curves by their Key Vault / JOSE names where they have one.
fn curve_name(oid: ObjectIdentifier) -> String {
    match oid.to_string().as_str() {
        "1.2.840.10045.3.1.7" => "P-256".into(),
        "1.3.132.0.34" => "P-384".into(),
        "1.3.132.0.35" => "P-521".into(),
        "1.3.132.0.10" => "P-256K".into(),
        other => other.into(),
    }
}

fn curve_bits(oid: ObjectIdentifier) -> Option<u32> {
    match oid.to_string().as_str() {
        "1.2.840.10045.3.1.7" | "1.3.132.0.10" => Some(256),
        "1.3.132.0.34" => Some(384),
        "1.3.132.0.35" => Some(521),
        _ => None,
    }
}

/// Curves Key Vault accepts.
pub(crate) fn key_vault_curve(name: &str) -> bool {
    matches!(name, "P-256" | "P-384" | "P-521" | "P-256K")
}

/// Bit length of a big-endian unsigned integer.
pub(crate) fn uint_bits(bytes: &[u8]) -> u32 {
    let trimmed: &[u8] = match bytes.iter().position(|&b| b != 0) {
        Some(i) => &bytes[i..],
        None => return 0,
    };
    let len = u32::try_from(trimmed.len()).unwrap_or(u32::MAX / 8);
    len * 8 - trimmed[0].leading_zeros()
}

/// DSA domain parameters (RFC 3279 `Dss-Parms`).
#[derive(der::Sequence)]
struct DssParms<'a> {
    p: UintRef<'a>,
    q: UintRef<'a>,
    g: UintRef<'a>,
}

/// OpenSSL's traditional DSA private key.
#[derive(der::Sequence)]
struct DsaPrivateKey<'a> {
    version: UintRef<'a>,
    p: UintRef<'a>,
    q: UintRef<'a>,
    g: UintRef<'a>,
    y: UintRef<'a>,
    x: UintRef<'a>,
}

/// The size of a DSA key: the bits of its prime `p`, from DER `Dss-Parms`.
pub(crate) fn dsa_bits(params: &[u8]) -> Option<u32> {
    DssParms::from_der(params)
        .ok()
        .map(|params| uint_bits(params.p.as_bytes()))
}

fn any(der: &[u8]) -> Result<Any, Error> {
    Any::from_der(der).map_err(Error::corrupt)
}

fn wrap(oid: ObjectIdentifier, parameters: Option<Any>, key: &[u8]) -> Result<PrivateKey, Error> {
    let info = pkcs8::PrivateKeyInfoOwned::new(
        AlgorithmIdentifierOwned { oid, parameters },
        OctetString::new(key).map_err(Error::corrupt)?,
    );
    let der = Zeroizing::new(info.to_der().map_err(Error::corrupt)?);
    PrivateKey::from_pkcs8_der(&der)
}
