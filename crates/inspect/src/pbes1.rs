//! PKCS#5 v1.5 PBES1 on standalone keys (`openssl pkcs8 -topk8 -v1 PBE-MD5-DES` or
//! `PBE-SHA1-DES`): DES-CBC under PBKDF1, key and IV the first and second 8 bytes of the hash
//! iterated over password and salt.

use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt, KeyIvInit};
use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};
use md5::Md5;
use pkcs12::cms::cert::x509::spki::AlgorithmIdentifierOwned;
use pkcs12::pbe_params::Pkcs12PbeParams;
use sha1::Sha1;
use sha2::Digest;
use zeroize::Zeroizing;

use crate::{Error, pbe};

const MD5_DES: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.3");
const SHA1_DES: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.10");

/// The scheme's name, for the PBES1 OIDs this module decrypts.
pub(crate) fn name(oid: ObjectIdentifier) -> Option<&'static str> {
    match oid {
        MD5_DES => Some("pbeWithMD5AndDES-CBC"),
        SHA1_DES => Some("pbeWithSHA1AndDES-CBC"),
        _ => None,
    }
}

/// Decrypts `data` with `password`; a padding failure gives `WrongPassword`.
pub(crate) fn decrypt(
    alg: &AlgorithmIdentifierOwned,
    password: &[u8],
    data: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    // PBEParameter has the shape of PKCS#12's: salt OCTET STRING, iterationCount INTEGER.
    let params = alg
        .parameters
        .as_ref()
        .ok_or_else(|| Error::corrupt("PBES1 without parameters"))?;
    let params = Pkcs12PbeParams::from_der(&params.to_der().map_err(Error::corrupt)?)
        .map_err(Error::corrupt)?;
    let rounds = u64::try_from(params.iterations).unwrap_or(u64::MAX);
    pbe::check_iterations(rounds)?;
    let salt = params.salt.as_bytes();
    let derived = match alg.oid {
        MD5_DES => pbkdf1::<Md5>(password, salt, rounds),
        SHA1_DES => pbkdf1::<Sha1>(password, salt, rounds),
        other => return Err(Error::UnsupportedEncryption(format!("PBES1 {other}"))),
    };
    let plain = cbc::Decryptor::<des::Des>::new_from_slices(&derived[..8], &derived[8..16])
        .map_err(|_| Error::corrupt("PBES1 key length"))?
        .decrypt_padded_vec::<Pkcs7>(data)
        .map_err(|_| Error::WrongPassword)?;
    Ok(Zeroizing::new(plain))
}

/// PBKDF1 (RFC 8018 §5.1): T_1 = Hash(P || S), T_i = Hash(T_{i-1}).
fn pbkdf1<D: Digest>(password: &[u8], salt: &[u8], rounds: u64) -> Zeroizing<Vec<u8>> {
    let mut hash = D::new();
    hash.update(password);
    hash.update(salt);
    let mut t = Zeroizing::new(hash.finalize().to_vec());
    for _ in 1..rounds.max(1) {
        *t = D::digest(&*t).to_vec();
    }
    t
}
