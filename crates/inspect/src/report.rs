//! The serialisable inspection report (CLI `--json`, desktop IPC): plain types that the readers
//! fill and the verdict judges. A leaf: it imports nothing from the crate, so every part can use
//! it without a circle.

use serde::Serialize;

/// Everything CertDeck tells a user about a file.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Report {
    /// The format sniffed from the content.
    pub format: Format,
    /// Certificates, leaf first.
    pub certificates: Vec<CertificateInfo>,
    /// Private keys, in file order.
    pub private_keys: Vec<PrivateKeyInfo>,
    /// How the certificates chain.
    pub chain: ChainInfo,
    /// Whether Key Vault will import the file as is, and why not.
    pub key_vault: Verdict,
    /// For PKCS#12 files, how they are protected.
    pub pkcs12: Option<Pkcs12Encryption>,
}

/// The format found in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Binary PKCS#12 (`.pfx`, `.p12`).
    Pkcs12,
    /// Base64 text of a PKCS#12 file.
    Pkcs12Base64,
    /// PEM text (certificates, keys, PKCS#7 blocks).
    Pem,
    /// A DER X.509 certificate (`.cer`, `.crt`, `.der`).
    DerCertificate,
    /// A DER private key (PKCS#8, encrypted PKCS#8, PKCS#1 or SEC1).
    DerPrivateKey,
    /// A DER PKCS#7 certificate bundle (`.p7b`).
    Pkcs7,
}

/// One certificate.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CertificateInfo {
    /// Subject distinguished name, e.g. `C=US, O=Contoso, CN=www.contoso.com`.
    pub subject: String,
    /// Issuer distinguished name.
    pub issuer: String,
    /// Serial number, uppercase hex without the DER sign byte (as OpenSSL and Key Vault show it).
    pub serial: String,
    /// Start of validity, RFC 3339.
    pub not_before: String,
    /// End of validity, RFC 3339.
    pub not_after: String,
    /// SHA-1 thumbprint of the DER, uppercase hex.
    pub sha1: String,
    /// SHA-256 thumbprint of the DER, uppercase hex.
    pub sha256: String,
    /// Key Vault's `x5t`: base64url of the SHA-1 thumbprint, no padding.
    pub x5t: String,
    /// Subject alternative names.
    pub san: San,
    /// The certificate's public key.
    pub key: KeyInfo,
    /// Key usage names (`digitalSignature`, `keyEncipherment`, …).
    pub key_usage: Vec<String>,
    /// Extended key usage OIDs (`1.3.6.1.5.5.7.3.1` = server authentication, …).
    pub extended_key_usage: Vec<String>,
    /// Basic constraints say CA.
    pub is_ca: bool,
    /// Subject and issuer are the same name.
    pub self_signed: bool,
}

/// Subject alternative names by kind.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct San {
    /// DNS names.
    pub dns: Vec<String>,
    /// IP addresses.
    pub ip: Vec<String>,
    /// Email addresses.
    pub email: Vec<String>,
    /// URIs.
    pub uri: Vec<String>,
    /// Microsoft user principal names.
    pub upn: Vec<String>,
}

/// A key's algorithm, size and curve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeyInfo {
    /// `RSA`, `EC`, `Ed25519`, … (the OID when unknown).
    #[serde(rename = "type")]
    #[cfg_attr(feature = "ts", ts(rename = "type"))]
    pub key_type: String,
    /// Key size in bits.
    pub bits: Option<u32>,
    /// Curve name (`P-256`, …) for EC keys.
    pub curve: Option<String>,
}

/// One private key.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrivateKeyInfo {
    /// Algorithm, size, curve.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub key: KeyInfo,
    /// Index into `certificates` of the certificate for this key.
    pub matches_certificate: Option<usize>,
}

/// How the certificates chain.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChainInfo {
    /// For each entry of `certificates`, its position in the file (0-based).
    pub order_in_file: Vec<usize>,
    /// The leaf's chain ends in a self-signed root.
    pub complete: bool,
    /// Issuers the chain needs but the file lacks.
    pub missing_issuers: Vec<String>,
}

/// Key Vault's verdict on importing the file as is.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Verdict {
    /// No problems: Key Vault will accept it.
    pub importable: bool,
    /// What makes Key Vault refuse it.
    pub problems: Vec<Finding>,
    /// What it accepts but the user should know.
    pub warnings: Vec<Finding>,
}

/// A coded problem or warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finding {
    /// Stable code.
    pub code: FindingCode,
    /// User-facing explanation.
    pub message: String,
}

/// Stable codes of verdict findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum FindingCode {
    /// No certificate in the file.
    NoCertificate,
    /// No private key in the file.
    NoPrivateKey,
    /// The key is not the leaf certificate's.
    KeyDoesNotMatch,
    /// More than one private key.
    MultipleKeys,
    /// Certificates that do not form one chain (several leaves).
    MultipleLeaves,
    /// Ed25519/Ed448, an unsupported curve or algorithm.
    UnsupportedKeyType,
    /// RSA below 2048 bits.
    WeakRsaKey,
    /// The leaf has expired.
    Expired,
    /// The leaf is not valid yet.
    NotYetValid,
    /// Certificates are not stored leaf-first.
    ChainOutOfOrder,
    /// The chain does not reach a root.
    IncompleteChain,
    /// A PEM key is PKCS#1, SEC1 or encrypted; Key Vault wants unencrypted PKCS#8.
    PemKeyNeedsConversion,
}

/// How a PKCS#12 file is protected (`none` for unencrypted bags; absent when not present).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Pkcs12Encryption {
    /// Encryption of the certificate bags.
    pub certificates: Option<String>,
    /// Encryption of the key bags.
    pub keys: Option<String>,
    /// The integrity MAC.
    pub mac: Option<String>,
}

impl Pkcs12Encryption {
    pub(crate) fn is_encrypted(&self) -> bool {
        [&self.certificates, &self.keys]
            .iter()
            .any(|alg| alg.as_deref().is_some_and(|a| a != "none"))
    }
}
