import { useEffect, useId, useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { type Column, DataGrid } from "../../components/DataGrid";
import { ErrorMessage } from "../../components/ErrorMessage";
import { RefreshIcon } from "../../components/icons";
import type { AttentionRow } from "../../ipc/bindings/AttentionRow";
import type { AttentionSummary } from "../../ipc/bindings/AttentionSummary";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { nowSeconds } from "../certificates/dates";
import { useVaults } from "../vaults/useVaults";
import { VaultDot } from "../vaults/VaultDot";
import { FixButtons } from "./FixButtons";
import { ProblemBadge } from "./ProblemBadge";
import { factsOf, rowKey, type SortColumn, sortRows } from "./problems";
import { publishCount, useAttentionScan } from "./scan";
import "../certificates/browser.css";
import "./attention.css";

const windows = [7, 14, 30, 60, 90];

/** What the scan asked the vaults, for the curious (hover the count). */
function requestsText({ requests }: AttentionSummary) {
  return `Requests: ${requests.listing_pages} listing pages, ${requests.contacts} contacts reads, ${requests.operations} pending operations, ${requests.policies} policies`;
}

interface Row {
  key: string;
  row: AttentionRow;
  vault: VaultEntry | undefined;
  /** Set once a fix from this view went through. */
  fixed: string | undefined;
}

/** `/attention`: what needs an administrator in every open vault, each with its fix. */
export function AttentionPage() {
  const navigate = useNavigate();
  const vaults = useVaults();
  const windowSelect = useId();
  const [windowDays, setWindowDays] = useState(30);
  const [sort, setSort] = useState<{ column: SortColumn; descending: boolean }>({
    column: "problem",
    descending: false,
  });
  const list = vaults.data;
  const ids = useMemo(() => list?.map((vault) => vault.id), [list]);
  const scan = useAttentionScan(ids, windowDays);
  const now = nowSeconds();
  // Fixes noted against the scan that found the rows; a new scan starts clean.
  const [fixes, setFixes] = useState<{ scan: number; notes: ReadonlyMap<string, string> }>({
    scan: 0,
    notes: new Map(),
  });
  const fixed = useMemo(
    () => (fixes.scan === scan.id ? fixes.notes : new Map<string, string>()),
    [fixes, scan.id],
  );

  const rows: Row[] = useMemo(() => {
    const order = new Map(list?.map((vault, i) => [vault.id, i]));
    const byId = new Map(list?.map((vault) => [vault.id, vault]));
    return sortRows(scan.rows, sort.column, sort.descending, (id) => order.get(id) ?? 0).map(
      (row) => {
        const key = rowKey(row);
        return { key, row, vault: byId.get(row.vault), fixed: fixed.get(key) };
      },
    );
  }, [scan.rows, sort, list, fixed]);

  const open = rows.filter((r) => r.fixed === undefined).length;
  useEffect(() => {
    if (!scan.running && !scan.error) publishCount(open);
  }, [scan.running, scan.error, open]);

  const markFixed = (key: string, note: string) =>
    setFixes({ scan: scan.id, notes: new Map(fixed).set(key, note) });

  const columns: Column<Row>[] = [
    {
      id: "problem",
      header: "Problem",
      width: "150px",
      sortable: true,
      cell: ({ row }) => <ProblemBadge kind={row.problem.kind} />,
    },
    {
      id: "vault",
      header: "Vault",
      width: "minmax(130px, 1fr)",
      sortable: true,
      cell: ({ vault, row }) => (
        <span className="attention-vault">
          {vault && <VaultDot vault={vault} />}
          <span className="attention-vault-name">{vault?.name ?? `Vault ${row.vault}`}</span>
        </span>
      ),
    },
    {
      id: "name",
      header: "Certificate",
      width: "minmax(150px, 1.4fr)",
      sortable: true,
      cell: ({ row }) =>
        row.name ? <span className="cert-name">{row.name}</span> : <span className="muted">—</span>,
    },
    {
      id: "date",
      header: "Facts",
      width: "minmax(220px, 3fr)",
      sortable: true,
      cell: ({ row }) => {
        const text = factsOf(row.problem, now);
        const failed = row.problem.kind === "CheckFailed";
        return (
          <span className={`attention-facts${failed ? " failed" : ""}`} title={text}>
            {text}
          </span>
        );
      },
    },
    {
      id: "fix",
      header: "Fix",
      width: "minmax(240px, 1.2fr)",
      cell: (r) =>
        r.fixed ? (
          <output className="fixed-note">{r.fixed}</output>
        ) : (
          <FixButtons row={r.row} onFixed={(note) => markFixed(r.key, note)} />
        ),
    },
  ];

  if (list?.length === 0) {
    return (
      <div className="empty-state page-empty">
        <strong>No vaults yet</strong>
        Add a vault from the sidebar; what needs attention in it will show here.
      </div>
    );
  }

  const total = list?.length ?? 0;
  // A vault that could not be checked says why in full above the rows, not only in a cell.
  const failed = rows.filter(({ row }) => row.problem.kind === "CheckFailed");
  const checking = scan.running && scan.done.size < total;
  return (
    <div className="browser attention">
      <div className="toolbar">
        <label className="field inline-field" htmlFor={windowSelect}>
          Expiring within
        </label>
        <select
          id={windowSelect}
          className="select"
          value={windowDays}
          onChange={(event) => setWindowDays(Number(event.target.value))}
        >
          {windows.map((days) => (
            <option key={days} value={days}>
              {days} days
            </option>
          ))}
        </select>
        <output
          className="count"
          data-testid="attention-count"
          aria-busy={scan.running}
          title={scan.summary ? requestsText(scan.summary) : undefined}
        >
          {checking
            ? `Checking ${total - scan.done.size} of ${total} vaults… ${open} found so far`
            : `${open === 0 ? "Nothing needs" : `${open} need${open === 1 ? "s" : ""}`} attention · ${scan.certificates.toLocaleString()} certificates in ${total} vault${total === 1 ? "" : "s"}`}
        </output>
        <span className="toolbar-spacer" />
        {scan.running ? (
          <button type="button" className="button" onClick={scan.cancel}>
            Cancel
          </button>
        ) : (
          <button type="button" className="button" onClick={scan.rerun}>
            <RefreshIcon />
            Check again
          </button>
        )}
      </div>
      {vaults.error && <ErrorMessage error={vaults.error} />}
      {scan.error && (
        <div data-testid="attention-error">
          {scan.error.code === "Cancelled" ? (
            <output className="muted">
              Cancelled: the rows below were found before it stopped.
            </output>
          ) : (
            <ErrorMessage error={scan.error} />
          )}
        </div>
      )}
      {failed.length > 0 && (
        <div className="attention-failures" data-testid="attention-failures">
          {failed.map(({ key, row, vault }) =>
            row.problem.kind === "CheckFailed" ? (
              <section key={key} aria-label={`${vault?.name ?? `Vault ${row.vault}`} not checked`}>
                <h3>{vault?.name ?? `Vault ${row.vault}`} could not be checked</h3>
                <ErrorMessage error={row.problem.error} />
              </section>
            ) : null,
          )}
        </div>
      )}
      <div className="browser-body">
        {rows.length > 0 ? (
          <div className="table-wrap">
            <DataGrid
              label="Needs attention"
              testId="attention-table"
              rowTestId="attention-row"
              columns={columns}
              rows={rows}
              rowKey={(r) => r.key}
              rowHeight={54}
              rowName={(r) => `${r.row.name ?? "—"} in ${r.vault?.name ?? `vault ${r.row.vault}`}`}
              sort={sort}
              onSort={(column) =>
                setSort((s) => ({
                  column: column as SortColumn,
                  descending: s.column === column ? !s.descending : false,
                }))
              }
              onOpen={({ row }) => {
                if (row.name) navigate(`/vaults/${row.vault}?cert=${encodeURIComponent(row.name)}`);
                else navigate(`/vaults/${row.vault}`);
              }}
            />
          </div>
        ) : scan.running || !list ? (
          <div className="table-placeholder" aria-busy="true">
            <span className="skeleton" />
            <span className="visually-hidden">Checking the vaults…</span>
          </div>
        ) : (
          !scan.error && (
            <div className="empty-state page-empty" data-testid="attention-empty">
              <strong>
                Nothing needs attention in {total} vault{total === 1 ? "" : "s"}
              </strong>
              No certificate is expired, expiring within {windowDays} days without AutoRenew,
              disabled, stuck or failed pending, or emailing contacts its vault does not have.
            </div>
          )
        )}
      </div>
    </div>
  );
}
