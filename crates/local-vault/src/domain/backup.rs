//! The backup blob: opaque to clients, restorable into any local vault (any data directory).
//!
//! Blob = `CDKVBACKUP1` ‖ SHA-256(payload) ‖ payload (the certificate record as JSON),
//! sent base64url. The digest detects truncation and tampering; the blob holds private keys,
//! like the service's (which it encrypts to the subscription: here there is no such boundary).

use aws_lc_rs::digest::{SHA256, digest};
use base64::Engine;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};

use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::CertRecord;

const MAGIC: &[u8] = b"CDKVBACKUP1";

/// The blob of `cert`'s issued versions (a running operation belongs to this vault), or
/// `None` when it has no issued version.
pub fn encode(cert: &CertRecord) -> ApiResult<Option<String>> {
    let mut cert = cert.clone();
    cert.versions.retain(|v| v.cer().is_some());
    cert.operation = None;
    if cert.versions.is_empty() {
        return Ok(None);
    }
    let payload = serde_json::to_vec(&cert).map_err(|e| ApiError::internal(e.to_string()))?;
    let mut blob = MAGIC.to_vec();
    blob.extend_from_slice(digest(&SHA256, &payload).as_ref());
    blob.extend_from_slice(&payload);
    Ok(Some(URL_SAFE_NO_PAD.encode(blob)))
}

/// The certificate in a blob; 400 when it is not one or was altered.
pub fn decode(value: &str) -> ApiResult<CertRecord> {
    let invalid = || ApiError::bad_parameter("The backup blob is invalid or corrupted.");
    let value = value.trim();
    let blob = URL_SAFE_NO_PAD
        .decode(value.trim_end_matches('='))
        .or_else(|_| URL_SAFE.decode(value))
        .map_err(|_| invalid())?;
    let rest = blob.strip_prefix(MAGIC).ok_or_else(invalid)?;
    if rest.len() < 32 || digest(&SHA256, &rest[32..]).as_ref() != &rest[..32] {
        return Err(invalid());
    }
    let mut cert: CertRecord = serde_json::from_slice(&rest[32..]).map_err(|_| invalid())?;
    // Backups are made of live certificates: nothing restored is mid-deletion.
    cert.transition = None;
    Ok(cert)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tampered_blobs_are_refused() {
        assert!(decode("not-a-backup").is_err());
        let blob = URL_SAFE_NO_PAD.encode([MAGIC, &[0u8; 32], b"{}"].concat());
        assert!(decode(&blob).is_err());
    }
}
