//! ARM's JSON for tenants, subscriptions and vaults (the list API's items and Resource Graph
//! rows share the vault's `properties`), read into the discovery model.

use serde::Deserialize;

use crate::discovery::model::DiscoveredVault;

/// One page of an ARM list.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Page<T> {
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
    pub next_link: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Tenant {
    pub tenant_id: String,
    pub display_name: Option<String>,
    pub default_domain: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Subscription {
    pub subscription_id: String,
    pub display_name: Option<String>,
}

/// A vault resource, from the list API or a Resource Graph row.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Vault {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub location: String,
    /// Resource Graph rows carry it; list items have it only in `id`.
    pub subscription_id: Option<String>,
    #[serde(default)]
    pub properties: VaultProperties,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct VaultProperties {
    pub vault_uri: Option<String>,
    pub tenant_id: Option<String>,
    pub sku: Option<Sku>,
    pub enable_rbac_authorization: Option<bool>,
    pub public_network_access: Option<String>,
    pub enable_soft_delete: Option<bool>,
    pub enable_purge_protection: Option<bool>,
    pub soft_delete_retention_in_days: Option<u32>,
}

#[derive(Deserialize)]
pub(crate) struct Sku {
    pub name: String,
}

/// A Resource Graph answer page.
#[derive(Deserialize)]
pub(crate) struct GraphPage {
    #[serde(default = "Vec::new")]
    pub data: Vec<Vault>,
    #[serde(rename = "$skipToken")]
    pub skip_token: Option<String>,
}

impl Vault {
    /// The discovery view of this vault in `tenant` (when the resource does not say), or None
    /// without a `vaultUri` (a vault still being created).
    pub fn into_discovered(self, tenant: &str) -> Option<DiscoveredVault> {
        let segments = IdSegments::parse(&self.id);
        let p = self.properties;
        let soft_delete = p.enable_soft_delete.unwrap_or(true);
        Some(DiscoveredVault {
            uri: p.vault_uri?,
            subscription_id: self
                .subscription_id
                .or_else(|| segments.get("subscriptions"))
                .unwrap_or_default(),
            // The id keeps the group's own casing (Resource Graph lower-cases its column).
            resource_group: segments.get("resourcegroups").unwrap_or_default(),
            tenant_id: p.tenant_id.unwrap_or_else(|| tenant.to_string()),
            name: self.name,
            location: self.location,
            sku: p
                .sku
                .map(|s| s.name.to_ascii_lowercase())
                .unwrap_or_default(),
            rbac: p.enable_rbac_authorization.unwrap_or(false),
            public_network_access: p.public_network_access,
            // Soft delete is on unless turned off (it cannot be since 2025); ARM omits
            // purge protection until it is enabled.
            soft_delete,
            purge_protection: p.enable_purge_protection.unwrap_or(false),
            retention_days: p.soft_delete_retention_in_days,
            added: false,
        })
    }
}

/// `/subscriptions/{s}/resourceGroups/{g}/…` as key/value pairs (keys case-insensitive).
struct IdSegments<'a>(Vec<&'a str>);

impl<'a> IdSegments<'a> {
    fn parse(id: &'a str) -> Self {
        Self(id.split('/').filter(|s| !s.is_empty()).collect())
    }

    fn get(&self, key: &str) -> Option<String> {
        self.0
            .chunks(2)
            .find(|pair| pair[0].eq_ignore_ascii_case(key))
            .and_then(|pair| pair.get(1))
            .map(|value| value.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_item_reads_group_and_subscription_from_its_id_and_defaults_absent_settings() {
        let item: Vault = serde_json::from_value(serde_json::json!({
            "id": "/subscriptions/s-1/resourceGroups/RG-Certs/providers/Microsoft.KeyVault/vaults/kv1",
            "name": "kv1",
            "location": "westeurope",
            "properties": {
                "vaultUri": "https://kv1.vault.azure.net/",
                "sku": { "family": "A", "name": "Premium" },
                "enableRbacAuthorization": true,
            }
        }))
        .unwrap();
        let vault = item.into_discovered("t-1").unwrap();
        assert_eq!(vault.subscription_id, "s-1");
        assert_eq!(vault.resource_group, "RG-Certs");
        assert_eq!(vault.tenant_id, "t-1");
        assert_eq!(vault.sku, "premium");
        assert!(vault.rbac && vault.soft_delete && !vault.purge_protection);
        assert_eq!(vault.retention_days, None);
    }

    #[test]
    fn a_vault_without_uri_is_left_out() {
        let item: Vault = serde_json::from_value(serde_json::json!({
            "id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/kv",
            "name": "kv",
        }))
        .unwrap();
        assert!(item.into_discovered("t").is_none());
    }
}
