//! A certificate's properties: one version's enabled flag, and the current version's tags.

use std::collections::BTreeMap;
use vault::{CertificateName, VersionId};

use errors::Result;
use serde::Deserialize;

use super::{CertificateSummary, VaultId};
use crate::{App, Host};

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetEnabledArgs {
    pub vault: VaultId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub name: CertificateName,
    /// `None`: the current version.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub version: Option<VersionId>,
    pub enabled: bool,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetTagsArgs {
    pub vault: VaultId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub name: CertificateName,
    /// The whole set: tags left out are removed.
    pub tags: BTreeMap<String, String>,
}

/// Enables or disables one version; returns that version's row as stored.
pub async fn set_certificate_enabled(
    app: &App,
    _: &dyn Host,
    args: SetEnabledArgs,
) -> Result<CertificateSummary> {
    app.vaults
        .connect(args.vault)
        .await?
        .set_enabled(&args.name, args.version.as_deref(), args.enabled)
        .await
}

/// Replaces the current version's tags (the service's limits checked first), then reads the
/// certificate again so the answer is what the vault holds, not what was sent.
pub async fn set_certificate_tags(
    app: &App,
    _: &dyn Host,
    args: SetTagsArgs,
) -> Result<CertificateSummary> {
    let connection = app.vaults.connect(args.vault).await?;
    connection.set_tags(&args.name, &args.tags).await?;
    Ok(connection.certificate(&args.name, None).await?.summary)
}
