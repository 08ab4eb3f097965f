//! Certificate files the user dropped or picked: granted here, then inspected locally.

use std::path::PathBuf;

use tauri::{AppHandle, Emitter, Manager, State, WebviewWindow};
use zeroize::Zeroizing;

use crate::error::{AppError, AppResult, ErrorCode};
use crate::grants::FileGrants;

/// What the UI hears about a native drop, after the paths are granted. The page cannot
/// forge a grant: only the window's native drop event and the dialog below create one.
pub const FILES_DROPPED: &str = "certdeck://files-dropped";

/// Grants a native drop's paths and tells the page which files it may now inspect.
pub fn on_native_drop(app: &AppHandle, paths: &[PathBuf]) {
    let granted = app.state::<FileGrants>().grant(paths.iter().cloned());
    if let Err(err) = app.emit(FILES_DROPPED, &granted) {
        tracing::warn!("could not announce dropped files: {err}");
    }
}

/// The native multi-select dialog for certificate files; the chosen files are granted.
#[tauri::command]
pub async fn pick_files(
    app: AppHandle,
    window: WebviewWindow,
    grants: State<'_, FileGrants>,
) -> AppResult<Vec<PathBuf>> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    // GTK dialogs must run on the main (GTK) thread.
    app.run_on_main_thread(move || {
        let picked = rfd::FileDialog::new()
            .set_parent(&window)
            .set_title("Import certificates")
            .add_filter(
                "Certificate files",
                &["pfx", "p12", "pem", "crt", "cer", "key", "p7b"],
            )
            .add_filter("All files", &["*"])
            .pick_files();
        let _ = tx.send(picked);
    })?;
    let picked = rx.await.ok().flatten().unwrap_or_default();
    Ok(grants.grant(picked))
}

/// Inspects a granted file. The password crosses IPC once, for this file, and is zeroized
/// when this returns.
#[tauri::command]
pub fn inspect_file(
    grants: State<'_, FileGrants>,
    path: PathBuf,
    password: Option<String>,
) -> AppResult<inspect::Report> {
    let password = password.map(inspect::Password::new);
    let bytes = Zeroizing::new(grants.read(&path)?);
    inspect::inspect(&bytes, password.as_ref()).map_err(|err| file_error(&path, err))
}

fn file_error(path: &std::path::Path, err: inspect::Error) -> AppError {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let code = match err {
        inspect::Error::PasswordRequired => ErrorCode::PasswordRequired,
        inspect::Error::WrongPassword => ErrorCode::WrongPassword,
        inspect::Error::Io(_) => ErrorCode::Io,
        _ => ErrorCode::InvalidInput,
    };
    AppError::new(code, format!("{name}: {err}"))
}
