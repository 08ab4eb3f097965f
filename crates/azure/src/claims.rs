//! The ID token's claims, read for display only (`name`, `preferred_username`) and to name
//! the account (`oid`, `tid`). The signature is not checked: the token came straight from the
//! authority's token endpoint over TLS, and nothing here grants access on its strength.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use errors::{Code, Error, Result};
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct IdClaims {
    /// The user's object id in the tenant.
    pub oid: String,
    /// The tenant the user signed in to.
    pub tid: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub preferred_username: Option<String>,
}

impl IdClaims {
    /// The claims of a compact JWT (`header.payload.signature`).
    pub fn from_id_token(token: &str) -> Result<Self> {
        let unreadable = |why: &str| {
            Error::new(
                Code::Service,
                format!("The sign-in service returned an unreadable ID token ({why})."),
            )
            .with_hint("Sign in again; if it keeps failing, check CERTDECK_AUTHORITY_HOST.")
        };
        let payload = token
            .split('.')
            .nth(1)
            .ok_or_else(|| unreadable("not a JWT"))?;
        // Some issuers pad the segments; base64url in JWTs is unpadded.
        let json = URL_SAFE_NO_PAD
            .decode(payload.trim_end_matches('='))
            .map_err(|_| unreadable("not base64url"))?;
        let claims: IdClaims =
            serde_json::from_slice(&json).map_err(|_| unreadable("no oid or tid claim"))?;
        if claims.oid.is_empty() || claims.tid.is_empty() {
            return Err(unreadable("an empty oid or tid claim"));
        }
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(payload: &serde_json::Value) -> String {
        format!(
            "eyJhbGciOiJub25lIn0.{}.",
            URL_SAFE_NO_PAD.encode(payload.to_string())
        )
    }

    #[test]
    fn display_claims_are_read_from_the_payload() {
        let claims = IdClaims::from_id_token(&jwt(&serde_json::json!({
            "oid": "o1", "tid": "t1", "name": "Ada", "preferred_username": "ada@contoso.com", "aud": "x"
        })))
        .unwrap();
        assert_eq!(claims.oid, "o1");
        assert_eq!(
            claims.preferred_username.as_deref(),
            Some("ada@contoso.com")
        );
    }

    #[test]
    fn tokens_without_identity_are_refused() {
        for token in [
            "no-dots".to_owned(),
            "a.!!!.c".to_owned(),
            jwt(&serde_json::json!({"name": "Ada"})),
            jwt(&serde_json::json!({"oid": "", "tid": "t"})),
        ] {
            assert_eq!(
                IdClaims::from_id_token(&token).unwrap_err().code,
                Code::Service
            );
        }
    }
}
