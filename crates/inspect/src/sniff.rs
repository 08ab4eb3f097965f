//! Decides a file's format from its content, never its name: users drop PEM named `.pfx`,
//! base64 text of a PFX (what `az keyvault secret download` writes), P7B chains and images.

use std::borrow::Cow;

use crate::Error;
use crate::report::Format;
use base64::Engine;
use der::Decode;

/// Largest input we read: real certificate files are a few KiB; 1 MiB leaves room for long
/// chains and bundles while bounding memory and parse time.
pub const MAX_INPUT_BYTES: usize = 1 << 20;

/// A sniffed input: its format and the bytes to parse (decoded when it was base64).
pub(crate) struct Sniffed<'a> {
    pub format: Format,
    pub bytes: Cow<'a, [u8]>,
}

/// Sniffs `bytes`, failing with `TooLarge`, `NotACertificate` or `Corrupt`.
pub(crate) fn sniff(bytes: &[u8]) -> Result<Sniffed<'_>, Error> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            limit: MAX_INPUT_BYTES,
        });
    }
    match bytes.get(..4) {
        Some([0xFE, 0xED, 0xFE, 0xED]) => return Err(Error::JavaKeystore("JKS")),
        Some([0xCE, 0xCE, 0xCE, 0xCE]) => return Err(Error::JavaKeystore("JCEKS")),
        _ => {}
    }
    if bytes.windows(11).any(|w| w == b"-----BEGIN ") {
        return Ok(Sniffed {
            format: Format::Pem,
            bytes: Cow::Borrowed(bytes),
        });
    }
    if bytes.first() == Some(&0x30) {
        return sniff_der(bytes).map(|format| Sniffed {
            format,
            bytes: Cow::Borrowed(bytes),
        });
    }
    let decoded = base64_text(bytes).ok_or(Error::NotACertificate)?;
    match sniff_der(&decoded)? {
        Format::Pkcs12 => Ok(Sniffed {
            format: Format::Pkcs12Base64,
            bytes: Cow::Owned(decoded),
        }),
        format => Ok(Sniffed {
            format,
            bytes: Cow::Owned(decoded),
        }),
    }
}

/// Classifies DER by trying each structure, most specific first.
fn sniff_der(der: &[u8]) -> Result<Format, Error> {
    if der.first() != Some(&0x30) {
        return Err(Error::NotACertificate);
    }
    if pkcs12::pfx::Pfx::from_der(der).is_ok() {
        return Ok(Format::Pkcs12);
    }
    if x509_parser::parse_x509_certificate(der).is_ok() {
        return Ok(Format::DerCertificate);
    }
    if is_private_key(der) {
        return Ok(Format::DerPrivateKey);
    }
    if crate::pkcs7::is_pkcs7(der) {
        return Ok(Format::Pkcs7);
    }
    // A DER SEQUENCE whose declared length runs past the end was cut short.
    let header = der::SliceReader::new(der).and_then(|r| der::Header::peek(&r));
    match header {
        Ok(header) if usize::try_from(header.length()).is_ok_and(|len| len + 2 > der.len()) => {
            Err(Error::corrupt("the file is truncated"))
        }
        Ok(_)
            if der.get(2..5) == Some(&[0x02, 0x01, 0x03])
                || der.get(4..7) == Some(&[0x02, 0x01, 0x03]) =>
        {
            Err(Error::corrupt("damaged PKCS#12 structure"))
        }
        _ => Err(Error::NotACertificate),
    }
}

fn is_private_key(der: &[u8]) -> bool {
    pkcs8::PrivateKeyInfoRef::try_from(der).is_ok()
        || pkcs12::pbe_params::EncryptedPrivateKeyInfo::from_der(der).is_ok()
        || pkcs1::RsaPrivateKey::<pkcs1::UintRef>::from_der(der).is_ok()
        || sec1::EcPrivateKey::from_der(der).is_ok()
}

/// Decodes text that is nothing but base64 (any line breaks, optional BOM).
fn base64_text(bytes: &[u8]) -> Option<Vec<u8>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let compact: Vec<u8> = bytes
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if compact.len() < 16 {
        return None;
    }
    base64::engine::general_purpose::STANDARD
        .decode(&compact)
        .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(&compact))
        .ok()
        .filter(|der| der.first() == Some(&0x30))
}
