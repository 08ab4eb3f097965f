//! One reused client per vault, with a short retry budget and a per-vault concurrency limit.

use std::sync::Arc;

use azure_core::credentials::TokenCredential;
use azure_core::http::{ClientOptions, ExponentialRetryOptions, RetryOptions, Transport};
use azure_core::time::Duration;
use azure_security_keyvault_certificates::{CertificateClient, CertificateClientOptions};
use azure_security_keyvault_secrets::{SecretClient, SecretClientOptions};
use tokio::sync::Semaphore;

use url::Url;

use crate::create::AnswerCreateNow;
use crate::credential::{CredentialKind, LocalVaultToken};
use crate::error::{Code, Error};
use crate::import_once::ImportOnce;
use crate::local_admin::LocalAdmin;
use crate::registry::{VaultEntry, parse_vault_url};

/// Requests in flight to one vault at a time. Key Vault throttles per vault; a handful of
/// parallel calls keeps the UI fast without provoking 429s.
pub const PER_VAULT_CONCURRENCY: usize = 4;

/// A vault ready for calls: its SDK client and its share of concurrency.
pub struct VaultConnection {
    pub entry: VaultEntry,
    pub certificates: CertificateClient,
    /// The same vault's secrets: a certificate's secret is its private key with the chain.
    pub secrets: SecretClient,
    pub(crate) permits: Arc<Semaphore>,
    /// For a local vault: plain HTTPS to its admin API.
    pub(crate) local: Option<LocalAdmin>,
}

impl VaultConnection {
    pub fn open(entry: &VaultEntry) -> Result<Self, Error> {
        let url = parse_vault_url(&entry.url)?;
        let CredentialKind::LocalVault { data_dir } = &entry.credential else {
            return Self::build(entry, &url, entry.credential.build()?, None, None);
        };
        // One token read serves both the SDK's sign-in and the admin API.
        let token = Arc::new(LocalVaultToken::read(data_dir)?);
        let http = local_http_client(&data_dir.join("ca.pem"))?;
        let transport = Transport::new(Arc::new(http.clone()));
        let local = LocalAdmin {
            http,
            url: url.clone(),
            token: token.clone(),
        };
        Self::build(entry, &url, token, Some(transport), Some(local))
    }

    /// A connection whose requests go through `transport` and sign in with `credential`, with
    /// the same retry budget and challenge check as [`VaultConnection::open`]: a vault of an
    /// account, whose credential and HTTP client the app resolves (the account's token cache,
    /// the roots the account's cloud is reached with); and tests and benchmarks of the
    /// Azure-only behaviour (scripted responses, counted requests).
    pub fn with_transport(
        entry: &VaultEntry,
        credential: Arc<dyn TokenCredential>,
        transport: Transport,
    ) -> Result<Self, Error> {
        let url = parse_vault_url(&entry.url)?;
        Self::build(entry, &url, credential, Some(transport), None)
    }

    fn build(
        entry: &VaultEntry,
        url: &Url,
        credential: Arc<dyn TokenCredential>,
        transport: Option<Transport>,
        local: Option<LocalAdmin>,
    ) -> Result<Self, Error> {
        // A loopback vault (a local vault standing in for Azure in tests) can never pass the
        // check, and a token sent there stays on this machine.
        let verify_challenge_resource =
            Some(entry.credential.verifies_challenge_resource() && !is_loopback(url));
        let secrets_options = SecretClientOptions {
            client_options: ClientOptions {
                retry: interactive_retry(),
                transport: transport.clone(),
                ..Default::default()
            },
            verify_challenge_resource,
            ..Default::default()
        };
        let secrets = SecretClient::new(url.as_str(), credential.clone(), Some(secrets_options))
            .map_err(|err| Error::new(Code::InvalidVaultUrl, err.to_string()))?;
        let options = CertificateClientOptions {
            client_options: ClientOptions {
                per_call_policies: vec![Arc::new(AnswerCreateNow)],
                per_try_policies: vec![Arc::new(ImportOnce)],
                retry: interactive_retry(),
                transport,
                ..Default::default()
            },
            verify_challenge_resource,
            ..Default::default()
        };
        let certificates = CertificateClient::new(url.as_str(), credential, Some(options))
            .map_err(|err| Error::new(Code::InvalidVaultUrl, err.to_string()))?;
        Ok(Self {
            entry: entry.clone(),
            certificates,
            secrets,
            permits: Arc::new(Semaphore::new(PER_VAULT_CONCURRENCY)),
            local,
        })
    }

    /// Waits for one of the vault's concurrency permits.
    pub(crate) async fn permit(&self) -> tokio::sync::SemaphorePermit<'_> {
        self.permits
            .acquire()
            .await
            .expect("the semaphore is never closed")
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Interactive calls: three tries within ~10 s (the SDK default waits about a minute), still
/// honouring Retry-After on 429 and 503.
fn interactive_retry() -> RetryOptions {
    RetryOptions::exponential(ExponentialRetryOptions {
        initial_delay: Duration::milliseconds(200),
        max_retries: 2,
        max_total_elapsed: Duration::seconds(10),
        max_delay: Duration::seconds(5),
    })
}

/// An HTTP client that also trusts the local vault's own CA (and follows no redirects, like
/// the SDK's default transport).
pub(crate) fn local_http_client(ca_file: &std::path::Path) -> Result<reqwest::Client, Error> {
    let tls_error = |detail: String| {
        Error::new(
            Code::Tls,
            format!(
                "The local vault's CA {} is unusable: {detail}",
                ca_file.display()
            ),
        )
        .with_hint("Start the local vault once so it creates its CA, then retry.")
    };
    let pem = std::fs::read(ca_file).map_err(|err| tls_error(err.to_string()))?;
    let ca = reqwest::Certificate::from_pem(&pem).map_err(|err| tls_error(err.to_string()))?;
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .tls_certs_merge([ca])
        .build()
        .map_err(|err| tls_error(err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_machine_is_loopback() {
        for (url, loopback) in [
            ("https://127.0.0.1:8443/", true),
            ("https://localhost:1/", true),
            ("https://[::1]:1/", true),
            ("https://contoso.vault.azure.net/", false),
            ("https://localhost.contoso.net/", false),
            ("https://10.0.0.1/", false),
        ] {
            assert_eq!(is_loopback(&Url::parse(url).unwrap()), loopback, "{url}");
        }
    }
}
