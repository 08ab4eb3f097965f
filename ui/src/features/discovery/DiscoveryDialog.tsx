import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Dialog, DialogActions } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import { SearchIcon, VaultIcon } from "../../components/icons";
import { useToast } from "../../components/Toasts";
import type { AppError } from "../../ipc/errors";
import { accountsApi } from "../accounts/api";
import { accountQueries } from "../accounts/queries";
import { SignInDialog } from "../accounts/SignInDialog";
import type { Account, AddedVaults, DiscoveredTenant, DiscoveredVault } from "../accounts/types";
import { vaultsChanged } from "../vaults/queries";
import { DiscoveryTree } from "./DiscoveryTree";
import { discoveredAdded, discoveryQueries } from "./queries";
import { allVaults, discoveryRows, tenantName } from "./rows";
import "../certificates/browser.css";
import "./discovery.css";

/**
 * Finds the vaults an account reaches, tenant by tenant, and adds the ones picked. Opened for
 * one account (Settings) or for any (the sidebar, where the first account is preselected).
 */
export function DiscoveryDialog({
  open,
  onClose,
  account,
  onAddByUrl,
}: {
  open: boolean;
  onClose: () => void;
  /** The account to look through; null: let the user pick (or sign in first). */
  account: string | null;
  /** Offered where nothing is found: a data-plane-only role sees no vaults in ARM. */
  onAddByUrl?: () => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      labelledBy="discovery-title"
      testId="discovery-dialog"
      className="discovery-dialog"
    >
      <Discover initial={account} onClose={onClose} onAddByUrl={onAddByUrl} />
    </Dialog>
  );
}

