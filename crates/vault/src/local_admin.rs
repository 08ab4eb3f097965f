//! The local vault's admin API (`/_certdeck/`), reached over HTTPS like its Key Vault API,
//! with the same token and CA trust as its vaults.

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use url::Url;

use crate::connection::{VaultConnection, local_http_client};
use crate::credential::LocalVaultToken;
use crate::error::{Code, Error, from_transport};

/// `DATA/serve.json`: the ready line of a running `certdeck-cli local-vault serve` (vault
/// names and URLs), removed on a clean exit. Left behind by a killed process, it names ports
/// nothing answers on, which [`served_vault_url`] reports as the local vault not running.
pub const SERVE_FILE: &str = "serve.json";

/// Plain HTTPS to a local vault's admin API.
pub(crate) struct LocalAdmin {
    pub http: reqwest::Client,
    /// Any of its vaults' URLs: every vault port answers the admin API.
    pub url: Url,
    pub token: Arc<LocalVaultToken>,
}

/// A vault the local vault serves, as its admin API lists it.
#[derive(Debug, Clone, Deserialize)]
pub struct ServedVault {
    pub name: String,
    pub url: String,
}

#[derive(Deserialize)]
struct Listed<T> {
    value: Vec<T>,
}

impl LocalAdmin {
    /// Sends `POST` or `GET` to `/_certdeck/{path}` and reads the JSON answer; `label` names
    /// the local vault in errors.
    async fn call<T: DeserializeOwned>(
        &self,
        post: bool,
        path: &str,
        label: &str,
    ) -> Result<T, Error> {
        self.send(post, path, None, label).await
    }

    /// [`LocalAdmin::call`] with an optional JSON body.
    async fn send<T: DeserializeOwned>(
        &self,
        post: bool,
        path: &str,
        body: Option<serde_json::Value>,
        label: &str,
    ) -> Result<T, Error> {
        let url = self
            .url
            .join("_certdeck/")
            .and_then(|base| base.join(path))
            .map_err(Error::internal)?;
        let mut request = if post {
            self.http.post(url)
        } else {
            self.http.get(url)
        };
        if let Some(body) = body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.to_string());
        }
        let response = request
            .bearer_auth(self.token.secret())
            .send()
            .await
            .map_err(|err| from_transport(&err, label))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|err| from_transport(&err, label))?;
        let failed = |detail: String| {
            Error::new(
                Code::Service,
                format!("The admin API of {label} answered {detail}"),
            )
        };
        if !status.is_success() {
            return Err(failed(format!(
                "{status}: {}",
                String::from_utf8_lossy(&body)
            )));
        }
        serde_json::from_slice(&body).map_err(|err| failed(format!("unreadably: {err}")))
    }
}

impl VaultConnection {
    /// Seeds the local vault's sample certificates (healthy, expiring in 10 days, expired,
    /// disabled, pending) that are not there yet; returns their names.
    pub async fn add_samples(&self) -> Result<Vec<String>, Error> {
        let local = self.local_admin("only local vaults have samples")?;
        let _permit = self.permit().await;
        let names: Listed<String> = local.call(true, "samples", &self.entry.name).await?;
        Ok(names.value)
    }

    /// Moves this local vault's clock `days` further (negative: back), for seeding dates in
    /// tests and benchmarks; returns the vault's total shift in days.
    #[doc(hidden)]
    pub async fn shift_clock(&self, days: i64) -> Result<i64, Error> {
        let local = self.local_admin("it has no clock to shift")?;
        #[derive(Deserialize)]
        struct Shifted {
            shift_days: i64,
        }
        let body = serde_json::json!({ "shift_days": days });
        let _permit = self.permit().await;
        let shifted: Shifted = local
            .send(true, "clock", Some(body), &self.entry.name)
            .await?;
        Ok(shifted.shift_days)
    }

    /// Replaces this local vault's injected faults with `rules` (the admin API's
    /// `/_certdeck/faults` shape; `[]` clears them); returns the rules in force. For tests.
    #[doc(hidden)]
    pub async fn set_faults(&self, rules: serde_json::Value) -> Result<serde_json::Value, Error> {
        let local = self.local_admin("it injects no faults")?;
        let body = serde_json::json!({ "rules": rules });
        local
            .send(true, "faults", Some(body), &self.entry.name)
            .await
    }

    /// The injected faults in force, each with how many requests it hit. For tests.
    #[doc(hidden)]
    pub async fn faults(&self) -> Result<serde_json::Value, Error> {
        let local = self.local_admin("it injects no faults")?;
        local.call(false, "faults", &self.entry.name).await
    }

    /// The local vault's admin API; `why` ends the error for any other vault.
    fn local_admin(&self, why: &str) -> Result<&LocalAdmin, Error> {
        self.local.as_ref().ok_or_else(|| {
            Error::new(
                Code::InvalidInput,
                format!("{} is not a local vault: {why}.", self.entry.name),
            )
        })
    }
}

/// The URL of vault `name` of the local vault a `certdeck-cli local-vault serve` process
/// runs on `data_dir`, asked of its admin API (found through [`SERVE_FILE`]).
pub async fn served_vault_url(data_dir: &Path, name: &str) -> Result<String, Error> {
    let not_running = |detail: String| {
        Error::new(
            Code::Offline,
            format!("No local vault is running on {}: {detail}", data_dir.display()),
        )
        .with_hint(format!(
            "Start it with `certdeck-cli local-vault serve --data-dir {}`, or pass the vault's URL with --vault-url.",
            data_dir.display()
        ))
    };
    #[derive(Deserialize)]
    struct Serving {
        vaults: Vec<ServedVault>,
    }
    let serve_file = data_dir.join(SERVE_FILE);
    let serving: Serving = match std::fs::read(&serve_file) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|err| {
            Error::new(
                Code::Io,
                format!("{} is unreadable: {err}", serve_file.display()),
            )
        })?,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(not_running(format!(
                "{} does not exist",
                serve_file.display()
            )));
        }
        Err(err) => return Err(Error::io("read", &serve_file, &err)),
    };
    let first = serving
        .vaults
        .first()
        .ok_or_else(|| not_running(format!("{} lists no vault", serve_file.display())))?;
    let admin = LocalAdmin {
        http: local_http_client(&data_dir.join("ca.pem"))?,
        url: Url::parse(&first.url).map_err(|err| not_running(err.to_string()))?,
        token: Arc::new(LocalVaultToken::read(data_dir)?),
    };
    let label = format!("the local vault on {}", data_dir.display());
    let listed: Listed<ServedVault> = admin.call(false, "vaults", &label).await.map_err(|err| {
        if err.code == Code::Offline {
            not_running(err.message)
        } else {
            err
        }
    })?;
    let names: Vec<&str> = listed.value.iter().map(|v| v.name.as_str()).collect();
    listed
        .value
        .iter()
        .find(|v| v.name.eq_ignore_ascii_case(name))
        .map(|v| v.url.clone())
        .ok_or_else(|| {
            Error::new(
                Code::NotFound,
                format!(
                    "The local vault on {} has no vault named {name}; it serves: {}.",
                    data_dir.display(),
                    names.join(", ")
                ),
            )
            .with_hint("Pick one of those, or add it with `local-vault serve --vault NAME`.")
        })
}
