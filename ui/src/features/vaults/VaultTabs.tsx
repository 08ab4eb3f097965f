import type { ReactNode } from "react";
import { Link, NavLink, useParams } from "react-router";
import { VaultIcon } from "../../components/icons";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { useVaults } from "./useVaults";
import "./vault-tabs.css";

const TABS = [
  { to: "", label: "Certificates" },
  { to: "pending", label: "Pending" },
  { to: "deleted", label: "Deleted" },
  { to: "issuers", label: "Issuers" },
  { to: "contacts", label: "Contacts" },
] as const;

/** The strip on top of every per-vault view: the vault's certificates and its settings. */
export function VaultTabs({ vault }: { vault: VaultEntry }) {
  const base = `/vaults/${vault.id}`;
  return (
    <nav className="vault-tabs" aria-label={`${vault.name} views`}>
      {TABS.map((tab) => (
        <NavLink
          key={tab.label}
          to={tab.to ? `${base}/${tab.to}` : base}
          // The certificates tab is the vault's own route: not active under its sub-views.
          end
          className="vault-tab"
          data-testid={`vault-tab-${tab.to || "certificates"}`}
        >
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}

/** `children` for the vault the route's `:id` names, or why there is none. */
export function RouteVault({ children }: { children: (vault: VaultEntry) => ReactNode }) {
  const id = Number(useParams().id);
  const vaults = useVaults();
  const vault = vaults.data?.find((entry) => entry.id === id);
  if (vaults.isPending) return <span className="skeleton" aria-busy="true" />;
  if (!vault) {
    return (
      <div className="empty-state page-empty">
        <VaultIcon />
        <strong>This vault is not in your list</strong>
        It may have been removed. <Link to="/">Go to your vaults</Link>
      </div>
    );
  }
  return children(vault);
}

/** A per-vault view other than the certificates: the tabs, then `children`. */
export function VaultView({ children }: { children: (vault: VaultEntry) => ReactNode }) {
  return (
    <RouteVault>
      {(vault) => (
        <div className="vault-view" key={vault.id}>
          <VaultTabs vault={vault} />
          {children(vault)}
        </div>
      )}
    </RouteVault>
  );
}
