//! Shared set-up for the local vault's integration tests: an in-process server on a temp dir,
//! Microsoft's Rust SDK clients trusting its CA, a raw JSON client, and openssl-made fixtures.
#![allow(dead_code)]

pub mod fixtures;
pub mod raw;

use azure_core::{
    credentials::{AccessToken, TokenCredential, TokenRequestOptions},
    http::{ClientOptions, RetryOptions, Transport},
    time::{Duration as AzDuration, OffsetDateTime},
};
use azure_security_keyvault_certificates::{
    CertificateClient, CertificateClientOptions,
    models::{
        Certificate, CertificatePolicy, CreateCertificateParameters, CurveName, IssuerParameters,
        KeyProperties, KeyType, SecretProperties, X509CertificateProperties,
    },
};
use azure_security_keyvault_keys::{KeyClient, KeyClientOptions};
use azure_security_keyvault_secrets::{SecretClient, SecretClientOptions};
use futures::TryStreamExt;
use local_vault::{Config, LocalVault};
use std::{sync::Arc, time::Duration};

#[allow(unused_imports)]
pub use raw::{API_VERSION, Raw, Reply};

/// Asynchronous operations complete after this long: short, but long enough to poll once.
pub const OPERATION_DELAY: Duration = Duration::from_millis(50);

/// Returns the local vault's token, valid for an hour (so the SDK caches it).
#[derive(Debug)]
pub struct StaticToken(pub String);

#[async_trait::async_trait]
impl TokenCredential for StaticToken {
    async fn get_token(
        &self,
        _scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        Ok(AccessToken::new(
            self.0.clone(),
            OffsetDateTime::now_utc() + AzDuration::hours(1),
        ))
    }
}

/// A running in-process local vault and the temp dir holding its data.
pub struct Server {
    pub vault: LocalVault,
    pub dir: tempfile::TempDir,
    pub ca_pem: Vec<u8>,
}

impl Server {
    /// Starts a server with the given vaults (OS-chosen ports); deletions and recoveries
    /// settle at once.
    pub async fn start(vaults: &[&str]) -> Server {
        Server::start_with(vaults, OPERATION_DELAY, Duration::ZERO).await
    }

    /// Starts a server with the given vaults whose asynchronous operations complete after
    /// `operation_delay` and whose deletions and recoveries settle after `deletion_delay`.
    pub async fn start_with(
        vaults: &[&str],
        operation_delay: Duration,
        deletion_delay: Duration,
    ) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let vault = LocalVault::start(Config {
            data_dir: dir.path().join("data"),
            vaults: vaults.iter().map(|v| v.to_string()).collect(),
            first_port: None,
            operation_delay,
            deletion_delay,
            vault_settings: Default::default(),
        })
        .await
        .expect("local vault starts");
        let ca_pem = std::fs::read(vault.ca_file()).expect("ca.pem readable");
        Server { vault, dir, ca_pem }
    }

    /// One vault named `local`.
    pub async fn single() -> Server {
        Server::start(&["local"]).await
    }

    /// The URL of the vault `name`.
    pub fn url(&self, name: &str) -> String {
        self.vault
            .vaults()
            .into_iter()
            .find(|v| v.name == name)
            .unwrap_or_else(|| panic!("vault {name} is served"))
            .url
    }

    /// The URL of the first vault.
    pub fn first_url(&self) -> String {
        self.vault.vaults()[0].url.clone()
    }

    fn client_options(&self) -> ClientOptions {
        let http = raw::https_client(&self.ca_pem);
        ClientOptions {
            transport: Some(Transport::new(Arc::new(http))),
            retry: RetryOptions::none(),
            ..Default::default()
        }
    }

    fn credential(&self) -> Arc<dyn TokenCredential> {
        Arc::new(StaticToken(self.vault.token().to_string()))
    }

    pub fn certificates(&self, url: &str) -> CertificateClient {
        let options = CertificateClientOptions {
            client_options: self.client_options(),
            verify_challenge_resource: Some(false),
            ..Default::default()
        };
        CertificateClient::new(url, self.credential(), Some(options)).expect("certificate client")
    }

    pub fn secrets(&self, url: &str) -> SecretClient {
        let options = SecretClientOptions {
            client_options: self.client_options(),
            verify_challenge_resource: Some(false),
            ..Default::default()
        };
        SecretClient::new(url, self.credential(), Some(options)).expect("secret client")
    }

    pub fn keys(&self, url: &str) -> KeyClient {
        let options = KeyClientOptions {
            client_options: self.client_options(),
            verify_challenge_resource: Some(false),
            ..Default::default()
        };
        KeyClient::new(url, self.credential(), Some(options)).expect("key client")
    }

    /// A raw JSON client for the vault at `url`, with the right token.
    pub fn raw(&self, url: &str) -> Raw {
        Raw::new(raw::https_client(&self.ca_pem), url, self.vault.token())
    }
}

