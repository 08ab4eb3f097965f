//! Entra ID's OAuth 2.0 endpoints as sign-in and silent refresh use them: form POSTs, token
//! answers, and error bodies (`error`, `error_description` with its AADSTS code) turned into
//! CertDeck errors with a hint. Tokens stay in `Zeroizing` strings and never reach a log.

use std::fmt;

use errors::{Code, Error, Result};
use serde::Deserialize;
use url::Url;
use zeroize::Zeroizing;

use crate::http::transport_error;

/// A successful token answer.
pub(crate) struct Tokens {
    pub access_token: Zeroizing<String>,
    pub refresh_token: Option<Zeroizing<String>>,
    pub id_token: Option<Zeroizing<String>>,
    pub expires_in: u64,
}

impl fmt::Debug for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tokens")
            .field("expires_in", &self.expires_in)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct TokenBody {
    access_token: String,
    refresh_token: Option<String>,
    id_token: Option<String>,
    /// A number in v2.0 answers; a string in some older ones.
    expires_in: serde_json::Value,
}

/// An OAuth error answer, as Entra sends it.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct OAuthError {
    pub error: String,
    #[serde(default)]
    pub error_description: String,
}

/// What a POST to an OAuth endpoint came back with.
pub(crate) enum Answer<T> {
    Ok(T),
    Refused(OAuthError),
}

/// POSTs `form` to `url` and reads a JSON answer of type `T`, or the OAuth error body.
pub(crate) async fn post_form<T: serde::de::DeserializeOwned>(
    http: &reqwest::Client,
    url: &Url,
    form: &[(&str, &str)],
) -> Result<Answer<T>> {
    let host = url.host_str().unwrap_or("the sign-in service");
    let body = form_urlencoded(form);
    let response = http
        .post(url.clone())
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .header(reqwest::header::ACCEPT, "application/json")
        .body(body.to_string())
        .send()
        .await
        .map_err(|err| transport_error(&err, host))?;
    let status = response.status();
    let bytes = Zeroizing::new(
        response
            .bytes()
            .await
            .map_err(|err| transport_error(&err, host))?
            .to_vec(),
    );
    if status.is_success() {
        return serde_json::from_slice(&bytes)
            .map(Answer::Ok)
            .map_err(|err| {
                Error::new(
                    Code::Service,
                    format!("{host} answered with something other than a token: {err}"),
                )
            });
    }
    match serde_json::from_slice::<OAuthError>(&bytes) {
        Ok(refused) => Ok(Answer::Refused(refused)),
        Err(_) => Err(Error::new(
            Code::Service,
            format!("{host} answered HTTP {status} without an OAuth error."),
        )
        .with_hint("Check the authority host (CERTDECK_AUTHORITY_HOST) and retry.")),
    }
}

/// A form body (the form's values may be codes and tokens: it is zeroized when dropped).
fn form_urlencoded(form: &[(&str, &str)]) -> Zeroizing<String> {
    Zeroizing::new(
        url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish(),
    )
}

/// POSTs to a token endpoint; a refusal becomes the error it means.
pub(crate) async fn token(
    http: &reqwest::Client,
    url: &Url,
    form: &[(&str, &str)],
) -> Result<Tokens> {
    match post_form::<TokenBody>(http, url, form).await? {
        Answer::Ok(body) => Ok(Tokens::from(body)),
        Answer::Refused(refused) => Err(refused.into_error()),
    }
}

/// Reads a token answer that may be a refusal (the device flow polls through refusals).
pub(crate) async fn token_or_refusal(
    http: &reqwest::Client,
    url: &Url,
    form: &[(&str, &str)],
) -> Result<Answer<Tokens>> {
    Ok(match post_form::<TokenBody>(http, url, form).await? {
        Answer::Ok(body) => Answer::Ok(Tokens::from(body)),
        Answer::Refused(refused) => Answer::Refused(refused),
    })
}

impl From<TokenBody> for Tokens {
    fn from(body: TokenBody) -> Self {
        let expires_in = match &body.expires_in {
            serde_json::Value::Number(n) => n.as_u64(),
            serde_json::Value::String(s) => s.parse().ok(),
            _ => None,
        }
        // An answer without a lifetime is used once, then refreshed.
        .unwrap_or(0);
        Tokens {
            access_token: Zeroizing::new(body.access_token),
            refresh_token: body.refresh_token.map(Zeroizing::new),
            id_token: body.id_token.map(Zeroizing::new),
            expires_in,
        }
    }
}

