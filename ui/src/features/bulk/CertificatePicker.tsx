import { type UseQueryResult, useQueries } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { SearchIcon } from "../../components/icons";
import type { CertificateRef } from "../../ipc/bindings/CertificateRef";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { vaultCertificateColumns } from "../certificates/cells";
import type { Listing } from "../certificates/listing";
import { certificateQueries } from "../certificates/queries";
import { searchFilter } from "../certificates/search";
import { VaultError } from "../certificates/VaultError";
import { VaultDot } from "../vaults/VaultDot";
import { refKey } from "./patch";
import { type AllState, SelectGrid } from "./SelectGrid";

interface PickRow {
  vault: VaultEntry;
  cert: CertificateSummary;
  key: string;
}

const columns = vaultCertificateColumns<PickRow>({
  vault: "minmax(120px, 1fr)",
  name: "minmax(160px, 2fr)",
  expires: "minmax(180px, 1.2fr)",
});

const listingStates = (results: UseQueryResult<Listing, AppError>[]) =>
  results.map(({ data, error, isFetching, refetch }) => ({ data, error, isFetching, refetch }));

/** The certificates chosen, by key. */
export type Selection = ReadonlyMap<string, CertificateRef>;

/** Vault boxes, then the checked vaults' certificates (from the cached listings) to pick from. */
export function CertificatePicker({
  vaults,
  checked,
  onChecked,
  selection,
  onSelection,
  disabled,
}: {
  vaults: VaultEntry[];
  checked: ReadonlySet<VaultId>;
  onChecked: (next: ReadonlySet<VaultId>) => void;
  selection: Selection;
  onSelection: (next: Selection) => void;
  disabled: boolean;
}) {
  const [query, setQuery] = useState("");
  const open = useMemo(() => vaults.filter((vault) => checked.has(vault.id)), [vaults, checked]);
  const listings = useQueries({
    queries: open.map((vault) => certificateQueries.listing(vault.id)),
    combine: listingStates,
  });
  const rows = useMemo(() => {
    const matches = searchFilter(query);
    return open.flatMap((vault, i) =>
      (listings[i]?.data?.rows ?? [])
        .filter(matches)
        .map((cert) => ({ vault, cert, key: refKey({ vault: vault.id, name: cert.name }) })),
    );
  }, [open, listings, query]);
  const listingCount = listings.filter((l) => l.isFetching).length;
  const shownSelected = rows.filter((row) => selection.has(row.key)).length;
  const allState: AllState =
    shownSelected === 0 ? "none" : shownSelected === rows.length ? "all" : "some";

  const toggleVault = (vault: VaultId) => {
    const next = new Set(checked);
    if (!next.delete(vault)) next.add(vault);
    else {
      // Certificates of a vault no longer shown are no longer chosen.
      onSelection(new Map([...selection].filter(([, ref]) => ref.vault !== vault)));
    }
    onChecked(next);
  };
  const toggle = (row: PickRow) => {
    if (disabled) return;
    const next = new Map(selection);
    if (!next.delete(row.key)) next.set(row.key, { vault: row.vault.id, name: row.cert.name });
    onSelection(next);
  };
  const toggleAll = () => {
    if (disabled) return;
    const next = new Map(selection);
    if (allState === "all") for (const row of rows) next.delete(row.key);
    else for (const row of rows) next.set(row.key, { vault: row.vault.id, name: row.cert.name });
    onSelection(next);
  };

  return (
    <div className="picker">
      <fieldset className="vault-checks" disabled={disabled}>
        <legend>Vaults</legend>
        {vaults.map((vault) => {
          const i = open.indexOf(vault);
          const state = listings[i];
          return (
            <label key={vault.id} className="check-chip">
              <input
                type="checkbox"
                checked={checked.has(vault.id)}
                onChange={() => toggleVault(vault.id)}
              />
              <VaultDot vault={vault} />
              {vault.name}
              {state && (
                <span className="segment-count">
                  {state.error ? "!" : (state.data?.rows.length ?? "…")}
                </span>
              )}
            </label>
          );
        })}
      </fieldset>
      {open.map((vault, i) => {
        const error = listings[i]?.error;
        return (
          error && (
            <VaultError
              key={vault.id}
              vault={vault}
              vaultName={vault.name}
              error={error}
              onRetry={() => listings[i]?.refetch()}
            />
          )
        );
      })}
      <div className="toolbar">
        <label className="search">
          <SearchIcon />
          <span className="visually-hidden">Search certificates</span>
          <input
            type="search"
            placeholder="Search name, thumbprint, tag"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </label>
        <span className="toolbar-spacer" />
        <output className="count" data-testid="selected-count" aria-busy={listingCount > 0}>
          {selection.size.toLocaleString()} selected
          {listingCount > 0
            ? ` · listing ${listingCount} vault${listingCount === 1 ? "" : "s"}…`
            : ""}
        </output>
        <button
          type="button"
          className="button small"
          disabled={disabled || selection.size === 0}
          onClick={() => onSelection(new Map())}
        >
          Clear selection
        </button>
      </div>
      {open.length === 0 ? (
        <div className="empty-state" data-testid="picker-empty">
          <strong>No vault chosen</strong>
          Tick the vaults whose certificates you want to change.
        </div>
      ) : rows.length === 0 && listingCount === 0 ? (
        <div className="empty-state" data-testid="picker-empty">
          <strong>Nothing to choose</strong>
          {query
            ? "No certificate matches the search."
            : "The vaults you ticked have no certificates."}
        </div>
      ) : (
        <div className="table-wrap picker-table">
          <SelectGrid
            label="Certificates to change"
            testId="picker-table"
            rowTestId="picker-row"
            columns={columns}
            rows={rows}
            rowKey={(row) => row.key}
            rowName={(row) => `${row.cert.name} in ${row.vault.name}`}
            isSelected={(row) => selection.has(row.key)}
            onToggle={toggle}
            allState={allState}
            onToggleAll={toggleAll}
          />
        </div>
      )}
    </div>
  );
}
