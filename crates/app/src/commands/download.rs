//! Downloading a certificate: alone (CER, PEM), its chain, or with its private key (PFX
//! re-protected with the user's password or as Key Vault stores it, PEM with the key). The
//! key is read from the certificate's secret in the backend, written to a file the user picked
//! in the native dialog (mode 0600) and never sent to the webview: only the path and a summary
//! go back.

use errors::{Code, Error, Result};
use inspect::convert::{PfxEncryption, PfxPassword, to_encrypted_pem, to_pem, to_pfx};
use inspect::{Material, Password};
use serde::{Deserialize, Serialize};
use vault::{CertificateName, VersionId};
use zeroize::Zeroizing;

use super::VaultId;
use crate::{App, Host};

/// What to download.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum DownloadFormat {
    /// The certificate alone, DER (`.cer`).
    Cer,
    /// The certificate alone, PEM.
    Pem,
    /// The certificate and its chain, leaf first, PEM.
    ChainPem,
    /// Key and chain as PFX, protected with the user's password (AES-256-CBC, PBKDF2-SHA256,
    /// SHA-256 MAC).
    Pfx,
    /// The PFX exactly as Key Vault stores it: no password (NULL), 3DES, SHA-1 MAC.
    PfxAsStored,
    /// Key then chain, PEM; the key encrypted PKCS#8 when a password is given.
    PemWithKey,
}

impl DownloadFormat {
    fn file_name(self, name: &str) -> String {
        match self {
            DownloadFormat::Cer => format!("{name}.cer"),
            DownloadFormat::Pem => format!("{name}.pem"),
            DownloadFormat::ChainPem => format!("{name}-chain.pem"),
            DownloadFormat::Pfx | DownloadFormat::PfxAsStored => format!("{name}.pfx"),
            DownloadFormat::PemWithKey => format!("{name}-with-key.pem"),
        }
    }
}

// No `Debug`: it carries a password.
#[derive(Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DownloadArgs {
    pub vault: VaultId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub name: CertificateName,
    /// `None`: the current version.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub version: Option<VersionId>,
    pub format: DownloadFormat,
    /// Protects the key: required for `Pfx`, optional for `PemWithKey`, ignored otherwise.
    pub password: Option<String>,
}

/// Where the file went and what it holds.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Downloaded {
    pub path: String,
    /// In words, e.g. "the certificate, 1 chain certificate and the private key, protected…".
    pub summary: String,
}

/// Downloads the certificate in `format` to a path the user picks; `None` when cancelled.
pub async fn download_certificate(
    app: &App,
    host: &dyn Host,
    args: DownloadArgs,
) -> Result<Option<Downloaded>> {
    let DownloadArgs {
        vault,
        name,
        version,
        format,
        password,
    } = args;
    let password = password.map(Password::new);
    if format == DownloadFormat::Pfx && password.as_ref().is_none_or(Password::is_empty) {
        return Err(Error::new(
            Code::InvalidInput,
            "A PFX download needs a password to protect the private key.",
        )
        .with_hint("Choose a password (and keep it: it is needed to open the file), or save the PFX as Key Vault stores it, without a password."));
    }
    // Read before asking where to save: a refusal (403, no key) shows without a dialog.
    let connection = app.vaults.connect(vault).await?;
    let version = version.as_deref();
    let (bytes, summary) = match format {
        DownloadFormat::Cer | DownloadFormat::Pem => {
            let der = vault::read_certificate_der(&connection, &name, version).await?;
            let bytes = if format == DownloadFormat::Cer {
                Zeroizing::new(der)
            } else {
                bytes(to_pem(&certificates_only(vec![der])).map_err(Error::from)?)
            };
            (bytes, "the certificate".to_owned())
        }
        _ => {
            let secret = vault::read_certificate_secret(&connection, &name, version).await?;
            with_secret(&secret, format, password.as_ref())?
        }
    };
    let Some(path) = host.choose_save_path(&format.file_name(&name)).await else {
        return Ok(None);
    };
    files::write_private(&path, &bytes).map_err(|err| Error::io("write", &path, &err))?;
    Ok(Some(Downloaded {
        path: path.display().to_string(),
        summary,
    }))
}

/// The file and its description for the formats read from the secret.
fn with_secret(
    secret: &vault::CertificateSecret,
    format: DownloadFormat,
    password: Option<&Password>,
) -> Result<(Zeroizing<Vec<u8>>, String)> {
    let material = &secret.material;
    let chain = chain_words(material);
    if format == DownloadFormat::ChainPem {
        let pem = to_pem(&certificates_only(material.certificates.clone()));
        return Ok((bytes(pem.map_err(Error::from)?), chain));
    }
    secret.key()?;
    let with_key = format!("{chain} and the private key");
    Ok(match (format, password.filter(|p| !p.is_empty())) {
        (DownloadFormat::PfxAsStored, _) if secret.pkcs12 => (
            secret.stored.clone(),
            format!("{with_key}, as Key Vault stores it: no password (3DES, SHA-1 MAC)"),
        ),
        (DownloadFormat::PfxAsStored, _) => (
            to_pfx(material, PfxPassword::Null, PfxEncryption::Legacy)
                .map(Zeroizing::new)
                .map_err(Error::from)?,
            format!("{with_key}, without a password (3DES, SHA-1 MAC, as Key Vault writes PFX)"),
        ),
        (DownloadFormat::Pfx, Some(password)) => (
            to_pfx(material, PfxPassword::Text(password), PfxEncryption::Modern)
                .map(Zeroizing::new)
                .map_err(Error::from)?,
            format!(
                "{with_key}, protected by your password (AES-256-CBC, PBKDF2-SHA256, SHA-256 MAC)"
            ),
        ),
        (DownloadFormat::PemWithKey, Some(password)) => (
            bytes(to_encrypted_pem(material, password).map_err(Error::from)?),
            format!("{with_key}, encrypted by your password (PKCS#8, AES-256-CBC)"),
        ),
        (DownloadFormat::PemWithKey, None) => (
            bytes(to_pem(material).map_err(Error::from)?),
            format!("{with_key}, unencrypted"),
        ),
        _ => return Err(Error::internal("unexpected download format")),
    })
}

fn certificates_only(certificates: Vec<Vec<u8>>) -> Material {
    Material {
        certificates,
        keys: Vec::new(),
    }
}

fn bytes(text: Zeroizing<String>) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(text.as_bytes().to_vec())
}

/// "the certificate", "the certificate with 2 chain certificates".
fn chain_words(material: &Material) -> String {
    match material.certificates.len().saturating_sub(1) {
        0 => "the certificate".to_owned(),
        1 => "the certificate with 1 chain certificate".to_owned(),
        n => format!("the certificate with {n} chain certificates"),
    }
}
