//! From dropped files to what Key Vault's import will accept: one or more opened files (a PFX,
//! a PEM bundle, a `.cer` with its `.key`) combined, repaired and written as the PFX or PEM
//! that is sent, with every repair said in words. Nothing that would be refused is written.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::convert::{PfxEncryption, PfxPassword, to_pem, to_pfx};
use crate::explain;
use crate::material::Material;
use crate::read::{self, Parsed};
use crate::report::{Format, Pkcs12Encryption, Report};
use crate::{Error, Password};

// Other crates (vault) check names through the import module.
pub use crate::names::{MAX_NAME_LEN, check_name, suggest_name};

/// A file read for import: what it holds, and what is needed to send it as it is.
pub struct OpenedFile {
    parsed: Parsed,
    report: Report,
    original: Zeroizing<Vec<u8>>,
    password: Option<Password>,
}

impl OpenedFile {
    /// Reads `bytes`, decrypting with `password` where the file needs one.
    pub fn open(bytes: Zeroizing<Vec<u8>>, password: Option<Password>) -> Result<Self, Error> {
        let parsed = read::parse(&bytes, password.as_ref())?;
        let report = explain::report(&parsed)?;
        Ok(Self {
            parsed,
            report,
            original: bytes,
            password,
        })
    }

    /// What the file holds, as read.
    pub fn report(&self) -> &Report {
        &self.report
    }
}

/// Never prints the bytes, keys or password.
impl std::fmt::Debug for OpenedFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenedFile")
            .field("format", &self.parsed.format)
            .field("certificates", &self.report.certificates.len())
            .finish_non_exhaustive()
    }
}

/// The secret format the vault stores (and later downloads) the certificate in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ContentType {
    Pfx,
    Pem,
}

impl Repair {
    fn new(code: RepairCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl ContentType {
    /// The policy's `contentType`.
    pub fn mime(self) -> &'static str {
        match self {
            ContentType::Pfx => "application/x-pkcs12",
            ContentType::Pem => "application/x-pem-file",
        }
    }
}

/// A change made so that Key Vault accepts the files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Repair {
    pub code: RepairCode,
    /// What was changed, for the user.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum RepairCode {
    /// Several files (certificate and key) make one certificate.
    Combined,
    /// A PKCS#1/SEC1/encrypted PEM key is sent as unencrypted PKCS#8.
    KeyConverted,
    /// Keys that are not the certificate's are left out.
    KeysDropped,
    /// The chain is sent leaf first.
    ChainReordered,
    /// CRLF line ends are sent as LF.
    LineEndings,
    /// A PFX is written afresh in an encryption Key Vault reads.
    PfxReencoded,
    /// The certificate is sent in the other format than the file's.
    FormatConverted,
}

/// What an import will send, judged before anything is sent.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportPlan {
    pub content_type: ContentType,
    /// The certificate and key as they will be sent, with Key Vault's verdict on them.
    pub report: Report,
    pub repairs: Vec<Repair>,
    /// One line on what goes over the wire.
    pub sends: String,
    /// A certificate name from the leaf's common name (Key Vault's rules: `0-9a-zA-Z-`).
    pub suggested_name: Option<String>,
}

/// The import request's `value` and `pwd`.
pub struct Payload {
    pub content_type: ContentType,
    /// Base64 of a PFX, or PEM text.
    pub value: Zeroizing<String>,
    pub password: Option<Password>,
}

