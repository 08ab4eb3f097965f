import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type CSSProperties, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { isNarrowWindow } from "../../app/narrow";
import { keysOf, useShortcut } from "../../app/shortcuts";
import { RefreshIcon, SearchIcon, SparkIcon, UploadIcon, VaultIcon } from "../../components/icons";
import { Splitter } from "../../components/Splitter";
import { useToast } from "../../components/Toasts";
import { backend } from "../../ipc/backend";
import type { CertificateStatus } from "../../ipc/bindings/CertificateStatus";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { filterStarted, rowsRendered } from "../../perf";
import { NewCertificateButton } from "../create/CreateDialog";
import { useImporter } from "../import/ImportProvider";
import { BulkActionBar } from "../selection/BulkActionBar";
import { useSelection } from "../selection/useSelection";
import { isLocal, useVaults } from "../vaults/useVaults";
import { VaultView } from "../vaults/VaultTabs";
import { CertificateTable } from "./CertificateTable";
import { DetailsPane } from "./DetailsPane";
import { useDetailsWidth } from "./detailsWidth";
import { certificateQueries } from "./queries";
import { StatusFilter } from "./StatusFilter";
import { searchFilter } from "./search";
import { defaultSort, nextSort, sortCertificates } from "./sort";
import { statuses } from "./status";
import { VaultError } from "./VaultError";
import "./browser.css";

/** `/vaults/:id`: the vault's certificates, with the selected one's details beside them. */
export function VaultPage() {
  return <VaultView>{(vault) => <VaultBrowser key={vault.id} vault={vault} />}</VaultView>;
}

/** The header title on a vault page: the vault's own name. */
export function VaultTitle() {
  const id = Number(useParams().id);
  return useVaults().data?.find((entry) => entry.id === id)?.name ?? "Vault";
}

function useAddSamples(vault: VaultEntry) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: () => backend.addSamples(vault.id),
    onSuccess: (names) => {
      toast.info(`Added ${names.length} sample certificates`);
      // The backend answers with names only: the listing is fetched again.
      queryClient.invalidateQueries({ queryKey: certificateQueries.listing(vault.id).queryKey });
    },
    onError: toast.error,
  });
}

const countLabel = (n: number) => `${n.toLocaleString()} certificate${n === 1 ? "" : "s"}`;

