import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import type { Column } from "../../components/DataGrid";
import { ErrorMessage } from "../../components/ErrorMessage";
import { RefreshIcon } from "../../components/icons";
import type { DeletedCertificate } from "../../ipc/bindings/DeletedCertificate";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { type AllState, SelectGrid } from "../bulk/SelectGrid";
import { formatDate, formatDateTime } from "../certificates/dates";
import { VaultView } from "../vaults/VaultTabs";
import { PurgeDialog } from "./PurgeDialog";
import { type DeletedListing, deletedQueries, isSettling } from "./queries";
import { type ItemState, stateText, useDeletedActions } from "./useDeletedActions";
import "./deleted.css";

/** `/vaults/:id/deleted`: the vault's deleted certificates, to recover or purge. */
export function DeletedPage() {
  return <VaultView>{(vault) => <DeletedBrowser key={vault.id} vault={vault} />}</VaultView>;
}

/** Whether the level lets a user purge (not under purge protection). */
export const purgeable = (row: DeletedCertificate) =>
  row.recovery_level === null || row.recovery_level.endsWith("Purgeable");

const nameOf = (row: DeletedCertificate) => row.summary.name;

function DeletedBrowser({ vault }: { vault: VaultEntry }) {
  const listing = useQuery(deletedQueries.listing(vault.id));
  const actions = useDeletedActions(vault.id);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [purging, setPurging] = useState<string[]>([]);
  const rows = useMemo(
    () =>
      [...(listing.data?.rows ?? [])].sort(
        (a, b) => (b.deleted_on ?? 0) - (a.deleted_on ?? 0) || nameOf(a).localeCompare(nameOf(b)),
      ),
    [listing.data],
  );
  const chosen = rows.filter((row) => selected.has(nameOf(row)));
  const protectedRow = rows.find((row) => !purgeable(row));
  const allState: AllState =
    chosen.length === 0 ? "none" : chosen.length === rows.length ? "all" : "some";

  const toggle = (row: DeletedCertificate) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(nameOf(row))) next.add(nameOf(row));
      return next;
    });
  const start = (action: "recover" | "purge", names: string[]) => {
    setSelected(new Set());
    void actions.run(action, names);
  };
  const columns = useMemo(
    () => deletedColumns(actions.states, listing.data),
    [actions.states, listing.data],
  );

  return (
    <div className="browser deleted-browser" data-testid="deleted-view">
      <div className="toolbar">
        <h2 className="deleted-title">Deleted certificates</h2>
        {listing.data && (
          <span className="count" data-testid="deleted-count">
            {rows.length.toLocaleString()} deleted{listing.data.complete ? "" : "…"}
          </span>
        )}
        <div className="toolbar-end">
          {rows.length > 0 && (
            <SelectionActions
              chosen={chosen}
              protectedRow={protectedRow}
              onRecover={() => start("recover", chosen.map(nameOf))}
              onPurge={() => setPurging(chosen.map(nameOf))}
            />
          )}
          <button
            type="button"
            className="button icon-button ghost"
            aria-label="Refresh deleted certificates"
            data-tooltip="Refresh"
            onClick={() => void listing.refetch()}
          >
            <RefreshIcon />
          </button>
        </div>
      </div>
      {protectedRow && (
        <p className="deleted-note" data-testid="purge-protected-note">
          Purge protection is on in {vault.name} (recovery level {protectedRow.recovery_level}):
          deleted certificates cannot be purged. Key Vault purges each one on its scheduled date;
          until then you can recover it.
        </p>
      )}
      <Results
        vault={vault}
        states={actions.states}
        onClear={actions.busy ? null : actions.clear}
      />
      {listing.isPending && (
        <div aria-busy="true" className="deleted-loading">
          <span className="skeleton" />
          <span className="visually-hidden">Loading deleted certificates…</span>
        </div>
      )}
      {listing.error && (
        <div className="deleted-error">
          <ErrorMessage error={listing.error} />
          <button type="button" className="button" onClick={() => void listing.refetch()}>
            Try again
          </button>
        </div>
      )}
      {listing.data?.complete && rows.length === 0 && (
        <div className="empty-state" data-testid="deleted-empty">
          <strong>No deleted certificates</strong>
          Soft delete keeps a deleted certificate here until its scheduled purge date (the vault’s
          retention, 7 to 90 days after the delete); until then you can recover or purge it.
        </div>
      )}
      {rows.length > 0 && (
        <SelectGrid
          label={`Deleted certificates of ${vault.name}`}
          testId="deleted-table"
          rowTestId="deleted-row"
          columns={columns}
          rows={rows}
          rowKey={nameOf}
          rowName={nameOf}
          isSelected={(row) => selected.has(nameOf(row))}
          onToggle={toggle}
          allState={allState}
          onToggleAll={() =>
            setSelected(allState === "all" ? new Set() : new Set(rows.map(nameOf)))
          }
        />
      )}
      <PurgeDialog
        names={purging}
        onClose={() => setPurging([])}
        onConfirm={(names) => {
          setPurging([]);
          start("purge", names);
        }}
      />
    </div>
  );
}

