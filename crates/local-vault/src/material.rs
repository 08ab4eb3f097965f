//! Certificate files through the `inspect` crate: import parsing, merge chains, secret values.
//! (Interim: the `inspect` functions are not published yet; these answer a clear error.)

use crate::errors::{ApiError, ApiResult};
use crate::model::Version;

/// What an import yields.
pub struct Imported {
    /// DER certificates in stored order.
    pub chain: Vec<Vec<u8>>,
    /// Index of the leaf.
    pub leaf: usize,
    /// PKCS#8 DER key.
    pub key: zeroize::Zeroizing<Vec<u8>>,
    /// Secret content type matching the input format.
    pub content_type: &'static str,
}

fn unavailable() -> ApiError {
    ApiError::bad_parameter("Certificate file parsing is not available in this build.")
}

/// Parses an import `value` (base64 PFX, base64 PEM or PEM text).
pub fn parse_import(
    _value: &str,
    _pwd: Option<&str>,
    _preserve_order: bool,
) -> ApiResult<Imported> {
    Err(unavailable())
}

/// Parses merge `x5c` entries (base64 DER, base64 P7B, PEM).
pub fn merge_chain(_x5c: &[String]) -> ApiResult<Vec<Vec<u8>>> {
    Err(unavailable())
}

/// The secret value of a version per its content type.
pub fn secret_value(_version: &Version) -> ApiResult<String> {
    Err(unavailable())
}
