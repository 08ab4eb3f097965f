//! Local certificate file inspection: what a PFX/PEM/DER/P7B file holds, what Key Vault will
//! say about it, and how to repair it. No Tauri, no network.
//!
//! Hostile input is bounded: inputs over [`MAX_INPUT_BYTES`] are refused, key derivation is
//! capped at [`MAX_ITERATIONS`] iterations and [`MAX_SCRYPT_MEMORY`] bytes of scrypt memory per
//! part, and at [`MAX_TOTAL_ITERATIONS`] over a whole PKCS#12 file.

mod certificate;
mod chain;
pub mod convert;
mod derive;
mod encrypted_key;
mod error;
mod explain;
pub mod import;
mod keys;
mod legacy_pem;
mod material;
pub mod names;
mod password;
mod pbe;
mod pbes1;
mod pem;
mod pkcs12;
mod pkcs12_pbe;
mod pkcs7;
mod read;
mod rekey;
mod report;
mod sniff;
pub mod usages;
mod verdict;

pub use certificate::describe as describe_certificate;
pub use error::Error;
pub use explain::inspect;
pub use keys::PrivateKey;
pub use material::Material;
pub use password::Password;
pub use pbe::{MAX_ITERATIONS, MAX_SCRYPT_MEMORY, MAX_SCRYPT_PARALLELISM, MAX_TOTAL_ITERATIONS};
pub use read::read_material;
pub use report::{
    CertificateInfo, ChainInfo, Finding, FindingCode, Format, KeyInfo, Pkcs12Encryption,
    PrivateKeyInfo, Report, San, Verdict,
};
pub use sniff::MAX_INPUT_BYTES;
