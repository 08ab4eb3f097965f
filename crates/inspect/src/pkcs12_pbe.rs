//! PKCS#12 password-based encryption (RFC 7292 appendix B and C): 3DES and RC2 keyed by the
//! PKCS#12 KDF over SHA-1. p12-keystore has it too, but only for a BMP-encoded text password;
//! Key Vault's secrets use the NULL (zero-length) password, and `openssl pkcs8 -v1
//! PBE-SHA1-3DES` puts the same schemes on standalone keys.

use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{
    BlockCipherDecrypt, BlockCipherEncrypt, BlockModeDecrypt, BlockModeEncrypt, KeyInit, KeyIvInit,
};
use der::asn1::{BmpString, ObjectIdentifier};
use der::{Decode, Encode};
use des::{TdesEde2, TdesEde3};
use pkcs12::cms::cert::x509::spki::AlgorithmIdentifierOwned;
use pkcs12::kdf::{Pkcs12KeyType, derive_key};
use pkcs12::pbe_params::Pkcs12PbeParams;
use rc2::Rc2;
use sha1::Sha1;
use zeroize::Zeroizing;

use crate::{Error, pbe};

/// The password as the PKCS#12 KDF sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum PbePassword<'a> {
    /// The zero-length password (no BMP terminator): what Key Vault keys its secrets with.
    Null,
    /// A text password, BMP-encoded with its two-byte terminator (the empty text is `00 00`).
    Text(&'a str),
}

impl PbePassword<'_> {
    fn bytes(self) -> Result<Zeroizing<Vec<u8>>, Error> {
        match self {
            PbePassword::Null => Ok(Zeroizing::new(Vec::new())),
            PbePassword::Text(text) => {
                let bmp = BmpString::from_utf8(text).map_err(|_| Error::WrongPassword)?;
                let mut bytes = Zeroizing::new(Vec::from(bmp.into_bytes()));
                bytes.extend_from_slice(&[0, 0]);
                Ok(bytes)
            }
        }
    }
}

/// Whether `oid` is one of the PKCS#12 PBE schemes this module implements.
pub(crate) fn supports(oid: ObjectIdentifier) -> bool {
    key_length(oid).is_some()
}

fn key_length(oid: ObjectIdentifier) -> Option<usize> {
    match oid {
        pkcs12::PKCS_12_PBE_WITH_SHAAND3_KEY_TRIPLE_DES_CBC => Some(24),
        pkcs12::PKCS_12_PBE_WITH_SHAAND2_KEY_TRIPLE_DES_CBC
        | pkcs12::PKCS_12_PBE_WITH_SHAAND128_BIT_RC2_CBC => Some(16),
        pkcs12::PKCS_12_PBEWITH_SHAAND40_BIT_RC2_CBC => Some(5),
        _ => None,
    }
}

/// Decrypts `data`; a padding failure means the password does not fit (`WrongPassword`).
pub(crate) fn decrypt(
    alg: &AlgorithmIdentifierOwned,
    password: PbePassword,
    data: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let (key, iv) = key_and_iv(alg, password)?;
    let plain = match alg.oid {
        pkcs12::PKCS_12_PBE_WITH_SHAAND3_KEY_TRIPLE_DES_CBC => {
            decrypt_with::<TdesEde3>(&key, &iv, data)
        }
        pkcs12::PKCS_12_PBE_WITH_SHAAND2_KEY_TRIPLE_DES_CBC => {
            decrypt_with::<TdesEde2>(&key, &iv, data)
        }
        _ => decrypt_with::<Rc2>(&key, &iv, data),
    }?;
    Ok(Zeroizing::new(plain))
}

/// Encrypts `data` under the scheme, salt and iterations of `alg`.
pub(crate) fn encrypt(
    alg: &AlgorithmIdentifierOwned,
    password: PbePassword,
    data: &[u8],
) -> Result<Vec<u8>, Error> {
    let (key, iv) = key_and_iv(alg, password)?;
    match alg.oid {
        pkcs12::PKCS_12_PBE_WITH_SHAAND3_KEY_TRIPLE_DES_CBC => {
            encrypt_with::<TdesEde3>(&key, &iv, data)
        }
        pkcs12::PKCS_12_PBE_WITH_SHAAND2_KEY_TRIPLE_DES_CBC => {
            encrypt_with::<TdesEde2>(&key, &iv, data)
        }
        _ => encrypt_with::<Rc2>(&key, &iv, data),
    }
}

type KeyIv = (Zeroizing<Vec<u8>>, Zeroizing<Vec<u8>>);

fn key_and_iv(alg: &AlgorithmIdentifierOwned, password: PbePassword) -> Result<KeyIv, Error> {
    let length = key_length(alg.oid)
        .ok_or_else(|| Error::UnsupportedEncryption(format!("PKCS#12 PBE {}", alg.oid)))?;
    let params = alg
        .parameters
        .as_ref()
        .ok_or_else(|| Error::corrupt("PKCS#12 PBE without parameters"))?;
    let params = Pkcs12PbeParams::from_der(&params.to_der().map_err(Error::corrupt)?)
        .map_err(Error::corrupt)?;
    pbe::check_iterations(u64::try_from(params.iterations).unwrap_or(u64::MAX))?;
    let password = password.bytes()?;
    let salt = params.salt.as_bytes();
    let rounds = params.iterations;
    let derive = |kind, len| Zeroizing::new(derive_key::<Sha1>(&password, salt, kind, rounds, len));
    Ok((
        derive(Pkcs12KeyType::EncryptionKey, length),
        derive(Pkcs12KeyType::Iv, 8),
    ))
}

fn decrypt_with<C>(key: &[u8], iv: &[u8], data: &[u8]) -> Result<Vec<u8>, Error>
where
    C: KeyInit + BlockCipherDecrypt,
{
    cbc::Decryptor::<C>::new_from_slices(key, iv)
        .map_err(|_| Error::corrupt("PBE key length"))?
        .decrypt_padded_vec::<Pkcs7>(data)
        .map_err(|_| Error::WrongPassword)
}

fn encrypt_with<C>(key: &[u8], iv: &[u8], data: &[u8]) -> Result<Vec<u8>, Error>
where
    C: KeyInit + BlockCipherEncrypt,
{
    Ok(cbc::Encryptor::<C>::new_from_slices(key, iv)
        .map_err(|_| Error::corrupt("PBE key length"))?
        .encrypt_padded_vec::<Pkcs7>(data))
}
