//! Process-wide state and the HTTPS servers, one per vault port.

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum_server::Handle;
use axum_server::tls_rustls::{RustlsAcceptor, RustlsConfig};
use tokio::sync::Semaphore;
use tokio::task::JoinHandle;
use zeroize::Zeroizing;

use crate::config::{Config, Delays, Limits, VaultEndpoint};
use crate::connections::Capped;
use crate::domain::jobs;
use crate::domain::model::valid_name;
use crate::domain::recovery::VaultSettings;
use crate::domain::vault::{Change, Vault};
use crate::error::Error;
use crate::http;
use crate::http::context::{Ctx, Host, HostFuture};
use crate::storage::datadir::{self, DataDir};
use crate::storage::state::{VaultMeta, key_of};
use crate::storage::store::Store;
use crate::storage::tls::LocalCa;

/// How often lifetime actions and scheduled purges are evaluated without a clock shift.
const TICK: Duration = Duration::from_secs(30);

struct Running {
    vault: Arc<Vault>,
    handle: Handle<SocketAddr>,
    tasks: Vec<JoinHandle<()>>,
}

/// What every vault of the process shares.
pub struct Shared {
    /// The data directory.
    pub data_dir: PathBuf,
    /// The bearer token.
    pub token: Zeroizing<String>,
    tls: RustlsConfig,
    limits: Limits,
    /// Connection slots shared by every port ([`Limits::max_connections`]).
    connections: Arc<Semaphore>,
    store: Store,
    ca: Arc<LocalCa>,
    delays: Delays,
    running: Mutex<Vec<Running>>,
    next_port: Mutex<Option<u16>>,
    /// The data directory lock, released by `stop_all`.
    lock: Mutex<Option<std::fs::File>>,
}

