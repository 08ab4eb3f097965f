//! Reads any supported file into [`Material`], dispatching on the sniffed format to the reader
//! of each format, and keeps what the report needs beyond the material.

use crate::keys::PrivateKey;
use crate::material::Material;
use crate::report::{Format, Pkcs12Encryption};
use crate::sniff::sniff;
use crate::{Error, Password, certificate, encrypted_key, pem, pkcs7, pkcs12};

/// A read file with what the report needs beyond its material.
pub(crate) struct Parsed {
    pub material: Material,
    pub format: Format,
    pub pkcs12: Option<Pkcs12Encryption>,
    pub key_needs_conversion: bool,
}

/// Reads any supported format: PFX (DER or base64 text), PEM (any key form, decrypting with
/// `password`), DER certificate, DER key, P7B.
pub fn read_material(bytes: &[u8], password: Option<&Password>) -> Result<Material, Error> {
    parse(bytes, password).map(|parsed| parsed.material)
}

pub(crate) fn parse(bytes: &[u8], password: Option<&Password>) -> Result<Parsed, Error> {
    let sniffed = sniff(bytes)?;
    let der = sniffed.bytes.as_ref();
    let mut parsed = Parsed {
        material: Material::default(),
        format: sniffed.format,
        pkcs12: None,
        key_needs_conversion: false,
    };
    match sniffed.format {
        Format::Pkcs12 | Format::Pkcs12Base64 => {
            let (material, encryption) = pkcs12::read(der, password)?;
            parsed.material = material;
            parsed.pkcs12 = Some(encryption);
        }
        Format::Pem => {
            let contents = pem::read(der, password)?;
            parsed.material = contents.material;
            parsed.key_needs_conversion = contents.key_needs_conversion;
        }
        Format::DerCertificate => parsed.material.certificates.push(der.to_vec()),
        Format::DerPrivateKey => {
            let (key, converted) = der_key(der, password)?;
            parsed.material.keys.push(key);
            parsed.key_needs_conversion = converted;
        }
        Format::Pkcs7 => parsed.material.certificates = pkcs7::certificates(der)?,
    }
    for der in &parsed.material.certificates {
        certificate::check(der)?;
    }
    Ok(parsed)
}

/// A lone DER key in any of the forms OpenSSL writes; `true` when it was not plain PKCS#8.
fn der_key(der: &[u8], password: Option<&Password>) -> Result<(PrivateKey, bool), Error> {
    if let Ok(key) = PrivateKey::from_pkcs8_der(der) {
        return Ok((key, false));
    }
    let key = PrivateKey::from_pkcs1_der(der)
        .or_else(|_| PrivateKey::from_sec1_der(der))
        .or_else(|_| encrypted_key::decrypt(der, password))?;
    Ok((key, true))
}
