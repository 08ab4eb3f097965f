// The discovery tree (tenant → subscription → vault) as the flat rows the picker draws, so a
// tenant with hundreds of vaults scrolls as one virtual list.
import type { AppError } from "../../ipc/errors";
import type {
  DiscoveredSubscription,
  DiscoveredTenant,
  DiscoveredVault,
  Discovery,
  TenantState,
} from "../accounts/types";

export type Row =
  | { kind: "tenant"; key: string; tenant: DiscoveredTenant }
  | { kind: "needs_sign_in"; key: string; tenant: DiscoveredTenant; message: string }
  | { kind: "error"; key: string; error: AppError }
  | { kind: "subscription"; key: string; subscription: DiscoveredSubscription }
  | { kind: "note"; key: string; text: string }
  | { kind: "vault"; key: string; vault: DiscoveredVault };

export const tenantName = (tenant: DiscoveredTenant) =>
  tenant.name ?? tenant.default_domain ?? tenant.id;

type Matches = (texts: (string | null)[]) => boolean;

/** Whether every word of `query` is in one of the texts (so "contoso prod" spans levels). */
const matcher = (query: string): Matches => {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return (texts) => {
    const haystack = texts.join(" ").toLowerCase();
    return words.every((word) => haystack.includes(word));
  };
};

/**
 * The rows shown for `query`, matched against each vault's tenant, subscription and own name:
 * a tenant or subscription that matches shows whole, otherwise only the vaults that match,
 * under their tenant and subscription.
 */
export function discoveryRows(discovery: Discovery, query: string): Row[] {
  const matches = matcher(query);
  const rows: Row[] = [];
  for (const tenant of discovery.tenants) {
    const path = [tenant.name, tenant.default_domain, tenant.id];
    const tenantMatches = matches(path);
    const state = tenant.subscriptions;
    const below =
      state.state === "listed"
        ? subscriptionRows(tenant, state.subscriptions, path, matches)
        : // Nothing below to search: the tenant shows when its own name matches.
          tenantMatches
          ? [tenantStateRow(tenant, state)]
          : [];
    if (below.length > 0 || tenantMatches) {
      rows.push({ kind: "tenant", key: `t:${tenant.id}`, tenant }, ...below);
    }
  }
  return rows;
}

/** The one row of a tenant whose subscriptions could not be listed. */
function tenantStateRow(
  tenant: DiscoveredTenant,
  state: Exclude<TenantState, { state: "listed" }>,
): Row {
  return state.state === "needs_sign_in"
    ? { kind: "needs_sign_in", key: `s:${tenant.id}`, tenant, message: state.message }
    : { kind: "error", key: `e:${tenant.id}`, error: state.error };
}

function subscriptionRows(
  tenant: DiscoveredTenant,
  subscriptions: DiscoveredSubscription[],
  tenantPath: (string | null)[],
  matches: Matches,
): Row[] {
  if (subscriptions.length === 0) {
    return matches(tenantPath)
      ? [{ kind: "note", key: `n:${tenant.id}`, text: "No subscriptions this account can see." }]
      : [];
  }
  const rows: Row[] = [];
  for (const subscription of subscriptions) {
    const path = [...tenantPath, subscription.name, subscription.id];
    const whole = matches(path);
    const vaults = subscription.vaults.filter((vault) => whole || matches([...path, vault.name]));
    if (!whole && vaults.length === 0) continue;
    rows.push({ kind: "subscription", key: `sub:${subscription.id}`, subscription });
    if (subscription.error) {
      rows.push({ kind: "error", key: `e:${subscription.id}`, error: subscription.error });
    } else if (vaults.length === 0) {
      rows.push({
        kind: "note",
        key: `n:${subscription.id}`,
        text: "No vaults in this subscription.",
      });
    }
    for (const vault of vaults) rows.push({ kind: "vault", key: `v:${vault.uri}`, vault });
  }
  return rows;
}

/** Every vault discovered, across tenants and subscriptions. */
export function allVaults(discovery: Discovery): DiscoveredVault[] {
  return discovery.tenants.flatMap((tenant) =>
    tenant.subscriptions.state === "listed"
      ? tenant.subscriptions.subscriptions.flatMap((subscription) => subscription.vaults)
      : [],
  );
}