function VaultBrowser({ vault }: { vault: VaultEntry }) {
  const listing = useQuery(certificateQueries.listing(vault.id));
  const samples = useAddSamples(vault);
  const importer = useImporter();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<CertificateStatus | null>(null);
  const [sort, setSort] = useState(defaultSort);
  const [params, setParams] = useSearchParams();
  const searchBox = useRef<HTMLInputElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const detailsWidth = useDetailsWidth(body);
  const openName = params.get("cert");
  const all = listing.data?.rows;

  const counts = useMemo(() => {
    const byStatus = Object.fromEntries(statuses.map((s) => [s, 0])) as Record<
      CertificateStatus,
      number
    >;
    for (const cert of all ?? []) byStatus[cert.status]++;
    return byStatus;
  }, [all]);
  const rows = useMemo(() => {
    const matches = searchFilter(search);
    const shown = (all ?? []).filter(
      (cert) => (status === null || cert.status === status) && matches(cert),
    );
    return sortCertificates(shown, sort);
  }, [all, status, search, sort]);
  const selection = useSelection(rows, all);

  // Runs after the table (a child) has laid out these rows.
  useLayoutEffect(() => rowsRendered(rows.length), [rows]);

  // Ctrl+F searches the table rather than the page.
  useShortcut("search", () => searchBox.current?.focus());
  useShortcut("import", () => importer.pick(vault));

  const open = (name: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (name) next.set("cert", name);
        else next.delete("cert");
        return next;
      },
      { replace: true },
    );
  // In a narrow window the details take the table's place, a window tall: scrolled into view.
  useEffect(() => {
    if (openName && isNarrowWindow()) body.current?.scrollIntoView?.({ block: "start" });
  }, [openName]);

  // Closing the pane from inside it (Esc, Close) hands focus back to the table, not <body>.
  const closeDetails = () => {
    const focusInPane = body.current?.querySelector(".details")?.contains(document.activeElement);
    open(null);
    if (focusInPane) {
      requestAnimationFrame(() => body.current?.querySelector<HTMLElement>("[role=grid]")?.focus());
    }
  };
  const clearFilters = () => {
    setSearch("");
    setStatus(null);
  };
  const streaming = listing.data !== undefined && !listing.data.complete;
  const total = all?.length ?? 0;

  return (
    <div className="browser">
      <div className="toolbar">
        <div className="search">
          <SearchIcon />
          <input
            ref={searchBox}
            type="search"
            aria-label="Search certificates"
            placeholder="Search name, thumbprint, tags"
            value={search}
            onChange={(event) => {
              filterStarted();
              setSearch(event.target.value);
            }}
          />
        </div>
        <StatusFilter value={status} counts={counts} total={total} onChange={setStatus} />
        {/* One group, so the count and actions wrap together and stay right-aligned. */}
        <div className="toolbar-end">
          <span className="count" data-testid="cert-count" aria-busy={listing.isFetching}>
            {listing.isPending && listing.isFetching
              ? "Listing…"
              : streaming
                ? `Listing… ${total.toLocaleString()} so far`
                : rows.length === total
                  ? countLabel(total)
                  : `${rows.length.toLocaleString()} of ${countLabel(total)}`}
          </span>
          {isLocal(vault) && (
            <button
              type="button"
              className="button"
              onClick={() => samples.mutate()}
              disabled={samples.isPending}
            >
              <SparkIcon />
              Add samples
            </button>
          )}
          <NewCertificateButton vault={vault} onSelect={open} />
          <button
            type="button"
            className="button"
            data-testid="import-button"
            data-tooltip="Import certificate files (or drop them anywhere on the window)"
            onClick={() => importer.pick(vault)}
          >
            <UploadIcon />
            Import…
          </button>
          <button
            type="button"
            className="button icon-button"
            aria-label="Refresh"
            data-tooltip={`Refresh (${keysOf("refresh")})`}
            onClick={() => listing.refetch()}
          >
            <RefreshIcon />
          </button>
        </div>
      </div>
      <BulkActionBar vault={vault} selection={selection} shown={rows.length} />
      {listing.error && (
        <VaultError vault={vault} error={listing.error} onRetry={() => listing.refetch()} />
      )}
      {/* Enter on a row leaves focus in the table: a screen reader hears where the details went. */}
      <p className="visually-hidden" aria-live="polite" data-testid="details-announcement">
        {openName ? `Details of ${openName} opened; F6 moves there.` : ""}
      </p>
      <div
        ref={body}
        className={openName ? "browser-body with-details" : "browser-body"}
        style={{ "--details-width": `${detailsWidth.value}px` } as CSSProperties}
      >
        {listing.isPending && listing.isFetching && (
          <div className="table-placeholder" aria-busy="true">
            {Array.from({ length: 6 }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholder rows
              <span key={i} className="skeleton row-skeleton" />
            ))}
            <span className="visually-hidden">Listing certificates…</span>
          </div>
        )}
        {listing.data?.complete && total === 0 && (
          <div className="empty-state page-empty" data-testid="vault-empty">
            <VaultIcon />
            <strong>No certificates in this vault yet</strong>
            {isLocal(vault) ? (
              <>
                Fill it with samples: healthy, expiring, expired, disabled and pending ones, or drop
                certificate files anywhere on the window to import them.
                <button
                  type="button"
                  className="button primary"
                  onClick={() => samples.mutate()}
                  disabled={samples.isPending}
                >
                  <SparkIcon />
                  Add samples
                </button>
              </>
            ) : (
              "Drop PFX, PEM or CER files anywhere on the window, or use Import…, to import them."
            )}
          </div>
        )}
        {total > 0 && rows.length === 0 && (
          <div className="empty-state page-empty" data-testid="no-matches">
            <strong>No certificates match{search ? ` “${search}”` : " this filter"}</strong>
            <button type="button" className="button" onClick={clearFilters}>
              Clear search and filter
            </button>
          </div>
        )}
        {rows.length > 0 && (
          <CertificateTable
            vault={vault}
            rows={rows}
            sort={sort}
            onSort={(column) => setSort((current) => nextSort(current, column))}
            openName={openName}
            onOpen={(cert) => open(cert.name)}
            selected={selection.names}
            onSelect={selection.select}
          />
        )}
        {openName && (
          <>
            <Splitter label="Resize details" controls="details-pane" {...detailsWidth} />
            <DetailsPane key={openName} vault={vault} name={openName} onClose={closeDetails} />
          </>
        )}
      </div>
    </div>
  );
}