/// A policy for issuer `issuer` with subject `CN=<cn>` and the given key; PKCS#12 secrets.
pub fn policy(issuer: &str, cn: &str, key: KeyProperties) -> CertificatePolicy {
    CertificatePolicy {
        x509_certificate_properties: Some(X509CertificateProperties {
            subject: Some(format!("CN={cn}")),
            validity_in_months: Some(12),
            ..Default::default()
        }),
        issuer_parameters: Some(IssuerParameters {
            name: Some(issuer.into()),
            ..Default::default()
        }),
        key_properties: Some(key),
        secret_properties: Some(SecretProperties {
            content_type: Some("application/x-pkcs12".into()),
        }),
        ..Default::default()
    }
}

pub fn rsa(size: i32) -> KeyProperties {
    KeyProperties {
        key_type: Some(KeyType::Rsa),
        key_size: Some(size),
        exportable: Some(true),
        reuse_key: Some(false),
        ..Default::default()
    }
}

pub fn ec(curve: CurveName) -> KeyProperties {
    KeyProperties {
        key_type: Some(KeyType::Ec),
        curve: Some(curve),
        exportable: Some(true),
        ..Default::default()
    }
}

/// A self-signed RSA-2048 policy with subject `CN=<cn>`.
pub fn self_policy(cn: &str) -> CertificatePolicy {
    policy("Self", cn, rsa(2048))
}

/// Creates `name` with `policy` and waits for the operation to complete.
pub async fn create(
    client: &CertificateClient,
    name: &str,
    policy: CertificatePolicy,
) -> Certificate {
    let body = CreateCertificateParameters {
        certificate_policy: Some(policy),
        ..Default::default()
    };
    client
        .begin_create_certificate(name, body.try_into().expect("body"), None)
        .expect("create request")
        .await
        .unwrap_or_else(|e| panic!("create {name}: {e}"))
        .into_model()
        .expect("certificate model")
}

/// The HTTP status of an SDK error.
pub fn status_of(error: &azure_core::Error) -> u16 {
    u16::from(
        error
            .http_status()
            .unwrap_or_else(|| panic!("not an HTTP error: {error}")),
    )
}

/// Collects every item of a pager.
pub async fn collect<P>(pager: P) -> Vec<P::Ok>
where
    P: futures::TryStream<Error = azure_core::Error> + Unpin,
{
    pager.try_collect().await.expect("pager pages")
}

/// The name part of an absolute object id (`https://h/certificates/{name}[/{version}]`).
pub fn id_name(id: &str) -> String {
    id.split('/').nth(4).expect("id has a name").to_string()
}

/// The version part of an absolute object id.
pub fn id_version(id: &str) -> String {
    id.split('/').nth(5).expect("id has a version").to_string()
}

/// Starts creating `name` and returns the first operation answer (the 202), without waiting.
pub async fn start_create(
    client: &CertificateClient,
    name: &str,
    policy: CertificatePolicy,
) -> azure_security_keyvault_certificates::models::CertificateOperation {
    let body = CreateCertificateParameters {
        certificate_policy: Some(policy),
        ..Default::default()
    };
    let mut poller = client
        .begin_create_certificate(name, body.try_into().expect("body"), None)
        .expect("create request");
    poller
        .try_next()
        .await
        .unwrap_or_else(|e| panic!("create {name}: {e}"))
        .expect("a first status")
        .into_model()
        .expect("operation model")
}

/// Polls the operation of `name` until it leaves `inProgress` (bounded: 200 polls).
pub async fn wait_operation(
    client: &CertificateClient,
    name: &str,
) -> azure_security_keyvault_certificates::models::CertificateOperation {
    for _ in 0..200 {
        let op = client
            .get_certificate_operation(name, None)
            .await
            .expect("get operation")
            .into_model()
            .expect("operation model");
        if op.status.as_deref() != Some("inProgress") {
            return op;
        }
        tokio::time::sleep(OPERATION_DELAY).await;
    }
    panic!("operation of {name} never finished");
}
