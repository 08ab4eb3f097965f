import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { PlusIcon } from "../../components/icons";
import { DiscoveryDialog } from "../discovery/DiscoveryDialog";
import { cloudLabel, clouds } from "./clouds";
import { accountQueries } from "./queries";
import { SignInDialog } from "./SignInDialog";
import { SignInSettingsForm } from "./SignInSettingsForm";
import { SignOutDialog } from "./SignOutDialog";
import type { Account, Cloud } from "./types";

/** Settings → Accounts: who is signed in, adding another, signing out, and sign-in's settings. */
export function AccountsSection() {
  const accounts = useQuery(accountQueries.list());
  const [cloud, setCloud] = useState<Cloud>("azure_public");
  const [signingIn, setSigningIn] = useState(false);
  const [leaving, setLeaving] = useState<Account | null>(null);
  const [browsing, setBrowsing] = useState<Account | null>(null);

  return (
    <section className="card accounts" aria-labelledby="accounts-title">
      <h2 id="accounts-title" className="section-title">
        Accounts
      </h2>
      {accounts.isPending && (
        <div aria-busy="true">
          <span className="skeleton" />
          <span className="visually-hidden">Loading accounts…</span>
        </div>
      )}
      {accounts.error && <ErrorMessage error={accounts.error} />}
      {accounts.data?.length === 0 && (
        <p className="muted" data-testid="accounts-empty">
          No accounts yet. Sign in to find your vaults across tenants and subscriptions; vaults
          added by URL keep working without one.
        </p>
      )}
      {accounts.data && accounts.data.length > 0 && (
        <ul className="account-list" aria-label="Accounts">
          {accounts.data.map((account) => (
            <li key={account.id} className="account-row" data-testid="account-row">
              <div className="account-who">
                <strong>{account.name || account.username}</strong>
                <span className="muted">{account.username}</span>
                <span className="muted small">
                  {cloudLabel(account.cloud)} · home tenant{" "}
                  <span className="mono">{account.home_tenant}</span>
                </span>
              </div>
              <button type="button" className="button small" onClick={() => setBrowsing(account)}>
                Find vaults…
              </button>
              <button
                type="button"
                className="button small"
                aria-label={`Sign out of ${account.username}`}
                onClick={() => setLeaving(account)}
              >
                Sign out
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="account-add">
        <label className="field">
          Cloud
          <select value={cloud} onChange={(event) => setCloud(event.target.value as Cloud)}>
            {clouds.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button primary" onClick={() => setSigningIn(true)}>
          <PlusIcon />
          Add account
        </button>
      </div>
      <SignInSettingsForm />
      <SignInDialog
        open={signingIn}
        onClose={() => setSigningIn(false)}
        target={{ tenant: null, cloud }}
      />
      <SignOutDialog account={leaving} onClose={() => setLeaving(null)} />
      <DiscoveryDialog
        open={browsing !== null}
        account={browsing?.id ?? null}
        onClose={() => setBrowsing(null)}
      />
    </section>
  );
}
