//! The token cache's encryption: AES-256-GCM under the account's key, a fresh random nonce
//! per write, the account id as associated data (a file copied onto another account's name
//! does not open).

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use errors::{Code, Error, Result};
use zeroize::Zeroizing;

use crate::keys::CacheKey;

/// The format's name and version, at the start of every file.
const MAGIC: &[u8; 8] = b"CDTCACH1";

/// A fresh random key.
pub(crate) fn new_key() -> Result<CacheKey> {
    let mut key = Zeroizing::new([0u8; 32]);
    aws_lc_rs::rand::fill(&mut key[..])
        .map_err(|_| Error::internal("the system's random number generator failed"))?;
    Ok(key)
}

fn cipher(key: &CacheKey) -> Result<LessSafeKey> {
    UnboundKey::new(&AES_256_GCM, &key[..])
        .map(LessSafeKey::new)
        .map_err(|_| Error::internal("AES-256-GCM key setup failed"))
}

/// `MAGIC | nonce | ciphertext | tag`.
pub(crate) fn seal(key: &CacheKey, account_id: &str, plaintext: &[u8]) -> Result<Vec<u8>> {
    let mut nonce = [0u8; NONCE_LEN];
    aws_lc_rs::rand::fill(&mut nonce)
        .map_err(|_| Error::internal("the system's random number generator failed"))?;
    let mut sealed = plaintext.to_vec();
    cipher(key)?
        .seal_in_place_append_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(account_id.as_bytes()),
            &mut sealed,
        )
        .map_err(|_| Error::internal("AES-256-GCM sealing failed"))?;
    let mut out = Vec::with_capacity(MAGIC.len() + NONCE_LEN + sealed.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// The plaintext of a file `seal` wrote for `account_id` under `key`.
pub(crate) fn open(key: &CacheKey, account_id: &str, file: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let damaged = || {
        Error::new(
            Code::Corrupt,
            format!("The sign-in cache of account {account_id} is damaged or was written under another key."),
        )
        .with_hint("Sign out of the account and sign in again.")
    };
    let body = file.strip_prefix(MAGIC).ok_or_else(damaged)?;
    if body.len() < NONCE_LEN {
        return Err(damaged());
    }
    let (nonce, sealed) = body.split_at(NONCE_LEN);
    let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| damaged())?;
    let mut buffer = Zeroizing::new(sealed.to_vec());
    let plain_len = cipher(key)?
        .open_in_place(nonce, Aad::from(account_id.as_bytes()), &mut buffer)
        .map_err(|_| damaged())?
        .len();
    buffer.truncate(plain_len);
    Ok(buffer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_bytes_open_only_with_the_key_and_account() {
        let key = new_key().unwrap();
        let sealed = seal(&key, "a.t", b"refresh-token-value").unwrap();
        assert!(!sealed.windows(7).any(|w| w == b"refresh"));
        assert_eq!(
            &open(&key, "a.t", &sealed).unwrap()[..],
            b"refresh-token-value"
        );
        assert_eq!(open(&key, "b.t", &sealed).unwrap_err().code, Code::Corrupt);
        assert_eq!(
            open(&new_key().unwrap(), "a.t", &sealed).unwrap_err().code,
            Code::Corrupt
        );
        let mut flipped = sealed.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert_eq!(open(&key, "a.t", &flipped).unwrap_err().code, Code::Corrupt);
        assert_eq!(
            open(&key, "a.t", b"CDTCACH1").unwrap_err().code,
            Code::Corrupt
        );
        // A fresh nonce per write: the same cache never seals to the same bytes.
        assert_ne!(sealed, seal(&key, "a.t", b"refresh-token-value").unwrap());
    }
}
