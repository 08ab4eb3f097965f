//! What reaches outside the window: the Azure Portal in the browser, the native save dialog.

use errors::{Code, Error, Result};
use serde::Deserialize;

use super::VaultId;
use crate::{App, Host};

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OpenInPortalArgs {
    pub vault: VaultId,
    /// The certificate's id (its URL in the vault).
    pub id: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SaveTextFileArgs {
    pub suggested_name: String,
    pub contents: String,
}

/// Opens certificate `id` of an Azure vault in the Azure Portal. The id must belong to the
/// vault, so the webview cannot open arbitrary addresses.
pub async fn open_in_portal(app: &App, host: &dyn Host, args: OpenInPortalArgs) -> Result<()> {
    let entry = app
        .vaults
        .list()
        .into_iter()
        .find(|v| v.id == args.vault)
        .ok_or_else(|| Error::new(Code::NotFound, "That vault is no longer listed."))?;
    if entry.local_name.is_some() || !args.id.starts_with(&format!("{}certificates/", entry.url)) {
        return Err(Error::new(
            Code::InvalidInput,
            "Only certificates of Azure vaults open in the Azure Portal.",
        ));
    }
    let url = format!(
        "https://portal.azure.com/#asset/Microsoft_Azure_KeyVault/Certificate/{}",
        args.id.trim_end_matches('/')
    );
    host.open_url(&url)
}

/// Asks where to save `contents` with the native dialog; returns the path, or `None` when
/// the user cancels.
pub async fn save_text_file(
    _: &App,
    host: &dyn Host,
    args: SaveTextFileArgs,
) -> Result<Option<String>> {
    let Some(path) = host.choose_save_path(&args.suggested_name).await else {
        return Ok(None);
    };
    std::fs::write(&path, args.contents).map_err(|err| Error::io("write", &path, &err))?;
    Ok(Some(path.display().to_string()))
}
