//! Certificate files the user dropped or picked: granted here, then inspected locally.

use std::path::{Path, PathBuf};

use inspect::import::OpenedFile;
use serde::Serialize;

use tauri::{AppHandle, Emitter, Manager, State, WebviewWindow};
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::error::{AppError, AppResult, ErrorCode};
use crate::grants::FileGrants;
use crate::opened_files::OpenedFiles;

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

/// What the import panel shows of an opened file.
#[derive(Debug, Serialize, TS)]
pub struct OpenedFileInfo {
    /// The handle later calls name the file by.
    pub id: u32,
    pub path: String,
    pub file_name: String,
    pub report: inspect::Report,
}

/// Opens a granted file for import. The password crosses IPC once, for this file; it stays in
/// zeroizing memory with the file until `close_files` or a successful import.
#[tauri::command]
pub async fn open_file(
    grants: State<'_, FileGrants>,
    opened: State<'_, OpenedFiles>,
    path: PathBuf,
    password: Option<String>,
) -> AppResult<OpenedFileInfo> {
    let password = password.map(inspect::Password::new);
    let bytes = Zeroizing::new(grants.read(&path)?);
    let file = {
        let path = path.clone();
        super::blocking(move || {
            OpenedFile::open(bytes, password).map_err(|err| file_error(&path, err))
        })
        .await?
    };
    let report = file.report().clone();
    Ok(OpenedFileInfo {
        id: opened.insert(file),
        file_name: display_name(&path),
        path: path.display().to_string(),
        report,
    })
}

/// Forgets opened files (the panel closed or the user removed them).
#[tauri::command]
pub fn close_files(opened: State<'_, OpenedFiles>, files: Vec<u32>) {
    opened.close(&files);
}

fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn file_error(path: &Path, err: inspect::Error) -> AppError {
    let code = match err {
        inspect::Error::PasswordRequired => ErrorCode::PasswordRequired,
        inspect::Error::WrongPassword => ErrorCode::WrongPassword,
        inspect::Error::Io(_) => ErrorCode::Io,
        _ => ErrorCode::InvalidInput,
    };
    AppError::new(code, format!("{}: {err}", display_name(path)))
}
