//! Certificate files the user dropped or picked: granted, then opened locally for import.

use std::path::{Path, PathBuf};

use errors::{Error, Result};
use inspect::import::OpenedFile;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::blocking::blocking;
use crate::{App, Host};

// No `Debug`: it carries a password.
#[derive(Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OpenFileArgs {
    pub path: PathBuf,
    /// Crosses IPC once, for this file; kept zeroizing with it until closed or imported.
    pub password: Option<String>,
}

/// Names opened files by their handles.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FilesArgs {
    pub files: Vec<u32>,
}

/// What the import panel shows of an opened file.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OpenedFileInfo {
    /// The handle later calls name the file by.
    pub id: u32,
    pub path: String,
    pub file_name: String,
    pub report: inspect::Report,
}

/// The native multi-select dialog; the chosen files are granted. `[]` when cancelled.
pub async fn pick_files(app: &App, host: &dyn Host, _: ()) -> Result<Vec<PathBuf>> {
    let picked = host.pick_certificate_files().await.unwrap_or_default();
    Ok(app.grants.grant(picked))
}

/// The files opened with CertDeck before the UI listened for drops (its own command line, a
/// second launch's); from now on they come as drops. Each is handed out once.
pub async fn take_opened_files(app: &App, _: &dyn Host, _: ()) -> Result<Vec<PathBuf>> {
    Ok(app.opened_with.take())
}

/// Opens a granted file for import; fails with `PasswordRequired` or `WrongPassword` when it
/// needs one.
pub async fn open_file(app: &App, _: &dyn Host, args: OpenFileArgs) -> Result<OpenedFileInfo> {
    let OpenFileArgs { path, password } = args;
    let password = password.map(inspect::Password::new);
    let bytes = Zeroizing::new(app.grants.read(&path)?);
    let (file, certificates) = {
        let path = path.clone();
        blocking(move || {
            // Read twice: the opened file keeps its material private, and a merge needs
            // the certificates themselves.
            let certificates = inspect::read_material(&bytes, password.as_ref())
                .map_err(|err| file_error(&path, err))?
                .certificates;
            let file = OpenedFile::open(bytes, password).map_err(|err| file_error(&path, err))?;
            Ok((file, certificates))
        })
        .await?
    };
    let report = file.report().clone();
    Ok(OpenedFileInfo {
        id: app.opened.insert(file, certificates),
        file_name: display_name(&path),
        path: path.display().to_string(),
        report,
    })
}

/// Forgets opened files (the panel closed or the user removed them); their keys and
/// passwords are zeroized.
pub async fn close_files(app: &App, _: &dyn Host, args: FilesArgs) -> Result<()> {
    app.opened.close(&args.files);
    Ok(())
}

fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The file's error, named by the file.
fn file_error(path: &Path, err: inspect::Error) -> Error {
    let mut err = Error::from(err);
    err.message = format!("{}: {}", display_name(path), err.message);
    err
}
