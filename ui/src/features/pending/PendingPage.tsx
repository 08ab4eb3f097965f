import { type UseQueryResult, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { ClockIcon, CloseIcon, RefreshIcon } from "../../components/icons";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { PendingOperation } from "../../ipc/bindings/PendingOperation";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import type { AppError } from "../../ipc/errors";
import { certificateQueries } from "../certificates/queries";
import { VaultError } from "../certificates/VaultError";
import { awaitsMerge, isCancelled, issuerLabel, statusLabel } from "../create/operation";
import { PendingOperationSection } from "../create/PendingOperationSection";
import { VaultView } from "../vaults/VaultTabs";
import { ageText } from "./age";
import { operationQuery } from "./queries";
import "../certificates/browser.css";
import "./pending.css";

/** `/vaults/:id/pending`: every pending operation of the vault. */
export function PendingPage() {
  return <VaultView>{(vault) => <PendingOperations vault={vault} />}</VaultView>;
}

function PendingOperations({ vault }: { vault: VaultEntry }) {
  const queryClient = useQueryClient();
  const listing = useQuery(certificateQueries.listing(vault.id));
  const [params, setParams] = useSearchParams();
  const openName = params.get("op");
  const rows = useMemo(
    () =>
      (listing.data?.rows ?? [])
        .filter((row) => row.status === "Pending")
        .sort((a, b) => (a.created ?? 0) - (b.created ?? 0)),
    [listing.data],
  );
  const operations = useQueries({
    queries: rows.map((row) => operationQuery(vault.id, row.name)),
  });
  const open = (name: string | null) => setParams(name ? { op: name } : {}, { replace: true });
  const refresh = () => {
    void listing.refetch();
    for (const row of rows) {
      void queryClient.invalidateQueries({ queryKey: operationQuery(vault.id, row.name).queryKey });
    }
  };
  const openRow = rows.find((row) => row.name === openName);
  const complete = listing.data?.complete === true;

  return (
    <div className="browser pending-page">
      <div className="toolbar">
        <span className="count" data-testid="pending-count" aria-busy={listing.isFetching}>
          {complete
            ? `${rows.length} pending operation${rows.length === 1 ? "" : "s"}`
            : "Listing the vault…"}
        </span>
        <div className="toolbar-end">
          <button
            type="button"
            className="button icon-button"
            aria-label="Refresh"
            data-tooltip="Refresh"
            onClick={refresh}
          >
            <RefreshIcon />
          </button>
        </div>
      </div>
      {listing.error && (
        <VaultError vault={vault} error={listing.error} onRetry={() => listing.refetch()} />
      )}
      <div className={openRow ? "browser-body with-pane" : "browser-body"}>
        {complete && rows.length === 0 && (
          <div className="empty-state page-empty" data-testid="pending-empty">
            <ClockIcon />
            <strong>No pending operations</strong>A certificate being created or renewed, or waiting
            for the certificate your CA signs for its CSR, shows here with its operation.
          </div>
        )}
        {rows.length > 0 && (
          <div className="pending-scroll">
            <table className="pending-table" aria-label="Pending operations">
              <thead>
                <tr>
                  <th scope="col">Certificate</th>
                  <th scope="col">Status</th>
                  <th scope="col">Issuer</th>
                  <th scope="col">Age</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <OperationRow
                    key={row.name}
                    row={row}
                    operation={operations[index]}
                    open={row.name === openName}
                    onOpen={() => open(row.name)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {openRow && (
          <aside
            className="details"
            data-testid="operation-pane"
            aria-label={`Operation of ${openRow.name}`}
            onKeyDown={(event) => {
              if (event.key === "Escape") open(null);
            }}
          >
            <header className="details-header">
              <h2 title={openRow.name}>{openRow.name}</h2>
              <button
                type="button"
                className="button icon-button ghost"
                aria-label="Close"
                onClick={() => open(null)}
              >
                <CloseIcon />
              </button>
            </header>
            <div className="details-scroll">
              <PendingOperationSection
                key={openRow.name}
                vault={vault.id}
                name={openRow.name}
                created={openRow.created}
              />
            </div>
          </aside>
        )}
      </div>
    </div>
  );
}

function OperationRow({
  row,
  operation,
  open,
  onOpen,
}: {
  row: CertificateSummary;
  operation: UseQueryResult<PendingOperation, AppError> | undefined;
  open: boolean;
  onOpen: () => void;
}) {
  const data = operation?.data;
  const failed = data?.error ?? null;
  return (
    <tr className={open ? "open" : undefined} data-testid="pending-row" data-name={row.name}>
      <th scope="row">
        <button type="button" className="link-button" aria-expanded={open} onClick={onOpen}>
          {row.name}
        </button>
      </th>
      <td data-testid="pending-status">
        {data ? (
          <span className={failed ? "pending-status failed" : "pending-status"}>
            {isCancelled(data)
              ? "Cancelled"
              : awaitsMerge(data)
                ? "Waiting for merge"
                : statusLabel(data.status)}
          </span>
        ) : operation?.error ? (
          <span className="pending-status failed">
            {operation.error.code === "NotFound" ? "No operation" : "Could not read"}
          </span>
        ) : (
          <span className="muted" aria-busy="true">
            Reading…
          </span>
        )}
      </td>
      <td>{data ? issuerLabel(data.issuer) : ""}</td>
      <td className="pending-age">{row.created === null ? "" : ageText(row.created)}</td>
      <td className="pending-details" title={failed?.message ?? data?.status_details ?? undefined}>
        {failed ? (
          <span className="pending-error">{failed.message}</span>
        ) : (
          (data?.status_details ?? operation?.error?.message ?? "")
        )}
      </td>
    </tr>
  );
}
