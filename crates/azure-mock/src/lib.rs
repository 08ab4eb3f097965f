//! An Entra- and ARM-shaped server over HTTPS, for testing sign-in and vault discovery
//! offline: one server is both the authority host and the ARM endpoint.
//!
//! The Entra routes (`entra`) issue opaque random tokens into a shared table; the ARM routes
//! (`arm`) accept only tokens from that table, for ARM and for the right tenant.

pub mod arm;
pub mod config;
pub mod entra;
#[cfg(feature = "testing")]
pub mod testing;
mod tls;

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum_server::Handle;

pub use config::Config;

/// What a token grants: who, in which tenant, for which resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The user's object id.
    pub user: String,
    pub tenant: String,
    /// The resource the token is for: the scope without `/.default` and trailing slashes,
    /// e.g. `https://management.azure.com` or `https://vault.azure.net`.
    pub resource: String,
}

/// The state every route shares.
pub struct Mock {
    pub config: Config,
    /// This server's base URL, ending in `/` (for `nextLink`s and issuers).
    pub url: String,
    tokens: Mutex<HashMap<String, Grant>>,
    requests: Mutex<Vec<String>>,
    /// The Entra routes' codes, refresh tokens and device codes.
    sessions: entra::Sessions,
}

impl Mock {
    fn new(config: Config, url: String) -> Mock {
        Mock {
            config,
            url,
            tokens: Mutex::new(HashMap::new()),
            requests: Mutex::new(Vec::new()),
            sessions: entra::Sessions::default(),
        }
    }

    /// The access-token table.
    pub fn tokens(&self) -> MutexGuard<'_, HashMap<String, Grant>> {
        self.tokens.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Issues a new opaque access token for `grant`.
    pub fn issue(&self, grant: Grant) -> String {
        let token = random_token();
        self.tokens().insert(token.clone(), grant);
        token
    }

    /// What `token` grants, if this server issued it.
    pub fn grant(&self, token: &str) -> Option<Grant> {
        self.tokens().get(token).cloned()
    }

    /// Every request served so far, as `METHOD /path?query` (tests check which routes and
    /// pages a client used).
    pub fn requests(&self) -> Vec<String> {
        self.requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

/// Middleware: notes each request in the log `Mock::requests` reads.
async fn record(State(mock): State<Arc<Mock>>, request: Request, next: Next) -> Response {
    let line = format!("{} {}", request.method(), request.uri());
    mock.requests
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(line);
    next.run(request).await
}

/// The normal form of a resource or scope: no `/.default`, no trailing slash, lower case.
pub fn resource_of(scope: &str) -> String {
    let scope = scope.strip_suffix("/.default").unwrap_or(scope);
    scope.trim_end_matches('/').to_ascii_lowercase()
}

/// 32 random bytes as hex: opaque, unguessable.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // The system RNG does not fail on the platforms we run on; zeros would still be unique
    // enough for a test server, never a secret.
    let _ = aws_lc_rs::rand::fill(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Starts mock servers.
pub struct MockAzure;

impl MockAzure {
    /// Serves `config` on `https://127.0.0.1:{ephemeral}/` with a fresh CA.
    pub async fn start(config: Config) -> anyhow::Result<Running> {
        let dir = tempfile::tempdir()?;
        let tls = tls::make(dir.path()).await?;
        let listener = std::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
        listener.set_nonblocking(true)?;
        let url = format!("https://127.0.0.1:{}/", listener.local_addr()?.port());
        let mock = Arc::new(Mock::new(config, url.clone()));
        let handle = Handle::new();
        let server = axum_server::from_tcp_rustls(listener, tls.config)?
            .handle(handle.clone())
            .serve(router(mock.clone()).into_make_service());
        let task = tokio::spawn(async move {
            if let Err(e) = server.await {
                tracing::error!("azure mock stopped: {e}");
            }
        });
        handle.listening().await;
        Ok(Running {
            url,
            ca_file: tls.ca_file,
            mock,
            handle,
            task,
            _dir: dir,
        })
    }
}

fn router(mock: Arc<Mock>) -> Router {
    Router::new()
        .merge(arm::routes())
        .merge(entra::routes())
        .layer(middleware::from_fn_with_state(mock.clone(), record))
        .with_state(mock)
}

/// A serving mock; stops when dropped.
pub struct Running {
    /// The authority host and the ARM endpoint, ending in `/`.
    pub url: String,
    /// The CA's PEM, for `CERTDECK_EXTRA_CA_FILE`.
    pub ca_file: PathBuf,
    pub mock: Arc<Mock>,
    handle: Handle<SocketAddr>,
    task: tokio::task::JoinHandle<()>,
    _dir: tempfile::TempDir,
}

impl Running {
    /// Puts a token for `user` in `tenant` and `resource` (a scope or resource URL) straight
    /// into the table, as if the Entra routes had issued it.
    pub fn issue_token(&self, user: &str, tenant: &str, resource: &str) -> String {
        self.mock.issue(Grant {
            user: user.to_string(),
            tenant: tenant.to_string(),
            resource: resource_of(resource),
        })
    }

    /// Stops serving and waits for the server to end.
    pub async fn shutdown(mut self) {
        self.handle.shutdown();
        let _ = (&mut self.task).await;
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.handle.shutdown();
        self.task.abort();
    }
}
