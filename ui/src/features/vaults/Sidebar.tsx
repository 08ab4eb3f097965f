import { useState } from "react";
import { Link, NavLink } from "react-router";
import { ErrorMessage } from "../../components/ErrorMessage";
import { ClockIcon, GearIcon, PlusIcon, VaultIcon } from "../../components/icons";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { AttentionLink } from "../attention/AttentionLink";
import { PolicyIcon } from "../bulk/PolicyIcon";
import { DiscoveryDialog } from "../discovery/DiscoveryDialog";
import { AddVaultDialog } from "./AddVaultDialog";
import { isLocal, useVaults } from "./useVaults";
import { VaultDot } from "./VaultDot";
import { VaultMenu } from "./VaultMenu";
import "./sidebar.css";

const kindOf = (vault: VaultEntry) => (isLocal(vault) ? "Local" : "Azure");

/** The views across vaults, then every vault, each with its own menu. */
export function Sidebar() {
  const vaults = useVaults();
  const [adding, setAdding] = useState(false);
  const [discovering, setDiscovering] = useState(false);

  return (
    <nav className="sidebar" id="sidebar" aria-label="Vaults" data-region="sidebar">
      <Link to="/welcome" className="brand" title="Welcome to CertDeck">
        <img src="/certdeck.svg" alt="" />
        CertDeck
      </Link>
      <div className="sidebar-section">
        <NavLink to="/expiry" className="nav-link">
          <ClockIcon />
          Expiry
        </NavLink>
        <AttentionLink />
        <NavLink to="/policies" className="nav-link">
          <PolicyIcon />
          Policies
        </NavLink>
        <div className="sidebar-heading-row">
          <h2 className="sidebar-heading">Vaults</h2>
          <button
            type="button"
            className="button icon-button ghost small"
            aria-label="Add vault"
            data-tooltip="Add vault"
            onClick={() => setAdding(true)}
          >
            <PlusIcon />
          </button>
        </div>
        {vaults.isPending && (
          <div aria-busy="true">
            <span className="skeleton" />
            <span className="visually-hidden">Loading vaults…</span>
          </div>
        )}
        {vaults.error && (
          <div>
            <ErrorMessage error={vaults.error} />
            <button type="button" className="button small" onClick={() => vaults.refetch()}>
              Retry
            </button>
          </div>
        )}
        {vaults.data?.length === 0 && (
          <div className="empty-state" data-testid="vaults-empty">
            <VaultIcon />
            <strong>No vaults yet</strong>
            Vaults you add appear here, each with its certificates. Add an Azure Key Vault by its
            URL, or use CertDeck's built-in local vault to try things offline.
            <button type="button" className="button primary" onClick={() => setAdding(true)}>
              Add vault
            </button>
          </div>
        )}
        {vaults.data && vaults.data.length > 0 && (
          <ul className="vault-list">
            {vaults.data.map((vault) => (
              <li key={vault.id} className="vault-item">
                <NavLink
                  to={`/vaults/${vault.id}`}
                  className="nav-link vault-link"
                  aria-label={vault.name}
                  // The link's name is the vault's, the words a voice-control user says; the
                  // badge's kind is drawn by CSS (not part of the label's text) and said as the
                  // link's description.
                  aria-describedby={`vault-kind-${vault.id}`}
                  title={vault.url}
                >
                  <VaultDot vault={vault} />
                  <span className="vault-name">{vault.name}</span>
                  <span className="kind-badge" data-kind={kindOf(vault)} aria-hidden="true" />
                </NavLink>
                <span id={`vault-kind-${vault.id}`} hidden>
                  {kindOf(vault)} vault
                </span>
                <VaultMenu vault={vault} vaults={vaults.data} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="sidebar-footer">
        <NavLink to="/settings" className="nav-link">
          <GearIcon />
          Settings
        </NavLink>
      </div>
      <AddVaultDialog
        open={adding}
        onClose={() => setAdding(false)}
        onDiscover={() => {
          setAdding(false);
          setDiscovering(true);
        }}
      />
      <DiscoveryDialog
        open={discovering}
        account={null}
        onClose={() => setDiscovering(false)}
        onAddByUrl={() => {
          setDiscovering(false);
          setAdding(true);
        }}
      />
    </nav>
  );
}
