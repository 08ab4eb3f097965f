//! What reaches outside the window: the Azure Portal in the browser, the native save dialog.

use tauri::{AppHandle, State, WebviewWindow};
use vault::VaultId;

use crate::error::{AppError, AppResult, ErrorCode};
use crate::vaults::Vaults;

/// Opens certificate `id` of an Azure vault in the Azure Portal. The id must belong to the
/// vault, so the webview cannot open arbitrary addresses.
#[tauri::command]
pub fn open_in_portal(vaults: State<'_, Vaults>, vault: VaultId, id: String) -> AppResult<()> {
    let entry = vaults
        .list()
        .into_iter()
        .find(|v| v.id == vault)
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, "That vault is no longer listed."))?;
    if entry.local_name.is_some() || !id.starts_with(&format!("{}certificates/", entry.url)) {
        return Err(AppError::new(
            ErrorCode::InvalidInput,
            "Only certificates of Azure vaults open in the Azure Portal.",
        ));
    }
    let url = format!(
        "https://portal.azure.com/#asset/Microsoft_Azure_KeyVault/Certificate/{}",
        id.trim_end_matches('/')
    );
    open::that_detached(&url).map_err(|err| {
        AppError::new(ErrorCode::Io, format!("Could not open the browser: {err}"))
            .with_hint(format!("Open {url} yourself."))
    })
}

/// Asks where to save `contents` with the native dialog; returns the path, or `None` when
/// the user cancels.
#[tauri::command]
pub async fn save_text_file(
    app: AppHandle,
    window: WebviewWindow,
    suggested_name: String,
    contents: String,
) -> AppResult<Option<String>> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    // GTK dialogs must run on the main (GTK) thread.
    app.run_on_main_thread(move || {
        let path = rfd::FileDialog::new()
            .set_parent(&window)
            .set_file_name(&suggested_name)
            .save_file();
        let _ = tx.send(path);
    })?;
    let Some(path) = rx.await.ok().flatten() else {
        return Ok(None);
    };
    std::fs::write(&path, contents).map_err(|err| AppError::io("write", &path, &err))?;
    Ok(Some(path.display().to_string()))
}
