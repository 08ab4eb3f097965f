//! Backing one certificate up to a `.kvbackup` file, restoring one into a vault (from a file
//! the user dropped or picked), and copying a certificate to another vault.

use std::path::{Path, PathBuf};
use vault::CertificateName;

use errors::{Code, Error, Result};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

pub use vault::{CopyMethod, CopyPlan};

use super::{CertificateArgs, CertificateSummary, VaultId};
use crate::{App, Host};

/// The file extension of Key Vault backups (`az keyvault certificate backup` writes the same
/// bytes).
const EXTENSION: &str = "kvbackup";

/// A backup file the user dropped or picked.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupFileArgs {
    pub path: PathBuf,
}

/// What a confirmation can say about a backup file before it is restored.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupFileInfo {
    pub path: String,
    pub file_name: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size: u64,
    /// The certificate name the file is named after (`<name>.kvbackup`), if it is a valid
    /// name: the blob itself is encrypted by Key Vault and says nothing until restored.
    pub likely_name: Option<String>,
}

/// Restores a backup file into a vault.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RestoreBackupArgs {
    pub vault: VaultId,
    pub path: PathBuf,
}

/// Copies certificate `name` of `vault` into `target`.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CopyArgs {
    pub vault: VaultId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub name: CertificateName,
    pub target: VaultId,
}

/// Asks where to save, then backs the certificate up there (mode 0600: the blob holds the
/// private keys, encrypted by the service). The path written, or `None` when cancelled.
pub async fn save_backup(
    app: &App,
    host: &dyn Host,
    args: CertificateArgs,
) -> Result<Option<String>> {
    let connection = app.vaults.connect(args.vault).await?;
    let Some(path) = host
        .choose_save_path(&format!("{}.{EXTENSION}", args.name))
        .await
    else {
        return Ok(None);
    };
    let blob = Zeroizing::new(vault::backup_certificate(&connection, &args.name).await?);
    files::write_private(&path, &blob).map_err(|err| Error::io("write", &path, &err))?;
    Ok(Some(path.display().to_string()))
}

/// The native dialog for one `.kvbackup` file; grants and returns it (`None`: cancelled).
pub async fn pick_backup_file(app: &App, host: &dyn Host, _: ()) -> Result<Option<PathBuf>> {
    let Some(picked) = host.pick_backup_file().await else {
        return Ok(None);
    };
    Ok(app.grants.grant([picked]).into_iter().next())
}

/// Describes a dropped or picked backup file for the confirmation (reads it once: a file
/// that was not granted, is empty or too large is refused here, before the restore).
pub async fn inspect_backup(
    app: &App,
    _: &dyn Host,
    args: BackupFileArgs,
) -> Result<BackupFileInfo> {
    let bytes = Zeroizing::new(app.grants.read(&args.path)?);
    if bytes.is_empty() {
        return Err(empty(&args.path));
    }
    let file_name = args.path.file_name().map_or_else(
        || args.path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    let likely_name = file_name
        .strip_suffix(&format!(".{EXTENSION}"))
        .filter(|stem| inspect::names::check_name(stem).is_ok())
        .map(str::to_owned);
    Ok(BackupFileInfo {
        path: args.path.display().to_string(),
        file_name,
        size: bytes.len() as u64,
        likely_name,
    })
}

/// Restores a dropped or picked backup file into a vault; returns the restored row.
pub async fn restore_backup(
    app: &App,
    _: &dyn Host,
    args: RestoreBackupArgs,
) -> Result<CertificateSummary> {
    let bytes = Zeroizing::new(app.grants.read(&args.path)?);
    if bytes.is_empty() {
        return Err(empty(&args.path));
    }
    let connection = app.vaults.connect(args.vault).await?;
    vault::restore_certificate(&connection, &bytes).await
}

/// How copying to `target` would go, or why it cannot; nothing is sent.
pub async fn plan_copy(app: &App, _: &dyn Host, args: CopyArgs) -> Result<CopyPlan> {
    let (source, target) = connections(app, &args).await?;
    vault::plan_copy(&source, &target, &args.name).await
}

/// Copies the certificate as [`plan_copy`] says; returns its row in the target vault.
pub async fn copy_certificate(
    app: &App,
    _: &dyn Host,
    args: CopyArgs,
) -> Result<CertificateSummary> {
    let (source, target) = connections(app, &args).await?;
    vault::copy_certificate(&source, &target, &args.name).await
}

async fn connections(
    app: &App,
    args: &CopyArgs,
) -> Result<(
    std::sync::Arc<vault::VaultConnection>,
    std::sync::Arc<vault::VaultConnection>,
)> {
    if args.vault == args.target {
        return Err(Error::new(
            Code::InvalidInput,
            "The certificate is already in that vault.",
        )
        .with_hint("Choose another vault to copy it to."));
    }
    Ok((
        app.vaults.connect(args.vault).await?,
        app.vaults.connect(args.target).await?,
    ))
}

fn empty(path: &Path) -> Error {
    Error::new(
        Code::InvalidInput,
        format!("{} is empty: it is not a Key Vault backup.", path.display()),
    )
    .with_hint("Choose a .kvbackup file saved by CertDeck, the Azure portal or `az keyvault certificate backup`.")
}
