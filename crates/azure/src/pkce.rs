//! Proof Key for Code Exchange (RFC 7636, S256) and the random values sign-in needs.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use errors::{Error, Result};
use zeroize::Zeroizing;

/// `bytes` random bytes from the system's CSPRNG, base64url without padding.
pub(crate) fn random_url_safe(bytes: usize) -> Result<Zeroizing<String>> {
    let mut raw = Zeroizing::new(vec![0u8; bytes]);
    aws_lc_rs::rand::fill(&mut raw)
        .map_err(|_| Error::internal("the system's random number generator failed"))?;
    Ok(Zeroizing::new(URL_SAFE_NO_PAD.encode(&*raw)))
}

/// A code verifier and its S256 challenge.
pub(crate) struct Pkce {
    pub verifier: Zeroizing<String>,
    pub challenge: String,
}

impl Pkce {
    pub fn new() -> Result<Self> {
        // 32 bytes give the 43-character verifier RFC 7636 recommends.
        let verifier = random_url_safe(32)?;
        let challenge = challenge(&verifier);
        Ok(Self {
            verifier,
            challenge,
        })
    }
}

/// `BASE64URL(SHA256(verifier))`.
pub(crate) fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(aws_lc_rs::digest::digest(
        &aws_lc_rs::digest::SHA256,
        verifier.as_bytes(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_matches_rfc_7636_appendix_b() {
        assert_eq!(
            challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn verifiers_are_fresh_and_43_url_safe_characters() {
        let (a, b) = (Pkce::new().unwrap(), Pkce::new().unwrap());
        assert_ne!(*a.verifier, *b.verifier);
        assert_eq!(a.verifier.len(), 43);
        assert!(
            a.verifier
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_eq!(a.challenge, challenge(&a.verifier));
    }
}
