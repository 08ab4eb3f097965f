//! Interactive sign-in of our own (the Rust Azure SDK has none): authorization code with PKCE
//! through the system browser and a loopback redirect, or the device code flow for remote
//! sessions. Both ask for `openid profile offline_access {arm}/.default` and end with a
//! refresh token and the ID token's display claims; silent refresh is `accounts`' business.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use errors::{Code, Error, Result};
use serde::{Deserialize, Serialize};
use url::Url;
use zeroize::Zeroizing;

use crate::claims::IdClaims;
use crate::cloud::{Cloud, Endpoints};
use crate::http::Network;
use crate::loopback::Loopback;
use crate::oauth::{self, Answer, Tokens};
use crate::pkce::{Pkce, random_url_safe};

/// CertDeck's own multi-tenant public-client registration: a placeholder. Register your own
/// app (README, "Using a real Azure tenant") and set its client id in Settings → Accounts.
pub const DEFAULT_CLIENT_ID: &str = "2b3f7a1c-5d9e-4c8b-a6f0-3e1d7c9b4a52";

/// How long the browser flow waits for the redirect.
pub const BROWSER_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// Who signs in, where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInConfig {
    pub client_id: String,
    /// A tenant id or domain; `None` signs in at `organizations` (any work or school account).
    pub tenant: Option<String>,
    pub cloud: Cloud,
}

/// A completed sign-in: the refresh token and who it belongs to.
pub struct SignedIn {
    pub claims: IdClaims,
    pub cloud: Cloud,
    pub client_id: String,
    pub refresh_token: Zeroizing<String>,
}

impl fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignedIn")
            .field("claims", &self.claims)
            .field("cloud", &self.cloud)
            .field("client_id", &self.client_id)
            .field("refresh_token", &"<redacted>")
            .finish()
    }
}

impl SignedIn {
    /// The tenant the user signed in to (the home tenant at `organizations`).
    pub fn home_tenant(&self) -> &str {
        &self.claims.tid
    }
}

/// What the user must type where, in the device code flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeviceCode {
    pub user_code: String,
    pub verification_uri: String,
    /// The service's own instructions, in the user's language.
    pub message: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub expires_in_secs: u64,
}

/// Signs in through the browser `open` shows, waiting at most 5 minutes, until `cancel`.
pub async fn browser(
    config: &SignInConfig,
    open: impl FnOnce(&Url) -> Result<()>,
    cancel: impl Future<Output = ()>,
) -> Result<SignedIn> {
    browser_with(&Network::from_env()?, config, BROWSER_TIMEOUT, open, cancel).await
}

/// `browser` over `network`, waiting at most `timeout` for the redirect.
pub async fn browser_with(
    network: &Network,
    config: &SignInConfig,
    timeout: Duration,
    open: impl FnOnce(&Url) -> Result<()>,
    cancel: impl Future<Output = ()>,
) -> Result<SignedIn> {
    let flow = async {
        let endpoints = network.endpoints(config.cloud);
        let tenant = tenant_segment(config.tenant.as_deref())?;
        let pkce = Pkce::new()?;
        let state = random_url_safe(16)?;
        let loopback = Loopback::bind().await?;
        let redirect_uri = loopback.redirect_uri.clone();
        let mut authorize = endpoints.oauth(tenant, "authorize")?;
        authorize
            .query_pairs_mut()
            .append_pair("client_id", &config.client_id)
            .append_pair("response_type", "code")
            .append_pair("redirect_uri", &redirect_uri)
            .append_pair("response_mode", "query")
            .append_pair("scope", &scopes(&endpoints))
            .append_pair("state", &state)
            .append_pair("code_challenge", &pkce.challenge)
            .append_pair("code_challenge_method", "S256")
            .append_pair("prompt", "select_account");
        open(&authorize)?;
        let code = tokio::time::timeout(timeout, loopback.wait(state))
            .await
            .map_err(|_| {
                Error::new(
                    Code::Cancelled,
                    format!(
                        "The browser sign-in did not finish within {} minutes.",
                        timeout.as_secs().div_ceil(60)
                    ),
                )
                .with_hint("Sign in again, or use a code instead.")
            })??;
        let tokens = oauth::token(
            &network.http,
            &endpoints.oauth(tenant, "token")?,
            &[
                ("client_id", config.client_id.as_str()),
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
                ("redirect_uri", redirect_uri.as_str()),
                ("code_verifier", pkce.verifier.as_str()),
                ("scope", scopes(&endpoints).as_str()),
            ],
        )
        .await?;
        signed_in(config, tokens)
    };
    cancellable(flow, cancel).await
}

/// Signs in with a code the user enters on another device; `show` displays it.
pub async fn device_code(
    config: &SignInConfig,
    show: impl FnOnce(DeviceCode),
    cancel: impl Future<Output = ()>,
) -> Result<SignedIn> {
    device_code_with(&Network::from_env()?, config, show, cancel).await
}

#[derive(Deserialize)]
struct DeviceAuthorization {
    device_code: String,
    user_code: String,
    verification_uri: String,
    #[serde(default)]
    message: String,
    expires_in: u64,
    #[serde(default = "default_interval")]
    interval: u64,
}

fn default_interval() -> u64 {
    5
}

