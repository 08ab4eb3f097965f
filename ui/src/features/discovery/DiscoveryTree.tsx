import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import type { DiscoveredTenant, DiscoveredVault } from "../accounts/types";
import { type Row, tenantName } from "./rows";

// Rows of these kinds are drawn at their fixed height; the others (a sign-in message, an
// error) are as tall as their text and measured once drawn.
const HEIGHTS: Record<Row["kind"], number> = {
  tenant: 40,
  needs_sign_in: 72,
  error: 96,
  subscription: 34,
  note: 30,
  vault: 58,
};
const measured = (row: Row) => row.kind === "needs_sign_in" || row.kind === "error";

/**
 * The discovered tenants, subscriptions and vaults as one virtual list: only the rows in view
 * are drawn, so a tenant with hundreds of vaults scrolls smoothly.
 */
export function DiscoveryTree({
  rows,
  isSelected,
  onToggle,
  onSignIn,
}: {
  rows: Row[];
  isSelected: (vault: DiscoveredVault) => boolean;
  onToggle: (vault: DiscoveredVault) => void;
  onSignIn: (tenant: DiscoveredTenant) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => HEIGHTS[(rows[index] as Row).kind],
    getItemKey: (index) => (rows[index] as Row).key,
    overscan: 8,
  });

  return (
    <div ref={scroller} className="discovery-tree" data-testid="discovery-tree">
      <ul style={{ height: virtualizer.getTotalSize() }} aria-label="Vaults found">
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index] as Row;
          return (
            <li
              key={item.key}
              ref={measured(row) ? virtualizer.measureElement : undefined}
              data-index={item.index}
              className={`discovery-row discovery-row-${row.kind}`}
              style={{
                transform: `translateY(${item.start}px)`,
                height: measured(row) ? undefined : HEIGHTS[row.kind],
              }}
            >
              <RowContent
                row={row}
                isSelected={isSelected}
                onToggle={onToggle}
                onSignIn={onSignIn}
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function RowContent({
  row,
  isSelected,
  onToggle,
  onSignIn,
}: {
  row: Row;
  isSelected: (vault: DiscoveredVault) => boolean;
  onToggle: (vault: DiscoveredVault) => void;
  onSignIn: (tenant: DiscoveredTenant) => void;
}) {
  switch (row.kind) {
    case "tenant":
      return (
        <h3 className="discovery-tenant-name" data-testid="discovery-tenant">
          {tenantName(row.tenant)}
          {row.tenant.default_domain && row.tenant.name && (
            <span className="muted small"> {row.tenant.default_domain}</span>
          )}
        </h3>
      );
    case "needs_sign_in":
      return (
        <div className="discovery-sign-in" data-testid="tenant-needs-sign-in">
          <div>
            <strong>Sign in to see its subscriptions</strong>
            <p className="muted small">{row.message}</p>
          </div>
          <button
            type="button"
            className="button small"
            aria-label={`Sign in to ${tenantName(row.tenant)}`}
            onClick={() => onSignIn(row.tenant)}
          >
            Sign in
          </button>
        </div>
      );
    case "error":
      return <ErrorMessage error={row.error} />;
    case "subscription":
      return (
        <div className="discovery-subscription">
          {row.subscription.name}
          <span className="mono muted small"> {row.subscription.id}</span>
        </div>
      );
    case "note":
      return <span className="muted small">{row.text}</span>;
    case "vault":
      return <VaultChoice vault={row.vault} selected={isSelected(row.vault)} onToggle={onToggle} />;
  }
}

function VaultChoice({
  vault,
  selected,
  onToggle,
}: {
  vault: DiscoveredVault;
  selected: boolean;
  onToggle: (vault: DiscoveredVault) => void;
}) {
  return (
    <label className="discovery-vault" data-testid="discovered-vault" data-name={vault.name}>
      <input
        type="checkbox"
        checked={vault.added || selected}
        disabled={vault.added}
        onChange={() => onToggle(vault)}
        aria-label={vault.added ? `${vault.name} (already added)` : vault.name}
      />
      <span className="discovery-vault-text">
        <span className="discovery-vault-name">
          {vault.name}
          {vault.added && <span className="badge">Added</span>}
        </span>
        <span className="muted small">
          {vault.resource_group} · {vault.location} · {vault.sku}
        </span>
      </span>
      <VaultTraits vault={vault} />
    </label>
  );
}

/** What the user can do there: how access is granted, and what deletion and network allow. */
function VaultTraits({ vault }: { vault: DiscoveredVault }) {
  const publicAccess = vault.public_network_access?.toLowerCase();
  return (
    <span className="discovery-traits">
      {vault.rbac ? (
        <span
          className="chip"
          data-tooltip="Access through Azure roles, e.g. Key Vault Certificates Officer"
        >
          RBAC
        </span>
      ) : (
        <span className="chip" data-tooltip="Access through the vault's access policies">
          Access policies
        </span>
      )}
      {vault.purge_protection ? (
        <span
          className="chip"
          data-tooltip="Deleted certificates cannot be purged before their retention ends"
        >
          Purge protection
        </span>
      ) : vault.soft_delete ? (
        <span className="chip" data-tooltip="Deleted certificates can be recovered">
          Soft delete{vault.retention_days ? ` ${vault.retention_days} d` : ""}
        </span>
      ) : (
        <span className="chip" data-tooltip="A deleted certificate is gone at once">
          No soft delete
        </span>
      )}
      {publicAccess === "disabled" && (
        <span className="chip" data-tooltip="Reachable only through private endpoints">
          Private network
        </span>
      )}
    </span>
  );
}
