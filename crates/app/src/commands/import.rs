//! Import: plan opened files as one certificate, check the name, send it.

use inspect::import::{ContentType, ImportPlan, plan};
use tauri::State;
use vault::{CertificateSummary, ImportOptions, NameStatus, VaultId};

use super::blocking;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::opened_files::OpenedFiles;
use crate::vaults::Vaults;

/// What importing `files` as one certificate would send, and whether Key Vault would take it.
#[tauri::command]
pub async fn plan_import(
    opened: State<'_, OpenedFiles>,
    files: Vec<u32>,
    content_type: Option<ContentType>,
) -> AppResult<ImportPlan> {
    let files = opened.get(&files)?;
    blocking(move || {
        let refs: Vec<_> = files.iter().map(AsRef::as_ref).collect();
        Ok(plan(&refs, content_type).map_err(plan_error)?.0)
    })
    .await
}

#[tauri::command]
pub async fn check_certificate_name(
    vaults: State<'_, Vaults>,
    vault: VaultId,
    name: String,
) -> AppResult<NameStatus> {
    Ok(vaults.connect(vault).await?.name_status(&name).await?)
}

/// Imports `files` as one certificate; on success they are closed (keys and passwords
/// zeroized). On failure they stay open so the user can change the name and retry.
#[tauri::command]
pub async fn import_certificate(
    vaults: State<'_, Vaults>,
    opened: State<'_, OpenedFiles>,
    vault: VaultId,
    files: Vec<u32>,
    content_type: Option<ContentType>,
    options: ImportOptions,
) -> AppResult<CertificateSummary> {
    let ids = files.clone();
    let files = opened.get(&files)?;
    let payload = blocking(move || {
        let refs: Vec<_> = files.iter().map(AsRef::as_ref).collect();
        let (plan, payload) = plan(&refs, content_type).map_err(plan_error)?;
        payload.ok_or_else(|| {
            let why = plan
                .report
                .key_vault
                .problems
                .first()
                .map(|p| p.message.clone());
            AppError::new(
                ErrorCode::InvalidInput,
                why.unwrap_or_else(|| "Key Vault would refuse these files.".into()),
            )
        })
    })
    .await?;
    let connection = vaults.connect(vault).await?;
    let row = connection.import_certificate(&payload, &options).await?;
    opened.close(&ids);
    Ok(row)
}

fn plan_error(err: inspect::Error) -> AppError {
    AppError::new(ErrorCode::InvalidInput, err.to_string())
}