impl OAuthError {
    /// The description's first line: `AADSTS50076: Due to a configuration change…` (the
    /// trace and correlation ids on the next lines are for support, not for the user).
    pub fn summary(&self) -> String {
        let first = self
            .error_description
            .lines()
            .map(str::trim)
            .find(|line| !line.is_empty());
        match first {
            Some(line) => line.to_owned(),
            None => format!("The sign-in service refused the request ({}).", self.error),
        }
    }

    /// The error this refusal means for the user.
    pub fn into_error(self) -> Error {
        let message = self.summary();
        // MFA or Conditional Access the user can satisfy interactively: sign in again.
        if message.starts_with("AADSTS53") && self.error != "interaction_required" {
            // 53000–53011: Conditional Access (device state, location, method) blocks it.
            return Error::new(Code::Forbidden, message).with_hint(
                "Your organization's Conditional Access policy blocks this sign-in: try the other sign-in method (browser or code), or ask your administrator.",
            );
        }
        match self.error.as_str() {
            "interaction_required" | "invalid_grant" | "login_required" | "consent_required" => {
                Error::new(Code::SignInRequired, message).with_hint("Sign in again.")
            }
            "authorization_declined" | "access_denied" => {
                Error::new(Code::Cancelled, message).with_hint("Sign in again and approve the request.")
            }
            "expired_token" => Error::new(Code::NotSignedIn, message)
                .with_hint("Start the sign-in again and enter the new code before it expires."),
            "invalid_client" | "unauthorized_client" | "invalid_scope" | "invalid_request" => {
                Error::new(Code::InvalidInput, message).with_hint(
                    "Check the client id and tenant in Settings → Accounts: the app registration must allow public client flows with the redirect URI http://localhost (see the README).",
                )
            }
            "temporarily_unavailable" | "server_error" => {
                Error::new(Code::Service, message).with_hint("Retry in a minute.")
            }
            _ => Error::new(Code::Service, message).with_hint(
                "Sign in again; if it keeps failing, check the client id and tenant in Settings → Accounts.",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(error: &str, description: &str) -> OAuthError {
        OAuthError {
            error: error.into(),
            error_description: description.into(),
        }
    }

    #[test]
    fn refusals_keep_the_aadsts_line_and_drop_the_trace_ids() {
        let err = refusal(
            "interaction_required",
            "AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.\r\nTrace ID: 0000\r\nCorrelation ID: 1111\r\nTimestamp: 2026-01-01 00:00:00Z",
        )
        .into_error();
        assert_eq!(err.code, Code::SignInRequired);
        assert!(
            err.message.starts_with("AADSTS50076: Due to"),
            "{}",
            err.message
        );
        assert!(!err.message.contains("Trace ID"), "{}", err.message);
        assert_eq!(err.hint.as_deref(), Some("Sign in again."));
    }

    #[test]
    fn each_refusal_gets_the_code_a_caller_acts_on() {
        for (error, description, code) in [
            (
                "invalid_grant",
                "AADSTS70008: The refresh token has expired.",
                Code::SignInRequired,
            ),
            (
                "invalid_grant",
                "AADSTS53003: Access has been blocked by Conditional Access policies.",
                Code::Forbidden,
            ),
            (
                "authorization_declined",
                "AADSTS70000: The user declined.",
                Code::Cancelled,
            ),
            (
                "expired_token",
                "AADSTS70020: The code expired.",
                Code::NotSignedIn,
            ),
            (
                "invalid_client",
                "AADSTS7000218: The request body must contain client_assertion.",
                Code::InvalidInput,
            ),
            ("temporarily_unavailable", "", Code::Service),
        ] {
            let err = refusal(error, description).into_error();
            assert_eq!(err.code, code, "{error}: {description}");
            assert!(err.hint.is_some());
        }
        let bare = refusal("server_error", "").into_error();
        assert!(bare.message.contains("server_error"), "{}", bare.message);
    }
}