/// Plans the import of `files` as one certificate, as `content_type` (default: PFX for a PFX,
/// PEM otherwise). The payload is `None` when Key Vault would refuse what would be sent.
pub fn plan(
    files: &[&OpenedFile],
    content_type: Option<ContentType>,
) -> Result<(ImportPlan, Option<Payload>), Error> {
    let Some(first) = files.first() else {
        return Err(Error::NotACertificate);
    };
    let is_pfx = |f: &OpenedFile| matches!(f.parsed.format, Format::Pkcs12 | Format::Pkcs12Base64);
    let content_type = content_type.unwrap_or(if files.len() == 1 && is_pfx(first) {
        ContentType::Pfx
    } else {
        ContentType::Pem
    });
    let mut repairs = Vec::new();

    let combined = combine(files);
    if files.len() > 1 {
        repairs.push(Repair::new(
            RepairCode::Combined,
            format!(
                "The certificate and its private key come from {} files and are sent as one.",
                files.len()
            ),
        ));
    }
    let sent = leaf_material(&combined);
    if sent.keys.len() < combined.keys.len() {
        let dropped = combined.keys.len() - sent.keys.len();
        repairs.push(Repair::new(
            RepairCode::KeysDropped,
            format!("{dropped} private key(s) that do not belong to the certificate are left out."),
        ));
    }
    if combined
        .chain()
        .order
        .iter()
        .enumerate()
        .any(|(i, &at)| i != at)
    {
        repairs.push(Repair::new(
            RepairCode::ChainReordered,
            "The chain is sent leaf first (the file had it in another order).",
        ));
    }
    let sent_report = explain::report(&Parsed {
        material: sent.clone(),
        format: match content_type {
            ContentType::Pfx => Format::Pkcs12,
            ContentType::Pem => Format::Pem,
        },
        pkcs12: None,
        key_needs_conversion: false,
    })?;

    let as_is = files.len() == 1 && repairs.is_empty();
    let (payload, sends) = match content_type {
        ContentType::Pem => {
            if files.iter().any(|f| f.parsed.key_needs_conversion) {
                repairs.push(Repair::new(
                    RepairCode::KeyConverted,
                    "The private key is sent as unencrypted PKCS#8 (BEGIN PRIVATE KEY), the only \
                     PEM key form Key Vault imports.",
                ));
            }
            if files
                .iter()
                .any(|f| f.parsed.format == Format::Pem && f.original.contains(&b'\r'))
            {
                repairs.push(Repair::new(
                    RepairCode::LineEndings,
                    "CRLF line ends are sent as LF.",
                ));
            }
            if !files.iter().all(|f| f.parsed.format == Format::Pem) {
                repairs.push(Repair::new(
                    RepairCode::FormatConverted,
                    "The certificate is sent as PEM, so the vault stores and downloads it as PEM.",
                ));
            }
            let pem = to_pem(&sent)?;
            let sends = format!(
                "PEM: {}{} certificate(s), leaf first, LF line ends.",
                if sent.keys.is_empty() {
                    ""
                } else {
                    "an unencrypted PKCS#8 key and "
                },
                sent.certificates.len()
            );
            (
                Payload {
                    content_type,
                    value: pem,
                    password: None,
                },
                sends,
            )
        }
        ContentType::Pfx => {
            let unreadable = first.parsed.pkcs12.as_ref().and_then(unsafe_encryption);
            if let (true, Some(reason)) = (files.len() == 1, &unreadable) {
                repairs.push(Repair::new(
                    RepairCode::PfxReencoded,
                    format!("The PFX is written afresh with AES-256 and a SHA-256 MAC: {reason}."),
                ));
            }
            if as_is && is_pfx(first) && unreadable.is_none() {
                let value = match first.parsed.format {
                    Format::Pkcs12 => Zeroizing::new(STANDARD.encode(&*first.original)),
                    _ => Zeroizing::new(
                        String::from_utf8_lossy(&first.original)
                            .split_ascii_whitespace()
                            .collect(),
                    ),
                };
                let payload = Payload {
                    content_type,
                    value,
                    password: first.password.clone(),
                };
                (
                    payload,
                    "The PFX exactly as dropped, with its password.".to_string(),
                )
            } else {
                if !is_pfx(first) || files.len() > 1 {
                    repairs.push(Repair::new(
                        RepairCode::FormatConverted,
                        "The certificate is sent as a PFX, so the vault stores and downloads it \
                         as PFX.",
                    ));
                }
                // Written the way Key Vault writes its own: AES-256, the empty (NULL) password.
                let der = Zeroizing::new(to_pfx(&sent, PfxPassword::Null, PfxEncryption::Modern)?);
                let payload = Payload {
                    content_type,
                    value: Zeroizing::new(STANDARD.encode(&*der)),
                    password: None,
                };
                let sends = format!(
                    "A new PFX: {}{} certificate(s) leaf first, AES-256, no password (as Key Vault \
                     stores them).",
                    if sent.keys.is_empty() {
                        ""
                    } else {
                        "the private key and "
                    },
                    sent.certificates.len()
                );
                (payload, sends)
            }
        }
    };
    let suggested_name = sent_report
        .certificates
        .first()
        .and_then(|leaf| common_name(&leaf.subject))
        .and_then(|cn| suggest_name(&cn));
    let importable = sent_report.key_vault.importable;
    let plan = ImportPlan {
        content_type,
        report: sent_report,
        repairs,
        sends,
        suggested_name,
    };
    Ok((plan, importable.then_some(payload)))
}

/// All files' certificates and keys, without duplicates.
fn combine(files: &[&OpenedFile]) -> Material {
    let mut combined = Material::default();
    for file in files {
        let m = &file.parsed.material;
        for cert in &m.certificates {
            if !combined.certificates.contains(cert) {
                combined.certificates.push(cert.clone());
            }
        }
        for key in &m.keys {
            if !combined
                .keys
                .iter()
                .any(|k| k.pkcs8_der() == key.pkcs8_der())
            {
                combined.keys.push(key.clone());
            }
        }
    }
    combined
}

/// The chain leaf first, with only the leaf's key when one of several keys is the leaf's.
fn leaf_material(m: &Material) -> Material {
    let certificates: Vec<Vec<u8>> = m.leaf_first().into_iter().map(<[u8]>::to_vec).collect();
    let leaf_key = certificates
        .first()
        .and_then(|leaf| m.keys.iter().find(|key| key.matches(leaf)));
    let keys = match leaf_key {
        Some(key) if m.keys.len() > 1 => vec![key.clone()],
        _ => m.keys.clone(),
    };
    Material { certificates, keys }
}

/// Why a PFX's protection may not open in Key Vault, if it may not.
fn unsafe_encryption(enc: &Pkcs12Encryption) -> Option<String> {
    if enc.mac.is_none() {
        return Some("the file has no integrity MAC".into());
    }
    [&enc.certificates, &enc.keys]
        .into_iter()
        .flatten()
        .find(|alg| {
            let known = alg.as_str() == "none"
                || alg.contains("TripleDES")
                || alg.contains("DES-EDE3-CBC")
                || (alg.starts_with("PBES2 AES-")
                    && alg.contains("-CBC")
                    && alg.contains("PBKDF2"));
            !known
        })
        .map(|alg| format!("it uses {alg}, which Key Vault may not read"))
}

/// The `CN=` value of a distinguished name as [`crate::CertificateInfo`] writes it.
fn common_name(subject: &str) -> Option<String> {
    subject
        .split(", ")
        .find_map(|part| part.strip_prefix("CN="))
        .map(str::to_owned)
}
