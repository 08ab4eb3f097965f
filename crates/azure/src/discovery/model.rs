//! What discovery returns: tenant → subscription → vault, each tenant and subscription with
//! its own outcome so that one failure never hides the rest.

use errors::Error;
use serde::{Deserialize, Serialize};

/// Every tenant the account reaches, in ARM's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Discovery {
    pub tenants: Vec<DiscoveredTenant>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiscoveredTenant {
    pub id: String,
    pub name: Option<String>,
    pub default_domain: Option<String>,
    pub subscriptions: TenantState,
}

/// What came of listing a tenant's subscriptions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum TenantState {
    Listed {
        subscriptions: Vec<DiscoveredSubscription>,
    },
    /// A silent token was refused (MFA, Conditional Access): the service's words, for a
    /// "Sign in to see its subscriptions" button.
    NeedsSignIn {
        message: String,
    },
    Failed {
        error: Error,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiscoveredSubscription {
    pub id: String,
    pub name: String,
    pub vaults: Vec<DiscoveredVault>,
    /// Why its vaults could not be listed (e.g. no Reader role there), if they could not.
    pub error: Option<Error>,
}

/// A key vault as ARM describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiscoveredVault {
    pub name: String,
    /// The data-plane URL, e.g. `https://kv-prod.vault.azure.net/`.
    pub uri: String,
    pub tenant_id: String,
    pub subscription_id: String,
    pub resource_group: String,
    pub location: String,
    /// `standard` or `premium`.
    pub sku: String,
    /// Azure RBAC (true) or access policies (false) decide what the user may do there.
    pub rbac: bool,
    pub public_network_access: Option<String>,
    pub soft_delete: bool,
    pub purge_protection: bool,
    pub retention_days: Option<u32>,
    /// Already in the app's vault list: discovery leaves it false, the app marks it.
    pub added: bool,
}
