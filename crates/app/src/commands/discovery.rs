//! Finding an account's vaults through Azure Resource Manager, and adding them (or one by
//! URL) so that they sign in as that account, in the vault's tenant.

use std::collections::HashSet;

use errors::{Code, Error, Result};
use serde::{Deserialize, Serialize};
use vault::registry::parse_vault_url;

pub use azure::discovery::{
    DiscoveredSubscription, DiscoveredTenant, DiscoveredVault, Discovery, TenantState,
};

use super::{AccountArgs, CredentialKind, VaultEntry};
use crate::settings::tenant_setting;
use crate::{App, Host};

/// A discovered vault to add.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiscoveredVaultRef {
    pub url: String,
    pub tenant_id: String,
    /// What the sidebar shows: the vault's name in Azure.
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddDiscoveredVaultsArgs {
    pub account: String,
    pub vaults: Vec<DiscoveredVaultRef>,
}

/// The vault list after adding, and what was not added, in words.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddedVaults {
    pub vaults: Vec<VaultEntry>,
    pub skipped: Vec<SkippedVault>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SkippedVault {
    pub url: String,
    pub error: Error,
}

/// "Add by URL" as an account.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddAccountVaultArgs {
    pub url: String,
    pub name: Option<String>,
    pub account: String,
    /// The vault's tenant; `None`: read from the vault's answer to one unauthenticated request.
    pub tenant: Option<String>,
}

/// Every vault the account reaches, tenant by tenant; vaults already in the list are marked.
pub async fn discover_vaults(app: &App, _: &dyn Host, args: AccountArgs) -> Result<Discovery> {
    let tokens = app.accounts.tenant_tokens(&args.account)?;
    let network = app.accounts.network()?;
    let mut discovery =
        azure::discovery::discover_with(network, tokens.account.cloud, &tokens).await?;
    // The registry as loaded: marking needs no local vault started (nor does the CLI).
    let listed: HashSet<String> = app
        .vaults
        .list()
        .into_iter()
        .map(|entry| entry.url)
        .collect();
    for tenant in &mut discovery.tenants {
        if let TenantState::Listed { subscriptions } = &mut tenant.subscriptions {
            for vault in subscriptions.iter_mut().flat_map(|s| s.vaults.iter_mut()) {
                vault.added =
                    parse_vault_url(&vault.uri).is_ok_and(|url| listed.contains(url.as_str()));
            }
        }
    }
    Ok(discovery)
}

/// Adds each vault as the account in its tenant; one that is already listed (or refused) is
/// skipped and said so, the others are still added.
pub async fn add_discovered_vaults(
    app: &App,
    _: &dyn Host,
    args: AddDiscoveredVaultsArgs,
) -> Result<AddedVaults> {
    app.accounts.find(&args.account)?;
    let vaults = &app.vaults;
    let mut skipped = Vec::new();
    for found in args.vaults {
        let added = account_credential(&args.account, Some(found.tenant_id.as_str()))
            .and_then(|credential| vaults.add_azure(&found.url, Some(&found.name), credential));
        if let Err(error) = added {
            skipped.push(SkippedVault {
                url: found.url,
                error,
            });
        }
    }
    Ok(AddedVaults {
        vaults: vaults.list(),
        skipped,
    })
}

/// Adds a vault by URL as the account: for data-plane-only roles, which ARM lists nothing for.
pub async fn add_account_vault(
    app: &App,
    _: &dyn Host,
    args: AddAccountVaultArgs,
) -> Result<VaultEntry> {
    let account = app.accounts.find(&args.account)?;
    let tenant = match tenant_setting(args.tenant.as_deref())? {
        Some(tenant) => tenant,
        None => {
            let http = &app.accounts.network()?.http;
            azure::discovery::vault_tenant_with(http, account.cloud, &args.url).await?
        }
    };
    let credential = account_credential(&account.id, Some(tenant.as_str()))?;
    app.vaults.add_azure(
        &args.url,
        args.name.as_deref().filter(|n| !n.trim().is_empty()),
        credential,
    )
}

fn account_credential(account: &str, tenant: Option<&str>) -> Result<CredentialKind> {
    let tenant_id = tenant_setting(tenant)?.ok_or_else(|| {
        Error::new(
            Code::InvalidInput,
            "A vault of an account needs its tenant.",
        )
        .with_hint("Find the vault again through discovery, or add it by URL.")
    })?;
    Ok(CredentialKind::Account {
        account: account.to_owned(),
        tenant_id,
    })
}
