//! Vault discovery through Azure Resource Manager: the account's tenants, in each (with that
//! tenant's own token) its subscriptions, and their key vaults — by the list API per
//! subscription, or by one Resource Graph query when a tenant has many subscriptions. A tenant
//! that needs interaction, or a subscription that may not be read, is reported as such and
//! the rest is still listed.

mod arm;
mod challenge;
mod failure;
mod model;
mod resources;

use std::sync::Arc;

use azure_core::credentials::TokenCredential;
use errors::{Code, Result};
use futures::StreamExt;
use serde_json::json;

use crate::cloud::Cloud;
use crate::http::Network;
use arm::Arm;
pub use challenge::{is_vault_url, vault_tenant, vault_tenant_with};
pub use model::{
    DiscoveredSubscription, DiscoveredTenant, DiscoveredVault, Discovery, TenantState,
};
use resources::{GraphPage, Subscription, Tenant, Vault};

const DIRECTORY_API: &str = "2022-12-01";
const VAULTS_API: &str = "2025-05-01";
const GRAPH_API: &str = "2024-04-01";

/// Above this many subscriptions in a tenant, one Resource Graph query beats a list per
/// subscription.
pub const GRAPH_THRESHOLD: usize = 5;
/// Subscriptions (and tenants) listed at the same time.
const CONCURRENCY: usize = 4;
/// Resource Graph takes at most this many subscriptions per query.
const GRAPH_SUBSCRIPTIONS_PER_QUERY: usize = 1000;
const GRAPH_QUERY: &str = "resources | where type =~ 'microsoft.keyvault/vaults' | project id, name, type, tenantId, subscriptionId, resourceGroup, location, properties";

/// Tokens of one account, per tenant (the app's accounts give them; tests give static ones).
pub trait TenantTokens: Send + Sync {
    /// The tenant to list the account's tenants from: its home tenant.
    fn home_tenant(&self) -> String;
    /// A silent credential for `tenant_id`; an error with [`Code::SignInRequired`] when the
    /// tenant needs interaction.
    fn credential(&self, tenant_id: &str) -> Result<Arc<dyn TokenCredential>>;
}

/// Discovers the vaults an account reaches in `cloud`, with the environment's endpoints.
pub async fn discover(cloud: Cloud, tokens: &dyn TenantTokens) -> Result<Discovery> {
    discover_with(&Network::from_env()?, cloud, tokens).await
}

/// Discovers through `network` (tests pass their mock's endpoints and roots). Fails only when
/// the tenants themselves cannot be listed.
pub async fn discover_with(
    network: &Network,
    cloud: Cloud,
    tokens: &dyn TenantTokens,
) -> Result<Discovery> {
    let home = Arm::new(
        network,
        &network.endpoints(cloud),
        tokens.credential(&tokens.home_tenant())?,
    );
    let found: Vec<Tenant> = home
        .list(
            &format!("tenants?api-version={DIRECTORY_API}"),
            "your tenants",
        )
        .await?;
    let tenants = futures::stream::iter(found)
        .map(|tenant| discover_tenant(network, cloud, tokens, tenant))
        .buffered(CONCURRENCY)
        .collect()
        .await;
    Ok(Discovery { tenants })
}

async fn discover_tenant(
    network: &Network,
    cloud: Cloud,
    tokens: &dyn TenantTokens,
    tenant: Tenant,
) -> DiscoveredTenant {
    let label = tenant
        .display_name
        .clone()
        .unwrap_or_else(|| tenant.tenant_id.clone());
    let state = match list_tenant(network, cloud, tokens, &tenant.tenant_id, &label).await {
        Ok(subscriptions) => TenantState::Listed { subscriptions },
        Err(err) if err.code == Code::SignInRequired => TenantState::NeedsSignIn {
            message: err.message,
        },
        Err(error) => TenantState::Failed { error },
    };
    DiscoveredTenant {
        id: tenant.tenant_id,
        name: tenant.display_name,
        default_domain: tenant.default_domain,
        subscriptions: state,
    }
}