function Discover({
  initial,
  onClose,
  onAddByUrl,
}: {
  initial: string | null;
  onClose: () => void;
  onAddByUrl?: () => void;
}) {
  const accounts = useQuery(accountQueries.list());
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState(initial);
  const [signIn, setSignIn] = useState<{ tenant: DiscoveredTenant | null } | null>(null);
  const account = accounts.data?.find((known) => known.id === picked) ?? accounts.data?.[0] ?? null;

  return (
    <>
      <div className="dialog-body discovery-body">
        <div className="discovery-head">
          <h2 id="discovery-title">Find vaults</h2>
          {accounts.data && accounts.data.length > 1 && (
            <label className="discovery-account">
              <span className="visually-hidden">Account</span>
              <select value={account?.id} onChange={(event) => setPicked(event.target.value)}>
                {accounts.data.map((known) => (
                  <option key={known.id} value={known.id}>
                    {known.username}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {accounts.error && <ErrorMessage error={accounts.error} />}
        {accounts.data?.length === 0 && (
          <div className="empty-state" data-testid="discovery-no-account">
            <VaultIcon />
            <strong>Sign in to find your vaults</strong>
            CertDeck lists the vaults your Azure account can see, in every tenant and subscription
            it reaches.
            <div>
              <button
                type="button"
                className="button primary"
                onClick={() => setSignIn({ tenant: null })}
              >
                Sign in
              </button>
            </div>
          </div>
        )}
      </div>
      {account ? (
        <Picker
          key={account.id}
          account={account}
          onClose={onClose}
          onAddByUrl={onAddByUrl}
          onSignIn={(tenant) => setSignIn({ tenant })}
        />
      ) : (
        <DialogActions onCancel={onClose} />
      )}
      <SignInDialog
        open={signIn !== null}
        onClose={() => setSignIn(null)}
        title={signIn?.tenant ? `Sign in to ${tenantName(signIn.tenant)}` : undefined}
        target={{ tenant: signIn?.tenant?.id ?? null, cloud: account?.cloud ?? "azure_public" }}
        onSignedIn={(signedIn) => {
          setPicked(signedIn.id);
          // Signed in to a tenant that needed it: its subscriptions can be listed now.
          queryClient.invalidateQueries({
            queryKey: discoveryQueries.discover(signedIn.id).queryKey,
          });
        }}
      />
    </>
  );
}

const addLabel = (count: number) =>
  count === 0 ? "Add vaults" : `Add ${count} vault${count === 1 ? "" : "s"}`;

function Picker({
  account,
  onClose,
  onAddByUrl,
  onSignIn,
}: {
  account: Account;
  onClose: () => void;
  onAddByUrl?: () => void;
  onSignIn: (tenant: DiscoveredTenant) => void;
}) {
  const discovery = useQuery(discoveryQueries.discover(account.id));
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<ReadonlyMap<string, DiscoveredVault>>(new Map());
  const queryClient = useQueryClient();
  const toast = useToast();
  const rows = useMemo(
    () => (discovery.data ? discoveryRows(discovery.data, query) : []),
    [discovery.data, query],
  );
  const found = discovery.data ? allVaults(discovery.data).length : 0;
  const add = useMutation<AddedVaults, AppError>({
    mutationFn: () =>
      accountsApi.addDiscovered({
        account: account.id,
        vaults: [...selected.values()].map((vault) => ({
          url: vault.uri,
          tenant_id: vault.tenant_id,
          name: vault.name,
        })),
      }),
    onSuccess: ({ vaults, skipped }) => {
      vaultsChanged(queryClient, vaults);
      const refused = new Set(skipped.map((skip) => skip.url));
      const added = [...selected.keys()].filter((url) => !refused.has(url));
      discoveredAdded(queryClient, account.id, new Set(added));
      if (added.length > 0)
        toast.info(`Added ${added.length} vault${added.length === 1 ? "" : "s"}`);
      if (skipped.length === 0) return onClose();
      // What was refused stays picked, with why, for another try or Cancel.
      setSelected((current) => new Map([...current].filter(([url]) => refused.has(url))));
    },
  });
  const toggle = (vault: DiscoveredVault) =>
    setSelected((current) => {
      const next = new Map(current);
      if (!next.delete(vault.uri)) next.set(vault.uri, vault);
      return next;
    });

  return (
    <>
      <div className="discovery-main">
        <div className="search discovery-search">
          <SearchIcon />
          <input
            type="search"
            aria-label="Search vaults"
            placeholder="Search vault, subscription or tenant"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
        {discovery.isPending && (
          <div className="discovery-loading" aria-busy="true" data-testid="discovery-loading">
            <span className="spinner" aria-hidden="true" />
            Looking through {account.username}'s tenants and subscriptions…
          </div>
        )}
        {discovery.error && <ErrorMessage error={discovery.error} />}
        {discovery.data && found === 0 && !query && (
          <div className="empty-state" data-testid="discovery-empty">
            <VaultIcon />
            <strong>No vaults found</strong>A data-plane-only role (such as Key Vault Certificates
            Officer on the vault alone) sees none here.
            {onAddByUrl && (
              <div>
                <button type="button" className="button" onClick={onAddByUrl}>
                  Add by URL
                </button>
              </div>
            )}
          </div>
        )}
        {discovery.data && query && rows.length === 0 && (
          <p className="muted" data-testid="discovery-no-match">
            No vault, subscription or tenant matches “{query}”.
          </p>
        )}
        {rows.length > 0 && (
          <DiscoveryTree
            rows={rows}
            isSelected={(vault) => selected.has(vault.uri)}
            onToggle={toggle}
            onSignIn={onSignIn}
          />
        )}
        {add.error && <ErrorMessage error={add.error} />}
        {add.data?.skipped.map((skip) => (
          <div key={skip.url} className="discovery-skipped" data-testid="discovery-skipped">
            <span className="mono small">{skip.url}</span>
            <ErrorMessage error={skip.error} />
          </div>
        ))}
      </div>
      <DialogActions onCancel={onClose}>
        <button
          type="button"
          className="button"
          onClick={() => discovery.refetch()}
          disabled={discovery.isFetching}
        >
          Refresh
        </button>
        <button
          type="button"
          className="button primary"
          disabled={selected.size === 0 || add.isPending}
          onClick={() => add.mutate()}
        >
          {add.isPending ? "Adding…" : addLabel(selected.size)}
        </button>
      </DialogActions>
    </>
  );
}
