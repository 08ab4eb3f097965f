import { type UseQueryResult, useQueries } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { type Column, DataGrid } from "../../components/DataGrid";
import { ClockIcon, DownloadIcon } from "../../components/icons";
import { useToast } from "../../components/Toasts";
import { backend } from "../../ipc/backend";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { ThumbprintCell, vaultCertificateColumns } from "../certificates/cells";
import { nowSeconds } from "../certificates/dates";
import type { Listing } from "../certificates/listing";
import { certificateQueries } from "../certificates/queries";
import { VaultError } from "../certificates/VaultError";
import { useVaults } from "../vaults/useVaults";
import { VaultDot } from "../vaults/VaultDot";
import { csvFileName, expiryCsv } from "./csv";
import { ExpiryTimeline } from "./ExpiryTimeline";
import {
  type ExpiryRow,
  type ExpiryWindow,
  expiryWindows,
  inWindow,
  mergeByExpiry,
  monthBuckets,
  vaultRowsByExpiry,
} from "./expiry";
import "./expiry.css";

const columns: Column<ExpiryRow>[] = [
  ...vaultCertificateColumns<ExpiryRow>({
    vault: "minmax(140px, 1fr)",
    name: "minmax(180px, 2fr)",
    expires: "minmax(196px, 1.2fr)",
  }),
  {
    id: "thumbprint",
    header: "Thumbprint",
    width: "128px",
    cell: ({ cert }) => <ThumbprintCell value={cert.thumbprint} />,
  },
];

const rowKey = ({ vault, cert }: ExpiryRow) => `${vault.id}/${cert.name}`;

// Only what the view reads, so the combined result stays the same object between renders
// while no listing changes.
const listingStates = (results: UseQueryResult<Listing, AppError>[]) =>
  results.map(({ data, error, isFetching, refetch }) => ({ data, error, isFetching, refetch }));

/** `/expiry`: every certificate of every vault, soonest to expire first. */
export function ExpiryPage() {
  const vaults = useVaults();
  const navigate = useNavigate();
  const toast = useToast();
  const [range, setRange] = useState<ExpiryWindow>("all");
  const [hidden, setHidden] = useState<ReadonlySet<VaultId>>(new Set());
  const list = vaults.data ?? [];
  const listings = useQueries({
    queries: list.map((vault) => certificateQueries.listing(vault.id)),
    combine: listingStates,
  });
  const now = nowSeconds();

  const shown = useMemo(
    () =>
      mergeByExpiry(
        list.flatMap((vault, i) =>
          hidden.has(vault.id) ? [] : [vaultRowsByExpiry(vault, listings[i]?.data?.rows ?? [])],
        ),
      ),
    [list, listings, hidden],
  );
  const rows = useMemo(
    () => shown.filter((row) => inWindow(row.cert, range, now)),
    [shown, range, now],
  );
  const buckets = useMemo(
    () =>
      monthBuckets(
        shown.map((row) => row.cert),
        now,
      ),
    [shown, now],
  );
  const listingCount = listings.filter((l) => l.isFetching).length;

  const toggle = (id: VaultId) =>
    setHidden((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const exportCsv = () =>
    backend.saveTextFile(csvFileName(), expiryCsv(rows)).then((path) => {
      if (path) toast.info(`Saved ${rows.length} rows to ${path}`);
    }, toast.error);

  if (vaults.data?.length === 0) {
    return (
      <div className="empty-state page-empty">
        <ClockIcon />
        <strong>No vaults yet</strong>
        Add a vault from the sidebar; its certificates then appear here by expiry date.
      </div>
    );
  }

  return (
    <div className="browser expiry">
      <section className="card timeline-card" aria-label="Timeline">
        <ExpiryTimeline buckets={buckets} />
      </section>
      <div className="toolbar">
        <fieldset className="segmented">
          <legend className="visually-hidden">Expires</legend>
          {expiryWindows.map((option) => (
            <button
              key={option.value}
              type="button"
              className="segment"
              aria-pressed={range === option.value}
              title={option.title}
              onClick={() => setRange(option.value)}
            >
              {option.label}
            </button>
          ))}
        </fieldset>
        <fieldset className="vault-toggles">
          <legend className="visually-hidden">Vaults</legend>
          {list.map((vault, i) => (
            <button
              key={vault.id}
              type="button"
              className="segment"
              aria-pressed={!hidden.has(vault.id)}
              onClick={() => toggle(vault.id)}
            >
              <VaultDot vault={vault} />
              {vault.name}
              <span className="segment-count">
                {listings[i]?.error ? "!" : (listings[i]?.data?.rows.length ?? "…")}
              </span>
            </button>
          ))}
        </fieldset>
        <span className="toolbar-spacer" />
        <span className="count" data-testid="expiry-count" aria-busy={listingCount > 0}>
          {listingCount > 0
            ? `Listing ${listingCount} vault${listingCount === 1 ? "" : "s"}… ${rows.length.toLocaleString()} so far`
            : `${rows.length.toLocaleString()} certificate${rows.length === 1 ? "" : "s"}`}
        </span>
        <button type="button" className="button" onClick={exportCsv} disabled={rows.length === 0}>
          <DownloadIcon />
          Export CSV
        </button>
      </div>
      {list.map((vault, i) => {
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
      <div className="browser-body">
        {rows.length > 0 ? (
          <div className="table-wrap">
            <DataGrid
              label="Certificates by expiry"
              testId="expiry-table"
              rowTestId="expiry-row"
              columns={columns}
              rows={rows}
              rowKey={rowKey}
              rowName={(row) => row.cert.name}
              onOpen={({ vault, cert }) =>
                navigate(`/vaults/${vault.id}?cert=${encodeURIComponent(cert.name)}`)
              }
            />
          </div>
        ) : (
          listingCount === 0 && (
            <div className="empty-state page-empty" data-testid="expiry-empty">
              <strong>Nothing here</strong>
              {range === "all"
                ? "The vaults you show have no certificates."
                : "No certificate in the vaults you show expires in this window."}
            </div>
          )
        )}
      </div>
    </div>
  );
}
