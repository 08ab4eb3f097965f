//! What every handler of a vault port sees.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::body::Bytes;
use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};

use crate::config::VaultEndpoint;
use crate::domain::error::ApiResult;
use crate::domain::recovery::VaultSettings;
use crate::domain::vault::{Vault, VaultState};
use crate::error::Error;
use crate::http::cache::ResponseCache;
use crate::http::faults::Faults;

/// A future of the process's vault registry.
pub type HostFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

/// What a port needs from the process serving it: the token and the set of vaults (the
/// admin API changes it). A trait so that http does not import the server that runs it.
pub trait Host: Send + Sync {
    /// The bearer token every request must carry.
    fn token(&self) -> &str;
    /// The served vaults.
    fn vaults(&self) -> Vec<VaultEndpoint>;
    /// Creates (or reopens) a vault on a new port, served again on restart.
    fn create_vault(&self, name: String, settings: VaultSettings) -> HostFuture<'_, VaultEndpoint>;
    /// Stops a vault and deletes its contents; false if there is no such vault.
    fn delete_vault(&self, name: String) -> HostFuture<'_, bool>;
}

/// The per-port context.
#[derive(Clone)]
pub struct Ctx {
    /// The process (token, admin API).
    pub host: Arc<dyn Host>,
    /// The vault this port serves.
    pub vault: Arc<Vault>,
    /// Rendered GET responses of the vault's current generation.
    pub responses: Arc<ResponseCache>,
    /// Injected faults (admin API), none by default.
    pub faults: Arc<Faults>,
}

impl Ctx {
    /// The context of a port serving `vault`.
    pub fn new(host: Arc<dyn Host>, vault: Arc<Vault>) -> Ctx {
        Ctx {
            host,
            vault,
            responses: Arc::default(),
            faults: Arc::default(),
        }
    }

    /// Answers a GET from the response cache; `render` runs (under the read lock) only when
    /// the state changed since this request (base, path and query) was last answered.
    pub async fn cached_json(
        &self,
        base: &str,
        uri: &Uri,
        render: impl FnOnce(&VaultState) -> ApiResult<Bytes>,
    ) -> ApiResult<Response> {
        let state = self.vault.read().await;
        let key = format!("{base}{uri}");
        let body = self
            .responses
            .get_or_render(state.generation(), &key, || render(&state))?;
        // The header axum's `Json` sets.
        let json = HeaderValue::from_static("application/json");
        Ok(([(header::CONTENT_TYPE, json)], body).into_response())
    }
}
