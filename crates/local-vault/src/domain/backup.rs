//! The backup blob: opaque to clients, restorable into any vault of the same local vault
//! server (data directory) and refused by any other, as Azure restores a backup only within
//! its subscription and geography.
//!
//! Blob = `CDKVBACKUP2` ‖ nonce ‖ AES-256-GCM(certificate record as JSON), sent base64url,
//! sealed with the server's backup key (derived from its CA key). It holds private keys, so
//! it is encrypted like the service's; the tag also detects truncation and tampering.

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use base64::Engine;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use zeroize::Zeroizing;

use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::CertRecord;
use crate::domain::restored;

const MAGIC: &[u8] = b"CDKVBACKUP2";

/// The blob of `cert`'s issued versions (a running operation belongs to this vault) sealed
/// with `key`, or `None` when it has no issued version.
pub fn encode(cert: &CertRecord, key: &[u8; 32]) -> ApiResult<Option<String>> {
    let mut cert = cert.clone();
    cert.versions.retain(|v| v.cer().is_some());
    cert.operation = None;
    if cert.versions.is_empty() {
        return Ok(None);
    }
    let mut sealed =
        Zeroizing::new(serde_json::to_vec(&cert).map_err(|e| ApiError::internal(e.to_string()))?);
    let nonce = crate::ids::random_bytes::<NONCE_LEN>();
    cipher(key)?
        .seal_in_place_append_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(MAGIC),
            &mut *sealed,
        )
        .map_err(|_| ApiError::internal("Sealing the backup failed."))?;
    let blob = [MAGIC, &nonce, &sealed].concat();
    Ok(Some(URL_SAFE_NO_PAD.encode(blob)))
}

/// The certificate in a blob. 400 as the service answers: `Malformed backup blob` when it is
/// not a backup at all, "Cannot decrypt backup blob" when another server made it or it was
/// altered.
pub fn decode(value: &str, key: &[u8; 32]) -> ApiResult<CertRecord> {
    let malformed = || {
        ApiError::bad_request(
            "Malformed backup blob",
            "Backup blob contains invalid or corrupt version.",
        )
    };
    let value = value.trim();
    let blob = URL_SAFE_NO_PAD
        .decode(value.trim_end_matches('='))
        .or_else(|_| URL_SAFE.decode(value))
        .map_err(|_| malformed())?;
    let rest = blob.strip_prefix(MAGIC).ok_or_else(malformed)?;
    if rest.len() < NONCE_LEN {
        return Err(malformed());
    }
    let (nonce, sealed) = rest.split_at(NONCE_LEN);
    let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| malformed())?;
    let mut sealed = Zeroizing::new(sealed.to_vec());
    let payload = cipher(key)?
        .open_in_place(nonce, Aad::from(MAGIC), &mut sealed)
        .map_err(|_| ApiError::bad_parameter("Cannot decrypt backup blob."))?;
    let mut cert: CertRecord = serde_json::from_slice(payload).map_err(|_| malformed())?;
    // Backups are made of live certificates: nothing restored is mid-deletion.
    cert.transition = None;
    // Authentic is not sound: every field is checked as create and import check theirs.
    restored::check(&cert)?;
    Ok(cert)
}

fn cipher(key: &[u8; 32]) -> ApiResult<LessSafeKey> {
    UnboundKey::new(&AES_256_GCM, key)
        .map(LessSafeKey::new)
        .map_err(|_| ApiError::internal("The backup key is unusable."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_malformed_and_a_foreign_or_altered_blob_cannot_be_decrypted() {
        let key = [7u8; 32];
        let Err(err) = decode("not-a-backup", &key) else {
            panic!("garbage restored")
        };
        assert_eq!((err.status(), err.code()), (400, "Malformed backup blob"));

        let blob = URL_SAFE_NO_PAD.encode([MAGIC, &[0u8; NONCE_LEN], b"{}"].concat());
        let Err(err) = decode(&blob, &key) else {
            panic!("an unsealed blob restored")
        };
        assert_eq!((err.status(), err.code()), (400, "BadParameter"));
        assert_eq!(err.message(), "Cannot decrypt backup blob.");
    }
}
