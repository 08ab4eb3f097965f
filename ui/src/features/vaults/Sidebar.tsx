import { NavLink } from "react-router";
import { GearIcon, VaultIcon } from "../../components/icons";

/** The vault list. Vaults arrive with the browsing feature; until one exists it says how to start. */
export function Sidebar() {
  return (
    <nav className="sidebar" aria-label="Vaults">
      <div className="brand">
        <img src="/certdeck.svg" alt="" />
        CertDeck
      </div>
      <div className="sidebar-section">
        <h2 className="sidebar-heading">Vaults</h2>
        <div className="empty-state" data-testid="vaults-empty">
          <VaultIcon />
          <strong>No vaults yet</strong>
          Vaults you add appear here, each with its certificates. Add an Azure Key Vault by its URL,
          or use CertDeck's built-in local vault to try things offline.
        </div>
      </div>
      <div className="sidebar-footer">
        <NavLink to="/settings" className="nav-link">
          <GearIcon />
          Settings
        </NavLink>
      </div>
    </nav>
  );
}
