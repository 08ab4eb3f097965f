//! The vault list: add, rename, colour, reorder, remove; samples for local vaults.

use errors::{Code, Error, Result};
use serde::Deserialize;
pub use vault::{CredentialKind, VaultEntry, VaultId};
use zeroize::Zeroizing;

use crate::{App, Host};

/// Names one vault.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VaultArgs {
    pub vault: VaultId,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddLocalVaultArgs {
    pub name: String,
}

// No `Debug`: it carries a client secret.
#[derive(Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddAzureVaultArgs {
    pub url: String,
    pub name: Option<String>,
    pub credential: CredentialKind,
    /// A service principal's secret; it goes to the OS keyring, never to a file.
    pub client_secret: Option<String>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RenameVaultArgs {
    pub vault: VaultId,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetVaultColorArgs {
    pub vault: VaultId,
    pub color: Option<String>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReorderVaultsArgs {
    pub order: Vec<VaultId>,
}

pub async fn list_vaults(app: &App, _: &dyn Host, _: ()) -> Result<Vec<VaultEntry>> {
    Ok(app.vaults.ready().await.list())
}

pub async fn add_local_vault(
    app: &App,
    _: &dyn Host,
    args: AddLocalVaultArgs,
) -> Result<VaultEntry> {
    app.vaults.ready().await.add_local(&args.name).await
}

/// Adds an Azure vault by URL. A service principal's secret crosses IPC once, here, and is
/// zeroized when this returns.
pub async fn add_azure_vault(
    app: &App,
    _: &dyn Host,
    args: AddAzureVaultArgs,
) -> Result<VaultEntry> {
    let client_secret = args.client_secret.map(Zeroizing::new);
    if let CredentialKind::ServicePrincipal {
        tenant_id,
        client_id,
    } = &args.credential
    {
        let secret = client_secret.as_deref().ok_or_else(|| {
            Error::new(
                Code::InvalidInput,
                "A service principal needs its client secret.",
            )
        })?;
        vault::client_secret::save(tenant_id, client_id, secret)?;
    }
    app.vaults.ready().await.add_azure(
        &args.url,
        args.name.as_deref().filter(|n| !n.trim().is_empty()),
        args.credential,
    )
}

pub async fn rename_vault(
    app: &App,
    _: &dyn Host,
    args: RenameVaultArgs,
) -> Result<Vec<VaultEntry>> {
    app.vaults.change(|reg| reg.rename(args.vault, &args.name))
}

pub async fn set_vault_color(
    app: &App,
    _: &dyn Host,
    args: SetVaultColorArgs,
) -> Result<Vec<VaultEntry>> {
    app.vaults
        .change(|reg| reg.set_color(args.vault, args.color))
}

pub async fn reorder_vaults(
    app: &App,
    _: &dyn Host,
    args: ReorderVaultsArgs,
) -> Result<Vec<VaultEntry>> {
    app.vaults.change(|reg| reg.reorder(&args.order))
}

pub async fn remove_vault(app: &App, _: &dyn Host, args: VaultArgs) -> Result<Vec<VaultEntry>> {
    app.vaults.remove(args.vault)
}

/// Adds the sample certificates to a local vault; returns their names.
pub async fn add_samples(app: &App, _: &dyn Host, args: VaultArgs) -> Result<Vec<String>> {
    app.vaults.connect(args.vault).await?.add_samples().await
}
