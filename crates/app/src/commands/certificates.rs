//! Certificates of a vault: streamed listings, details, versions.

use futures::TryStreamExt;
use tauri::State;
use tauri::ipc::Channel;
use vault::{CertificateDetails, CertificateSummary, VaultId};

use crate::error::{AppError, AppResult, ErrorCode};
use crate::vaults::Vaults;

/// Streams the vault's certificates to `on_page` a page at a time; returns the row count
/// once all pages are sent. `cancel_request(request)` stops it.
#[tauri::command]
pub async fn list_certificates(
    vaults: State<'_, Vaults>,
    vault: VaultId,
    request: u32,
    on_page: Channel<Vec<CertificateSummary>>,
) -> AppResult<usize> {
    // Registered before connecting: a cancel may arrive while the local vault still starts.
    vaults
        .cancellable(request, async {
            let connection = vaults.connect(vault).await?;
            let mut pages = vault::list_certificates(&connection);
            let mut total = 0;
            while let Some(page) = pages.try_next().await? {
                total += page.len();
                on_page.send(page).map_err(|err| {
                    AppError::new(ErrorCode::Internal, format!("The view went away: {err}"))
                })?;
            }
            Ok(total)
        })
        .await
}

#[tauri::command]
pub fn cancel_request(vaults: State<'_, Vaults>, request: u32) {
    vaults.cancel(request);
}

#[tauri::command]
pub async fn get_certificate(
    vaults: State<'_, Vaults>,
    vault: VaultId,
    name: String,
    version: Option<String>,
) -> AppResult<CertificateDetails> {
    let connection = vaults.connect(vault).await?;
    Ok(connection.certificate(&name, version.as_deref()).await?)
}

/// Every version of a certificate, newest first.
#[tauri::command]
pub async fn list_versions(
    vaults: State<'_, Vaults>,
    vault: VaultId,
    name: String,
) -> AppResult<Vec<CertificateSummary>> {
    let connection = vaults.connect(vault).await?;
    let pages: Vec<Vec<CertificateSummary>> = vault::list_versions(&connection, &name)
        .try_collect()
        .await?;
    let mut versions: Vec<_> = pages.into_iter().flatten().collect();
    versions.sort_by_key(|v| std::cmp::Reverse(v.created));
    Ok(versions)
}
