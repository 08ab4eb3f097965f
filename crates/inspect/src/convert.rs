//! Repair and conversion into what Key Vault imports: normalised PEM (unencrypted PKCS#8 key,
//! then the chain leaf-first, LF line ends) or a re-encoded PFX, modern or legacy-compatible.

use der::{Decode, Encode};
use p12_keystore::{
    Certificate, EncryptionAlgorithm, KeyStore, KeyStoreEntry, MacAlgorithm, PrivateKeyChain,
};
use pkcs12::pfx::Pfx;
use sha1::{Digest, Sha1};
use zeroize::Zeroizing;

use crate::keys::PrivateKey;
use crate::material::Material;
use crate::pkcs12_pbe::PbePassword;
use crate::{Error, Password, rekey};

/// Key derivation iterations we write: OpenSSL 3's default, opened quickly everywhere.
const WRITE_ITERATIONS: u32 = 2048;
/// Iterations of the legacy form: what Windows and Key Vault write.
const LEGACY_ITERATIONS: u32 = 2000;

/// How a written PFX is encrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PfxEncryption {
    /// PBES2 AES-256-CBC with PBKDF2-HMAC-SHA256, SHA-256 MAC (OpenSSL 3's default).
    Modern,
    /// pbeWithSHA1And3-KeyTripleDES-CBC, SHA-1 MAC, 2,000 iterations: opens on Windows Server
    /// 2016, old Java and OpenSSL 3 without `-legacy`. With [`PfxPassword::Null`] this is
    /// exactly the form of Key Vault's PFX secrets.
    Legacy,
}

/// The password a written PFX is protected with.
#[derive(Debug, Clone, Copy)]
pub enum PfxPassword<'a> {
    /// The zero-length NULL password, as Azure Key Vault writes its PFX secrets.
    Null,
    /// A password (may be empty: then the BMP-encoded empty string, as `openssl -passout pass:`).
    Text(&'a Password),
}

/// Writes the leaf key (matched by public key, else the first key) with the chain leaf-first,
/// `localKeyId` linking key and leaf. Certificate-only material gives a certificate-only PFX.
pub fn to_pfx(m: &Material, password: PfxPassword, enc: PfxEncryption) -> Result<Vec<u8>, Error> {
    let (algorithm, mac, iterations) = match enc {
        PfxEncryption::Modern => (
            EncryptionAlgorithm::PbeWithHmacSha256AndAes256,
            MacAlgorithm::HmacSha256,
            WRITE_ITERATIONS,
        ),
        PfxEncryption::Legacy => (
            EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc,
            MacAlgorithm::HmacSha1,
            LEGACY_ITERATIONS,
        ),
    };
    let chain = m.leaf_first();
    let certs = chain
        .iter()
        .map(|der| Certificate::from_der(der).map_err(Error::corrupt))
        .collect::<Result<Vec<_>, _>>()?;
    let mut store = KeyStore::new();
    match (leaf_key(m), chain.first()) {
        (Some(key), Some(leaf)) => {
            let key =
                p12_keystore::PrivateKey::from_der(key.pkcs8_der()).map_err(Error::corrupt)?;
            let local_key_id = Sha1::digest(leaf).to_vec();
            store.add_entry(
                "1",
                KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(local_key_id, key, certs)),
            );
        }
        (None, Some(_)) => {
            for (i, cert) in certs.into_iter().enumerate() {
                store.add_entry(&format!("{}", i + 1), KeyStoreEntry::Certificate(cert));
            }
        }
        _ => return Err(Error::NotACertificate),
    }
    let text = match password {
        PfxPassword::Null => "",
        PfxPassword::Text(p) => p.as_str(),
    };
    let der = store
        .writer(text)
        .encryption_algorithm(algorithm)
        .encryption_iterations(iterations)
        .mac_algorithm(mac)
        .mac_iterations(iterations)
        .write()
        .map_err(Error::corrupt)?;
    match password {
        PfxPassword::Null => resign_with_null_password(&der),
        PfxPassword::Text(_) => Ok(der),
    }
}

/// Writes an unencrypted PKCS#8 `PRIVATE KEY` (the leaf's) followed by the chain leaf-first.
pub fn to_pem(m: &Material) -> Result<Zeroizing<String>, Error> {
    let key = leaf_key(m).map(|key| Zeroizing::new(key.pkcs8_der().to_vec()));
    pem_bundle(m, key.as_ref().map(|der| ("PRIVATE KEY", der.as_slice())))
}

/// Like [`to_pem`], with the key as an `ENCRYPTED PRIVATE KEY`: PBES2 AES-256-CBC with
/// PBKDF2-HMAC-SHA256 (what `openssl pkcs8 -topk8 -v2 aes-256-cbc` writes).
pub fn to_encrypted_pem(m: &Material, password: &Password) -> Result<Zeroizing<String>, Error> {
    let key = leaf_key(m).ok_or_else(|| Error::corrupt("no private key to encrypt"))?;
    let mut salt = [0u8; 16];
    let mut iv = [0u8; 16];
    getrandom::fill(&mut salt)
        .and_then(|()| getrandom::fill(&mut iv))
        .map_err(|e| Error::Io(format!("no randomness for the salt: {e}")))?;
    let params =
        pkcs5::pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(WRITE_ITERATIONS, &salt, iv)
            .map_err(Error::corrupt)?;
    let info = pkcs8::PrivateKeyInfoRef::try_from(key.pkcs8_der()).map_err(Error::corrupt)?;
    let encrypted = info
        .encrypt_with_params(params, password.as_str().as_bytes())
        .map_err(Error::corrupt)?;
    pem_bundle(m, Some(("ENCRYPTED PRIVATE KEY", encrypted.as_bytes())))
}

/// A key block (when given) then the chain leaf-first, LF line ends.
fn pem_bundle(m: &Material, key: Option<(&str, &[u8])>) -> Result<Zeroizing<String>, Error> {
    let chain = m.leaf_first();
    if chain.is_empty() && key.is_none() {
        return Err(Error::NotACertificate);
    }
    let config = pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF);
    let mut out = Zeroizing::new(String::new());
    if let Some((tag, der)) = key {
        out.push_str(&Zeroizing::new(pem::encode_config(
            &pem::Pem::new(tag, der),
            config,
        )));
    }
    for der in chain {
        out.push_str(&pem::encode_config(
            &pem::Pem::new("CERTIFICATE", der),
            config,
        ));
    }
    Ok(out)
}

fn leaf_key(m: &Material) -> Option<&PrivateKey> {
    let chain = m.chain();
    chain
        .order
        .first()
        .and_then(|&leaf| m.key_for(leaf))
        .or_else(|| m.keys.first())
}

/// Moves a PFX written with the BMP empty password to the NULL password: PKCS#12-PBE bags are
/// re-keyed (PBES2 bags are the same for both), and the MAC is keyed from the NULL password.
fn resign_with_null_password(der: &[u8]) -> Result<Vec<u8>, Error> {
    let mut pfx = Pfx::from_der(der).map_err(Error::corrupt)?;
    rekey::rekey(&mut pfx, PbePassword::Text(""), PbePassword::Null)?;
    let Some(mac_data) = pfx.mac_data.as_mut() else {
        return pfx.to_der().map_err(Error::corrupt);
    };
    let digest = crate::pkcs12::null_password_mac(mac_data, pfx.auth_safe.content.value())?;
    mac_data.mac.digest = der::asn1::OctetString::new(digest).map_err(Error::corrupt)?;
    pfx.to_der().map_err(Error::corrupt)
}