async fn list_tenant(
    network: &Network,
    cloud: Cloud,
    tokens: &dyn TenantTokens,
    tenant: &str,
    label: &str,
) -> Result<Vec<DiscoveredSubscription>> {
    let arm = Arm::new(
        network,
        &network.endpoints(cloud),
        tokens.credential(tenant)?,
    );
    let found: Vec<Subscription> = arm
        .list(
            &format!("subscriptions?api-version={DIRECTORY_API}"),
            &format!("the subscriptions of tenant {label}"),
        )
        .await?;
    let mut subscriptions: Vec<DiscoveredSubscription> = found
        .into_iter()
        .map(|s| DiscoveredSubscription {
            name: s.display_name.unwrap_or_else(|| s.subscription_id.clone()),
            id: s.subscription_id,
            vaults: Vec::new(),
            error: None,
        })
        .collect();
    let graphed = subscriptions.len() > GRAPH_THRESHOLD
        && match graph_vaults(&arm, tenant, &subscriptions).await {
            Ok(vaults) => {
                place(&mut subscriptions, vaults);
                true
            }
            Err(err) => {
                tracing::warn!(
                    "Resource Graph failed in tenant {tenant}, listing per subscription: {err}"
                );
                false
            }
        };
    if !graphed {
        subscriptions = futures::stream::iter(subscriptions)
            .map(|s| list_subscription(&arm, tenant, s))
            .buffered(CONCURRENCY)
            .collect()
            .await;
    }
    subscriptions.sort_by_key(|s| s.name.to_lowercase());
    Ok(subscriptions)
}

async fn list_subscription(
    arm: &Arm,
    tenant: &str,
    mut sub: DiscoveredSubscription,
) -> DiscoveredSubscription {
    let listed: Result<Vec<Vault>> = arm
        .list(
            &format!(
                "subscriptions/{}/providers/Microsoft.KeyVault/vaults?api-version={VAULTS_API}",
                sub.id
            ),
            &format!("the vaults of subscription {}", sub.name),
        )
        .await;
    match listed {
        Ok(vaults) => {
            let vaults = discovered(vaults, tenant, Some(&sub.id));
            place(std::slice::from_mut(&mut sub), vaults)
        }
        Err(err) => sub.error = Some(err),
    }
    sub
}

/// Every vault of `subscriptions` by Resource Graph, following `$skipToken`.
async fn graph_vaults(
    arm: &Arm,
    tenant: &str,
    subscriptions: &[DiscoveredSubscription],
) -> Result<Vec<DiscoveredVault>> {
    let what = format!("the vaults of tenant {tenant} (Resource Graph)");
    let path = format!("providers/Microsoft.ResourceGraph/resources?api-version={GRAPH_API}");
    let mut vaults = Vec::new();
    for chunk in subscriptions.chunks(GRAPH_SUBSCRIPTIONS_PER_QUERY) {
        let ids: Vec<&str> = chunk.iter().map(|s| s.id.as_str()).collect();
        let mut skip_token: Option<String> = None;
        loop {
            let mut options = json!({ "resultFormat": "objectArray", "$top": 1000 });
            if let Some(token) = &skip_token {
                options["$skipToken"] = json!(token);
            }
            let body = json!({ "subscriptions": ids, "query": GRAPH_QUERY, "options": options });
            let page: GraphPage = arm.post(&path, &body, &what).await?;
            vaults.extend(discovered(page.data, tenant, None));
            match page.skip_token.filter(|t| !t.is_empty()) {
                Some(token) if Some(&token) != skip_token.as_ref() => skip_token = Some(token),
                _ => break,
            }
        }
    }
    Ok(vaults)
}

/// The vaults ARM described, in discovery's shape; `subscription` for list items (their id
/// carries it too, but the request named it).
fn discovered(
    vaults: Vec<Vault>,
    tenant: &str,
    subscription: Option<&str>,
) -> Vec<DiscoveredVault> {
    vaults
        .into_iter()
        .filter_map(|mut v| {
            if let Some(id) = subscription {
                v.subscription_id.get_or_insert_with(|| id.to_string());
            }
            let name = v.name.clone();
            let vault = v.into_discovered(tenant);
            if vault.is_none() {
                tracing::debug!("vault {name} has no vaultUri yet; left out");
            }
            vault
        })
        .collect()
}

/// Puts each vault under its subscription, sorted by name.
fn place(subscriptions: &mut [DiscoveredSubscription], vaults: Vec<DiscoveredVault>) {
    for vault in vaults {
        if let Some(sub) = subscriptions
            .iter_mut()
            .find(|s| s.id.eq_ignore_ascii_case(&vault.subscription_id))
        {
            sub.vaults.push(vault);
        }
    }
    for sub in subscriptions {
        sub.vaults.sort_by_key(|v| v.name.to_lowercase());
    }
}
