//! Certificate files through the `inspect` crate: import parsing, merge chains, secret values.
//! No PFX/PEM parsing lives here.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use inspect::convert::{PfxEncryption, PfxPassword, to_pem, to_pfx};
use inspect::{Material, Password, PrivateKey, read_material};
use zeroize::Zeroizing;

use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::Version;
use crate::domain::policy::{PEM, PKCS12};

/// What an import yields.
pub struct Imported {
    /// DER certificates in stored order.
    pub chain: Vec<Vec<u8>>,
    /// Index of the leaf.
    pub leaf: usize,
    /// PKCS#8 DER key.
    pub key: Zeroizing<Vec<u8>>,
    /// Secret content type matching the input format.
    pub content_type: &'static str,
}

fn file_error(e: inspect::Error) -> ApiError {
    let what = match e {
        inspect::Error::WrongPassword => {
            "the password is wrong (or the file is damaged)".to_string()
        }
        inspect::Error::PasswordRequired => {
            "the file is password-protected and no password (pwd) was given".into()
        }
        other => other.to_string(),
    };
    ApiError::bad_parameter(format!("The certificate file cannot be read: {what}."))
}

/// The bytes of a `value` that is base64 (of a PFX or of PEM text) or PEM text itself.
fn value_bytes(value: &str) -> Vec<u8> {
    let trimmed = value.trim();
    if trimmed.starts_with("-----BEGIN") {
        return trimmed.as_bytes().to_vec();
    }
    let compact: String = trimmed
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    STANDARD
        .decode(compact)
        .unwrap_or_else(|_| trimmed.as_bytes().to_vec())
}

/// Parses an import `value` (base64 PFX, base64 PEM or PEM text) with its password. The chain
/// is stored leaf first unless `preserve_order`.
pub fn parse_import(value: &str, pwd: Option<&str>, preserve_order: bool) -> ApiResult<Imported> {
    let bytes = value_bytes(value);
    let is_pem = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).contains("-----BEGIN");
    if is_pem {
        reject_pem_key_forms(&bytes)?;
    }
    let password = pwd
        .filter(|p| !p.is_empty())
        .map(|p| Password::new(p.to_string()));
    let material = read_material(&bytes, password.as_ref()).map_err(file_error)?;
    let key = match material.keys.as_slice() {
        [key] => key,
        [] => {
            return Err(ApiError::bad_parameter(
                "The file holds no private key: import needs the certificate's key.",
            ));
        }
        _ => {
            return Err(ApiError::bad_parameter(
                "The file holds several private keys: import takes exactly one.",
            ));
        }
    };
    let chain: Vec<Vec<u8>> = if preserve_order {
        material.certificates.clone()
    } else {
        material
            .leaf_first()
            .into_iter()
            .map(<[u8]>::to_vec)
            .collect()
    };
    let leaf = chain.iter().position(|c| key.matches(c)).ok_or_else(|| {
        ApiError::bad_parameter("No certificate in the file matches its private key.")
    })?;
    Ok(Imported {
        key: Zeroizing::new(key.pkcs8_der().to_vec()),
        chain,
        leaf,
        content_type: if is_pem { PEM } else { PKCS12 },
    })
}

/// Like the service, PEM import takes only an unencrypted PKCS#8 key (`BEGIN PRIVATE KEY`):
/// PKCS#1, SEC1 and encrypted keys are refused with the service's words.
fn reject_pem_key_forms(bytes: &[u8]) -> ApiResult<()> {
    let needs_conversion = match inspect::inspect(bytes, None) {
        Ok(report) => report
            .key_vault
            .problems
            .iter()
            .any(|p| p.code == inspect::FindingCode::PemKeyNeedsConversion),
        Err(inspect::Error::PasswordRequired | inspect::Error::WrongPassword) => true,
        Err(_) => false,
    };
    if needs_conversion {
        return Err(ApiError::bad_parameter(
            "The specified PEM X.509 certificate content is in an unexpected format. Please \
             check if certificate is in valid PEM format.",
        ));
    }
    Ok(())
}

/// Parses merge `x5c` entries (base64 DER, base64 P7B, PEM) into DER certificates.
pub fn merge_chain(x5c: &[String]) -> ApiResult<Vec<Vec<u8>>> {
    let mut chain = Vec::new();
    for entry in x5c {
        chain.extend(
            read_material(&value_bytes(entry), None)
                .map_err(file_error)?
                .certificates,
        );
    }
    if chain.is_empty() {
        return Err(ApiError::bad_parameter("x5c holds no certificate."));
    }
    Ok(chain)
}

/// The secret value of a version: base64 PFX exactly as the service writes them (NULL password,
/// 3DES key and certificate bags, SHA-1 MAC, 2,000 iterations), or PEM (key, then the chain). A
/// non-exportable key stays out of both.
pub fn secret_value(version: &Version) -> ApiResult<String> {
    let internal = |e: inspect::Error| ApiError::internal(format!("Cannot build the secret: {e}"));
    let mut material = Material::default();
    for cert in version.chain() {
        material.certificates.push(
            STANDARD
                .decode(cert)
                .map_err(|e| ApiError::internal(e.to_string()))?,
        );
    }
    if version.exportable {
        material
            .keys
            .push(PrivateKey::from_pkcs8_der(&version.key_der()).map_err(internal)?);
    }
    if version.content_type == PEM {
        to_pem(&material)
            .map(|pem| pem.to_string())
            .map_err(internal)
    } else {
        to_pfx(&material, PfxPassword::Null, PfxEncryption::Legacy)
            .map(|pfx| STANDARD.encode(pfx))
            .map_err(internal)
    }
}
