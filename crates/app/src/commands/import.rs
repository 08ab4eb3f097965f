//! Import: plan opened files as one certificate, check the name, send it.

use errors::{Code, Error, Result};
use inspect::import::ContentType;
pub use inspect::import::ImportPlan;
use serde::Deserialize;
pub use vault::{ImportOptions, NameStatus};

use super::{CertificateArgs, CertificateSummary, VaultId};
use crate::{App, Host};

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanImportArgs {
    pub files: Vec<u32>,
    /// `None`: PFX for a lone PFX, PEM otherwise.
    pub content_type: Option<ContentType>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportCertificateArgs {
    pub vault: VaultId,
    pub files: Vec<u32>,
    pub content_type: Option<ContentType>,
    pub options: ImportOptions,
}

/// What importing `files` as one certificate would send, and whether Key Vault would take it.
pub async fn plan_import(app: &App, _: &dyn Host, args: PlanImportArgs) -> Result<ImportPlan> {
    Ok(app
        .opened
        .plan(&args.files, args.content_type)
        .await?
        .plan
        .clone())
}

pub async fn check_certificate_name(
    app: &App,
    _: &dyn Host,
    args: CertificateArgs,
) -> Result<NameStatus> {
    app.vaults
        .connect(args.vault)
        .await?
        .name_status(&args.name)
        .await
}

/// Imports `files` as one certificate, sending what `plan_import` showed; on success they
/// are closed (keys and passwords zeroized). On failure they stay open so the user can
/// change the name and retry.
pub async fn import_certificate(
    app: &App,
    _: &dyn Host,
    args: ImportCertificateArgs,
) -> Result<CertificateSummary> {
    let planned = app.opened.plan(&args.files, args.content_type).await?;
    let payload = planned.payload.as_ref().ok_or_else(|| {
        let why = planned.plan.report.key_vault.problems.first();
        Error::new(
            Code::InvalidInput,
            why.map_or_else(
                || "Key Vault would refuse these files.".to_owned(),
                |p| p.message.clone(),
            ),
        )
    })?;
    let connection = app.vaults.connect(args.vault).await?;
    let row = connection
        .import_certificate(payload, &args.options)
        .await?;
    app.opened.close(&args.files);
    Ok(row)
}
