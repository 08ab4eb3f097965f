//! PEM bundles: any mix and order of certificate, key and PKCS#7 blocks, with CRLF, a BOM,
//! leading text or OpenSSL "Bag Attributes" dumps around them. Keys in every OpenSSL form
//! become PKCS#8; anything but a plain `PRIVATE KEY` block is flagged as needing conversion
//! because Key Vault's PEM import only takes unencrypted PKCS#8.

use crate::keys::PrivateKey;
use crate::material::Material;
use crate::{Error, Password, encrypted_key, legacy_pem, pkcs7};

/// What a PEM file held.
pub(crate) struct PemContents {
    pub material: Material,
    /// A key was PKCS#1, SEC1 or encrypted, so Key Vault would refuse the file as is.
    pub key_needs_conversion: bool,
}

/// Reads every block of a PEM file.
pub(crate) fn read(bytes: &[u8], password: Option<&Password>) -> Result<PemContents, Error> {
    let blocks = pem::parse_many(bytes).map_err(|e| Error::corrupt(format!("PEM: {e}")))?;
    let mut material = Material::default();
    let mut key_needs_conversion = false;
    for block in &blocks {
        if let Some(dek) = block.headers().get("DEK-Info") {
            key_needs_conversion = true;
            let plain = legacy_pem::decrypt(dek, block.contents(), password)?;
            // A wrong password whose padding happens to check out yields garbage.
            let key = traditional_key(block.tag(), &plain).map_err(|_| Error::WrongPassword)?;
            material.keys.extend(key);
            continue;
        }
        let der = block.contents();
        if let Some(key) = traditional_key(block.tag(), der)? {
            key_needs_conversion = true;
            material.keys.push(key);
            continue;
        }
        match block.tag() {
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
                material.certificates.push(certificate(der)?);
            }
            "PRIVATE KEY" => material.keys.push(PrivateKey::from_pkcs8_der(der)?),
            "ENCRYPTED PRIVATE KEY" => {
                key_needs_conversion = true;
                material.keys.push(encrypted_key::decrypt(der, password)?);
            }
            "PKCS7" | "PKCS #7 SIGNED DATA" | "CMS" => {
                material.certificates.extend(pkcs7::certificates(der)?);
            }
            // EC PARAMETERS, public keys, CSRs, CRLs: nothing Key Vault imports.
            _ => {}
        }
    }
    if material.certificates.is_empty() && material.keys.is_empty() {
        return Err(Error::NotACertificate);
    }
    Ok(PemContents {
        material,
        key_needs_conversion,
    })
}

/// A key in one of OpenSSL's traditional forms (`RSA`, `EC`, `DSA PRIVATE KEY`) as PKCS#8;
/// `None` for other blocks.
fn traditional_key(tag: &str, der: &[u8]) -> Result<Option<PrivateKey>, Error> {
    Ok(Some(match tag {
        "RSA PRIVATE KEY" => PrivateKey::from_pkcs1_der(der)?,
        "EC PRIVATE KEY" => PrivateKey::from_sec1_der(der)?,
        "DSA PRIVATE KEY" => PrivateKey::from_dsa_der(der)?,
        _ => return Ok(None),
    }))
}

/// Checks a certificate block and keeps only the certificate (an OpenSSL `TRUSTED
/// CERTIFICATE` appends trust settings after it).
fn certificate(der: &[u8]) -> Result<Vec<u8>, Error> {
    let (rest, _) = x509_parser::parse_x509_certificate(der)
        .map_err(|e| Error::corrupt(format!("certificate: {e}")))?;
    Ok(der[..der.len() - rest.len()].to_vec())
}