/** Recover and Purge for the selected rows; Purge says why not under purge protection. */
function SelectionActions({
  chosen,
  protectedRow,
  onRecover,
  onPurge,
}: {
  chosen: DeletedCertificate[];
  protectedRow: DeletedCertificate | undefined;
  onRecover: () => void;
  onPurge: () => void;
}) {
  const count = chosen.length > 1 ? ` ${chosen.length}` : "";
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="recover-selected"
        disabled={chosen.length === 0}
        onClick={onRecover}
      >
        Recover{count}
      </button>
      <button
        type="button"
        className="button danger"
        data-testid="purge-selected"
        disabled={chosen.length === 0 || chosen.some((row) => !purgeable(row))}
        data-tooltip={
          protectedRow
            ? "Purge protection is on: Key Vault alone purges, on the scheduled date"
            : undefined
        }
        onClick={onPurge}
      >
        Purge{count}…
      </button>
    </>
  );
}

function deletedColumns(
  states: ReadonlyMap<string, ItemState>,
  listing: DeletedListing | undefined,
): Column<DeletedCertificate>[] {
  return [
    {
      id: "name",
      header: "Name",
      width: "minmax(180px, 2fr)",
      cell: (row) => <strong>{nameOf(row)}</strong>,
    },
    {
      id: "deleted",
      header: "Deleted on",
      width: "minmax(170px, 1fr)",
      cell: (row) => (row.deleted_on === null ? "—" : formatDateTime(row.deleted_on)),
    },
    {
      id: "purge",
      header: "Scheduled purge",
      width: "minmax(140px, 1fr)",
      cell: (row) => (row.scheduled_purge === null ? "—" : formatDate(row.scheduled_purge)),
    },
    {
      id: "level",
      header: "Recovery level",
      width: "minmax(240px, 1.2fr)",
      cell: (row) => (
        <span title={purgeable(row) ? undefined : "Purge protection: cannot be purged early"}>
          {row.recovery_level ?? "—"}
        </span>
      ),
    },
    {
      id: "state",
      header: "Status",
      width: "minmax(150px, 1.4fr)",
      cell: (row) => {
        const state = states.get(nameOf(row));
        if (state) return <span className="deleted-state">{stateText(state)}</span>;
        return isSettling(listing, row) ? (
          <span
            className="deleted-state"
            title="Key Vault lists a deleted certificate seconds after the delete"
          >
            Being deleted…
          </span>
        ) : null;
      },
    },
  ];
}

/** One line per certificate acted on: its progress, then its result. */
function Results({
  vault,
  states,
  onClear,
}: {
  vault: VaultEntry;
  states: ReadonlyMap<string, ItemState>;
  onClear: (() => void) | null;
}) {
  if (states.size === 0) return null;
  const entries = [...states];
  const done = entries.filter(([, s]) => ["recovered", "purged", "failed"].includes(s.kind));
  return (
    <section className="card deleted-results" aria-label="Results" data-testid="deleted-results">
      <header>
        <strong>
          {done.length} of {entries.length} done
        </strong>
        {onClear && (
          <button type="button" className="button ghost" onClick={onClear}>
            Clear
          </button>
        )}
      </header>
      <ul>
        {entries.map(([name, state]) => (
          <li key={name} data-testid="deleted-result" data-name={name} data-state={state.kind}>
            <span className={`badge result-${tone(state)}`}>{name}</span> {stateText(state)}
            {state.kind === "recovered" && (
              <>
                {" "}
                <Link to={`/vaults/${vault.id}?cert=${encodeURIComponent(name)}`}>Open</Link>
              </>
            )}
            {state.kind === "failed" && state.error.hint && (
              <span className="muted"> {state.error.hint}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function tone(state: ItemState): string {
  if (state.kind === "failed") return "danger";
  if (state.kind === "recovered" || state.kind === "purged") return "ok";
  return "info";
}
