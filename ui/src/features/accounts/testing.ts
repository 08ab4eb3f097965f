// Fakes for the accounts and discovery tests: accounts, and a discovery over two tenants (one
// needing sign-in).
import type { Account, DiscoveredVault, Discovery } from "./types";

export const CONTOSO = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const FABRIKAM = "0b1d7e3c-5a8e-4f2b-9c1d-3e4f5a6b7c8d";

export function account(overrides: Partial<Account> = {}): Account {
  return {
    id: `1a2b3c4d-0000-4000-8000-000000000001.${CONTOSO}`,
    username: "ada@contoso.com",
    name: "Ada Lovelace",
    home_tenant: CONTOSO,
    cloud: "azure_public",
    ...overrides,
  };
}

export function discoveredVault(
  name: string,
  subscription: string,
  overrides: Partial<DiscoveredVault> = {},
): DiscoveredVault {
  return {
    name,
    uri: `https://${name}.vault.azure.net/`,
    tenant_id: CONTOSO,
    subscription_id: subscription,
    resource_group: "rg-certs",
    location: "westeurope",
    sku: "standard",
    rbac: true,
    public_network_access: "Enabled",
    soft_delete: true,
    purge_protection: false,
    retention_days: 90,
    added: false,
    ...overrides,
  };
}

export const PROD = "11111111-aaaa-4bbb-8ccc-000000000001";
export const DEV = "11111111-aaaa-4bbb-8ccc-000000000002";

/** Contoso lists two subscriptions (prod with two vaults, dev with one); Fabrikam needs MFA. */
export function twoTenants(): Discovery {
  return {
    tenants: [
      {
        id: CONTOSO,
        name: "Contoso",
        default_domain: "contoso.onmicrosoft.com",
        subscriptions: {
          state: "listed",
          subscriptions: [
            {
              id: PROD,
              name: "Production",
              vaults: [
                discoveredVault("kv-prod-web", PROD, { added: true }),
                discoveredVault("kv-prod-api", PROD, {
                  rbac: false,
                  purge_protection: true,
                  public_network_access: "Disabled",
                }),
              ],
              error: null,
            },
            {
              id: DEV,
              name: "Development",
              vaults: [discoveredVault("kv-dev", DEV)],
              error: null,
            },
          ],
        },
      },
      {
        id: FABRIKAM,
        name: "Fabrikam",
        default_domain: "fabrikam.onmicrosoft.com",
        subscriptions: {
          state: "needs_sign_in",
          message:
            "AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication.",
        },
      },
    ],
  };
}
