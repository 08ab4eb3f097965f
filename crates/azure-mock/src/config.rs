//! What the mock serves: tenants, users, subscriptions and vaults (JSON, as the bin reads it).

use serde::{Deserialize, Serialize};

/// The whole directory and resource tree of the mock.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub tenants: Vec<Tenant>,
    pub users: Vec<User>,
    pub subscriptions: Vec<Subscription>,
    pub vaults: Vec<Vault>,
    /// When set, the access token issued for any Key Vault scope is exactly this string, so a
    /// local vault (which accepts only its own token) accepts what an account's credential gets.
    pub vault_access_token: Option<String>,
}

/// An Entra tenant.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tenant {
    pub id: String,
    pub name: String,
    /// The default domain, e.g. `contoso.onmicrosoft.com`.
    pub domain: String,
    /// Tokens for this tenant need interaction (MFA, Conditional Access): silent requests
    /// fail with `interaction_required`.
    #[serde(default)]
    pub requires_interaction: bool,
}

/// A user who can sign in.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    pub oid: String,
    pub home_tenant: String,
    /// `preferred_username`, e.g. `ada@contoso.onmicrosoft.com`.
    pub username: String,
    pub name: String,
    /// Every tenant the user reaches besides the home tenant (guest in them).
    #[serde(default)]
    pub tenants: Vec<String>,
}

impl User {
    /// Whether the user reaches `tenant` (home or guest).
    pub fn reaches(&self, tenant: &str) -> bool {
        self.home_tenant.eq_ignore_ascii_case(tenant)
            || self.tenants.iter().any(|t| t.eq_ignore_ascii_case(tenant))
    }
}

/// An Azure subscription, in one tenant.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    pub id: String,
    pub name: String,
    pub tenant: String,
    /// Users (oids) who see the subscription but may not read its resources: listing its
    /// vaults answers 403 `AuthorizationFailed`.
    #[serde(default)]
    pub denied: Vec<String>,
}

/// A key vault resource; `uri` is usually a real local vault's URL.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vault {
    pub name: String,
    pub uri: String,
    pub subscription: String,
    pub resource_group: String,
    #[serde(default = "default_location")]
    pub location: String,
    /// `standard` or `premium`.
    #[serde(default = "default_sku")]
    pub sku: String,
    /// Azure RBAC (true) or access policies (false).
    #[serde(default)]
    pub rbac: bool,
    /// `Enabled` or `Disabled`; absent in ARM's answer when None.
    #[serde(default)]
    pub public_network_access: Option<String>,
    #[serde(default = "yes")]
    pub soft_delete: bool,
    #[serde(default)]
    pub purge_protection: bool,
    #[serde(default)]
    pub retention_days: Option<u32>,
}

fn default_location() -> String {
    "westeurope".into()
}

fn default_sku() -> String {
    "standard".into()
}

fn yes() -> bool {
    true
}