/// `device_code` over `network`.
pub async fn device_code_with(
    network: &Network,
    config: &SignInConfig,
    show: impl FnOnce(DeviceCode),
    cancel: impl Future<Output = ()>,
) -> Result<SignedIn> {
    let flow = async {
        let endpoints = network.endpoints(config.cloud);
        let tenant = tenant_segment(config.tenant.as_deref())?;
        let scope = scopes(&endpoints);
        let started = match oauth::post_form::<DeviceAuthorization>(
            &network.http,
            &endpoints.oauth(tenant, "devicecode")?,
            &[("client_id", config.client_id.as_str()), ("scope", &scope)],
        )
        .await?
        {
            Answer::Ok(started) => started,
            // Conditional Access or the tenant's policy may refuse device codes outright.
            Answer::Refused(refused) => return Err(refused.into_error()),
        };
        let device_code = Zeroizing::new(started.device_code);
        show(DeviceCode {
            user_code: started.user_code,
            verification_uri: started.verification_uri,
            message: started.message,
            expires_in_secs: started.expires_in,
        });
        let token_url = endpoints.oauth(tenant, "token")?;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(started.expires_in);
        // Never faster than once a second, whatever the service says.
        let mut interval = Duration::from_secs(started.interval.max(1));
        loop {
            tokio::time::sleep(interval).await;
            if tokio::time::Instant::now() >= deadline {
                return Err(Error::new(
                    Code::NotSignedIn,
                    "The sign-in code expired before it was used.",
                )
                .with_hint("Start the sign-in again and enter the new code before it expires."));
            }
            let answer = oauth::token_or_refusal(
                &network.http,
                &token_url,
                &[
                    ("client_id", config.client_id.as_str()),
                    ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                    ("device_code", device_code.as_str()),
                ],
            )
            .await?;
            match answer {
                Answer::Ok(tokens) => return signed_in(config, tokens),
                Answer::Refused(refused) => match refused.error.as_str() {
                    "authorization_pending" => {}
                    "slow_down" => interval += Duration::from_secs(5),
                    _ => return Err(refused.into_error()),
                },
            }
        }
    };
    cancellable(flow, cancel).await
}

/// Sign-in scopes: an ID token, a refresh token, and ARM (whose tokens discovery needs).
fn scopes(endpoints: &Endpoints) -> String {
    format!("openid profile offline_access {}", endpoints.arm_scope)
}

/// The tenant path segment: a tenant id or domain as typed, or `organizations`.
pub(crate) fn tenant_segment(tenant: Option<&str>) -> Result<&str> {
    let Some(tenant) = tenant.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok("organizations");
    };
    let valid = tenant.len() <= 253
        && tenant
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    if valid {
        Ok(tenant)
    } else {
        Err(Error::new(
            Code::InvalidInput,
            format!("\"{tenant}\" is not a tenant id or domain."),
        )
        .with_hint(
            "Enter the tenant's id (a GUID) or a domain such as contoso.onmicrosoft.com, or leave it empty.",
        ))
    }
}

fn signed_in(config: &SignInConfig, tokens: Tokens) -> Result<SignedIn> {
    let missing = |what: &str| {
        Error::new(
            Code::Service,
            format!("The sign-in service returned no {what}."),
        )
        .with_hint(
            "Check that the app registration allows the offline_access, openid and profile scopes, then sign in again.",
        )
    };
    let id_token = tokens.id_token.ok_or_else(|| missing("ID token"))?;
    let refresh_token = tokens
        .refresh_token
        .ok_or_else(|| missing("refresh token"))?;
    Ok(SignedIn {
        claims: IdClaims::from_id_token(&id_token)?,
        cloud: config.cloud,
        client_id: config.client_id.clone(),
        refresh_token,
    })
}

async fn cancellable<T>(
    flow: impl Future<Output = Result<T>>,
    cancel: impl Future<Output = ()>,
) -> Result<T> {
    tokio::select! {
        result = flow => result,
        () = cancel => Err(Error::new(Code::Cancelled, "Sign-in cancelled.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenants_are_ids_or_domains_and_default_to_organizations() {
        assert_eq!(tenant_segment(None).unwrap(), "organizations");
        assert_eq!(tenant_segment(Some("  ")).unwrap(), "organizations");
        assert_eq!(
            tenant_segment(Some(" contoso.onmicrosoft.com ")).unwrap(),
            "contoso.onmicrosoft.com"
        );
        for bad in ["../common", "a/b", "x?y=1", "tenant id"] {
            let err = tenant_segment(Some(bad)).unwrap_err();
            assert_eq!(err.code, Code::InvalidInput, "{bad}");
        }
    }

    #[test]
    fn the_default_client_id_is_no_first_party_microsoft_app() {
        // The Azure CLI's and Azure PowerShell's ids must never be borrowed.
        for first_party in [
            "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
            "1950a258-227b-4e31-a9cf-717495945fc2",
        ] {
            assert_ne!(DEFAULT_CLIENT_ID, first_party);
        }
    }

    #[test]
    fn signed_in_debug_hides_the_refresh_token() {
        let signed_in = SignedIn {
            claims: IdClaims {
                oid: "o".into(),
                tid: "t".into(),
                name: None,
                preferred_username: None,
            },
            cloud: Cloud::AzurePublic,
            client_id: "c".into(),
            refresh_token: Zeroizing::new("rt-secret".into()),
        };
        let shown = format!("{signed_in:?}");
        assert!(!shown.contains("rt-secret"), "{shown}");
        assert!(shown.contains("redacted"), "{shown}");
    }
}
