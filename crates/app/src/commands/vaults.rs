//! The vault list: add, rename, colour, reorder, remove.

use tauri::State;
use vault::{CredentialKind, VaultEntry, VaultId};
use zeroize::Zeroizing;

use crate::error::{AppError, AppResult, ErrorCode};
use crate::vaults::Vaults;

#[tauri::command]
pub async fn list_vaults(vaults: State<'_, Vaults>) -> AppResult<Vec<VaultEntry>> {
    Ok(vaults.ready().await.list())
}

#[tauri::command]
pub async fn add_local_vault(vaults: State<'_, Vaults>, name: String) -> AppResult<VaultEntry> {
    vaults.ready().await.add_local(&name).await
}

/// Adds an Azure vault by URL. A service principal's secret goes to the OS keyring; it
/// crosses IPC once, here, and is dropped (zeroized) when this returns.
#[tauri::command]
pub async fn add_azure_vault(
    vaults: State<'_, Vaults>,
    url: String,
    name: Option<String>,
    credential: CredentialKind,
    client_secret: Option<String>,
) -> AppResult<VaultEntry> {
    let client_secret = client_secret.map(Zeroizing::new);
    if let CredentialKind::ServicePrincipal {
        tenant_id,
        client_id,
    } = &credential
    {
        let secret = client_secret.as_deref().ok_or_else(|| {
            AppError::new(
                ErrorCode::InvalidInput,
                "A service principal needs its client secret.",
            )
        })?;
        vault::client_secret::save(tenant_id, client_id, secret)?;
    }
    vaults.ready().await.add_azure(
        &url,
        name.as_deref().filter(|n| !n.trim().is_empty()),
        credential,
    )
}

#[tauri::command]
pub fn rename_vault(
    vaults: State<'_, Vaults>,
    vault: VaultId,
    name: String,
) -> AppResult<Vec<VaultEntry>> {
    vaults.change(|reg| reg.rename(vault, &name))
}

#[tauri::command]
pub fn set_vault_color(
    vaults: State<'_, Vaults>,
    vault: VaultId,
    color: Option<String>,
) -> AppResult<Vec<VaultEntry>> {
    vaults.change(|reg| reg.set_color(vault, color))
}

#[tauri::command]
pub fn reorder_vaults(
    vaults: State<'_, Vaults>,
    order: Vec<VaultId>,
) -> AppResult<Vec<VaultEntry>> {
    vaults.change(|reg| reg.reorder(&order))
}

#[tauri::command]
pub fn remove_vault(vaults: State<'_, Vaults>, vault: VaultId) -> AppResult<Vec<VaultEntry>> {
    vaults.remove(vault)
}

/// Adds the sample certificates to a local vault.
#[tauri::command]
pub async fn add_samples(vaults: State<'_, Vaults>, vault: VaultId) -> AppResult<Vec<String>> {
    Ok(vaults.connect(vault).await?.add_samples().await?)
}