impl Shared {
    /// Opens the data directory and starts the configured and previously created vaults.
    pub async fn start(config: Config, limits: Limits) -> Result<Arc<Shared>, Error> {
        let dir = DataDir::open(&config.data_dir)?;
        let lock = datadir::lock(&dir)?;
        let token = dir.read_or_create("token", 0o600, datadir::random_token)?;
        let token = Zeroizing::new(String::from_utf8_lossy(&token).trim().to_string());
        let ca = Arc::new(LocalCa::load_or_create(&dir)?);
        let tls = http1_only(ca.server_tls().await?);
        let db = dir.touch_private("vault.db")?;
        let store = Store::open(&db)?;
        let shared = Arc::new(Shared {
            data_dir: config.data_dir.clone(),
            token,
            tls,
            limits,
            connections: Arc::new(Semaphore::new(limits.max_connections)),
            store: store.clone(),
            ca,
            delays: Delays {
                operation: config.operation_delay,
                deletion: config.deletion_delay,
            },
            running: Mutex::new(Vec::new()),
            next_port: Mutex::new(config.first_port),
            lock: Mutex::new(Some(lock)),
        });
        let mut names = config.vaults.clone();
        if names.is_empty() {
            names.push("local".to_string());
        }
        for stored in store.vault_names().await? {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(&stored)) {
                names.push(stored);
            }
        }
        for name in names {
            if let Err(e) = shared.add_vault(&name, &config.vault_settings, false).await {
                shared.stop_all().await;
                return Err(e);
            }
        }
        Ok(shared)
    }

    /// The served vaults.
    pub fn endpoints(&self) -> Vec<VaultEndpoint> {
        self.lock()
            .iter()
            .map(|r| VaultEndpoint {
                name: r.vault.name.clone(),
                url: r.vault.url.clone(),
            })
            .collect()
    }

    /// Refuses (or allows again) secret reads on vault `name`, as Key Vault does a caller
    /// without the secret `get` permission; false if there is no such vault.
    pub async fn deny_secret_get(&self, name: &str, deny: bool) -> Result<bool, Error> {
        let vault = self
            .lock()
            .iter()
            .find(|r| key_of(&r.vault.name) == key_of(name))
            .map(|r| r.vault.clone());
        let Some(vault) = vault else {
            return Ok(false);
        };
        let mut state = vault.write().await;
        let mut meta = state.meta.clone();
        meta.deny_secret_get = deny;
        vault.commit(&mut state, vec![Change::Meta(meta)]).await?;
        Ok(true)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Running>> {
        self.running.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn bind(&self) -> Result<TcpListener, Error> {
        let mut next = self.next_port.lock().unwrap_or_else(|p| p.into_inner());
        let port = next.unwrap_or(0);
        let listener = TcpListener::bind(("127.0.0.1", port))
            .map_err(|source| Error::Bind { port, source })?;
        if let Some(p) = next.as_mut() {
            *p = p.saturating_add(1);
        }
        listener
            .set_nonblocking(true)
            .map_err(|source| Error::Bind { port, source })?;
        Ok(listener)
    }

    /// Starts vault `name` (new or stored) on its own port; a `remembered` vault is served
    /// again on restart without being configured. `settings` apply to a new vault only.
    pub async fn add_vault(
        self: &Arc<Self>,
        name: &str,
        settings: &VaultSettings,
        remembered: bool,
    ) -> Result<VaultEndpoint, Error> {
        if !valid_name(name) || name.len() > 63 {
            return Err(Error::InvalidVault(format!(
                "Invalid vault name '{name}': use 1–63 characters of 0-9, a-z, A-Z and '-'."
            )));
        }
        let (retention, recovery) = settings.resolve().map_err(Error::InvalidVault)?;
        if self
            .lock()
            .iter()
            .any(|r| key_of(&r.vault.name) == key_of(name))
        {
            return Err(Error::InvalidVault(format!(
                "Vault '{name}' already exists."
            )));
        }
        let listener = self.bind()?;
        let addr = listener
            .local_addr()
            .map_err(|source| Error::Bind { port: 0, source })?;
        let url = format!("https://127.0.0.1:{}/", addr.port());
        let vault = Arc::new(
            Vault::load(
                name,
                url.clone(),
                VaultMeta::new(retention, recovery, remembered),
                self.store.clone(),
                self.ca.clone(),
                self.delays,
            )
            .await?,
        );
        let host: Arc<dyn Host> = Arc::new(self.clone());
        let ctx = Ctx::new(host, vault.clone());
        let handle = Handle::new();
        let tls =
            RustlsAcceptor::new(self.tls.clone()).handshake_timeout(self.limits.header_timeout);
        let mut server = axum_server::from_tcp(listener)
            .map_err(|source| Error::Bind {
                port: addr.port(),
                source,
            })?
            .acceptor(Capped::new(tls, self.connections.clone()))
            .handle(handle.clone())
            .http1_only();
        server
            .http_builder()
            .http1()
            .header_read_timeout(self.limits.header_timeout);
        let server = server.serve(http::router(ctx, self.limits.body_timeout).into_make_service());
        let server = tokio::spawn(async move {
            if let Err(e) = server.await {
                tracing::error!("vault server stopped: {e}");
            }
        });
        handle.listening().await;
        let ticker = tokio::spawn(jobs::run(vault.clone(), TICK));
        let mut running = self.lock();
        if running
            .iter()
            .any(|r| key_of(&r.vault.name) == key_of(name))
        {
            handle.shutdown();
            server.abort();
            ticker.abort();
            return Err(Error::InvalidVault(format!(
                "Vault '{name}' already exists."
            )));
        }
        running.push(Running {
            vault,
            handle,
            tasks: vec![server, ticker],
        });
        Ok(VaultEndpoint {
            name: name.to_string(),
            url,
        })
    }

    /// Stops vault `name` and deletes its contents; false if no such vault.
    pub async fn remove_vault(&self, name: &str) -> Result<bool, Error> {
        let removed = {
            let mut running = self.lock();
            let index = running
                .iter()
                .position(|r| key_of(&r.vault.name) == key_of(name));
            index.map(|i| running.remove(i))
        };
        let Some(running) = removed else {
            return Ok(false);
        };
        self.store.drop_vault(&running.vault.name).await?;
        // Stop after answering: the request deleting a vault may arrive on that vault's port.
        tokio::spawn(stop(running));
        Ok(true)
    }

    /// Stops every vault.
    pub async fn stop_all(&self) {
        let all: Vec<Running> = std::mem::take(&mut *self.lock());
        for running in all {
            stop(running).await;
        }
        // Release the directory now: handler clones of `Shared` may outlive this call briefly.
        drop(self.lock.lock().unwrap_or_else(|p| p.into_inner()).take());
    }
}

/// The admin API's view of the process.
impl Host for Arc<Shared> {
    fn token(&self) -> &str {
        &self.token
    }

    fn vaults(&self) -> Vec<VaultEndpoint> {
        self.endpoints()
    }

    fn create_vault(&self, name: String, settings: VaultSettings) -> HostFuture<'_, VaultEndpoint> {
        Box::pin(async move { Shared::add_vault(self, &name, &settings, true).await })
    }

    fn delete_vault(&self, name: String) -> HostFuture<'_, bool> {
        Box::pin(async move { Shared::remove_vault(self, &name).await })
    }
}

/// `tls` offering HTTP/1.1 alone in ALPN: the server speaks nothing else.
fn http1_only(tls: RustlsConfig) -> RustlsConfig {
    let mut config = (*tls.get_inner()).clone();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    RustlsConfig::from_config(Arc::new(config))
}

async fn stop(running: Running) {
    running
        .handle
        .graceful_shutdown(Some(Duration::from_secs(2)));
    let mut tasks = running.tasks.into_iter();
    if let Some(server) = tasks.next() {
        let _ = server.await;
    }
    for task in tasks {
        task.abort();
    }
}
