import { queryOptions, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useNavigate } from "react-router";
import type { Column } from "../../components/DataGrid";
import { ErrorMessage } from "../../components/ErrorMessage";
import type { ComplianceRow } from "../../ipc/bindings/ComplianceRow";
import type { PolicyTemplate } from "../../ipc/bindings/PolicyTemplate";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import type { VaultId } from "../../ipc/bindings/VaultId";
import { type AppError, toAppError } from "../../ipc/errors";
import { useVaults } from "../vaults/useVaults";
import { VaultDot } from "../vaults/VaultDot";
import { bulkApi, newRequest } from "./api";
import type { BulkPrefill } from "./BulkPage";
import type { Selection } from "./CertificatePicker";
import { LintCell } from "./LintCell";
import { changeText } from "./outcome";
import { patchFromPolicy, refKey } from "./patch";
import { type AllState, SelectGrid } from "./SelectGrid";

interface Row {
  key: string;
  vault: VaultEntry | undefined;
  row: ComplianceRow;
}

/** The same cache entry as the policy editor's template list. */
const templatesQuery = queryOptions<PolicyTemplate[], AppError>({
  queryKey: ["policy-templates"],
  queryFn: bulkApi.listTemplates,
});

function Verdict({ row }: { row: ComplianceRow }) {
  if (row.error) return <span className="badge tone-danger">Unreadable</span>;
  if (row.deviations.length === 0) return <span className="badge tone-ok">Compliant</span>;
  return (
    <span className="badge tone-warn">
      {row.deviations.length} deviation{row.deviations.length === 1 ? "" : "s"}
    </span>
  );
}

function detailText(row: ComplianceRow) {
  if (row.error) return [row.error.message, row.error.hint].filter(Boolean).join(" ");
  return row.deviations.map(changeText).join(" · ");
}

const baseColumns: Column<Row>[] = [
  {
    id: "vault",
    header: "Vault",
    width: "minmax(110px, 1fr)",
    cell: ({ vault, row }) => (
      <span className="vault-cell">
        {vault && <VaultDot vault={vault} />}
        {vault?.name ?? `Vault ${row.target.vault}`}
      </span>
    ),
  },
  {
    id: "name",
    header: "Name",
    width: "minmax(150px, 1.5fr)",
    cell: ({ row }) => <span className="cert-name">{row.target.name}</span>,
  },
  { id: "verdict", header: "Verdict", width: "130px", cell: ({ row }) => <Verdict row={row} /> },
  {
    id: "deviations",
    header: "Deviations (now → template)",
    width: "minmax(260px, 3fr)",
    cell: ({ row }) => {
      const text = detailText(row);
      return (
        <span className={`outcome-text${row.error ? " error-text" : ""}`} title={text}>
          {text}
        </span>
      );
    },
  },
];

const lintColumn: Column<Row> = {
  id: "lint",
  header: "Policy lint",
  width: "minmax(200px, 2fr)",
  cell: ({ row }) =>
    row.error ? <span className="muted">—</span> : <LintCell target={row.target} />,
};

const isDeviating = (row: ComplianceRow) => row.error !== null || row.deviations.length > 0;

/** `/policies/compliance`: every certificate of the chosen vaults against a template. */
export function CompliancePage() {
  const navigate = useNavigate();
  const vaults = useVaults();
  const templates = useQuery(templatesQuery);
  const templateSelect = useId();
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [unchecked, setUnchecked] = useState<ReadonlySet<VaultId>>(new Set());
  const [rows, setRows] = useState<Row[]>([]);
  const [checkedOnce, setCheckedOnce] = useState(false);
  const [running, setRunning] = useState<{ request: number } | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [runError, setRunError] = useState<AppError | null>(null);
  const [deviatingOnly, setDeviatingOnly] = useState(false);
  const [linting, setLinting] = useState(false);
  const columns = useMemo(() => (linting ? [...baseColumns, lintColumn] : baseColumns), [linting]);
  const [selection, setSelection] = useState<Selection>(new Map());

  const requestRef = useRef<number | null>(null);
  const latest = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (requestRef.current !== null) bulkApi.cancel(requestRef.current);
    },
    [],
  );

  const list = vaults.data ?? [];
  const chosenVaults = list.filter((vault) => !unchecked.has(vault.id));
  const template = templates.data?.find((t) => t.id === templateId) ?? templates.data?.[0] ?? null;

  const shown = useMemo(
    () => (deviatingOnly ? rows.filter(({ row }) => isDeviating(row)) : rows),
    [rows, deviatingOnly],
  );
  const counts = useMemo(() => {
    let compliant = 0;
    let deviating = 0;
    let unreadable = 0;
    for (const { row } of rows) {
      if (row.error) unreadable++;
      else if (row.deviations.length) deviating++;
      else compliant++;
    }
    return { compliant, deviating, unreadable };
  }, [rows]);
  const shownSelected = shown.filter((r) => selection.has(r.key)).length;
  const allState: AllState =
    shownSelected === 0 ? "none" : shownSelected === shown.length ? "all" : "some";

  const check = async () => {
    if (!template) return;
    const request = newRequest();
    requestRef.current = request;
    latest.current = request;
    const byId = new Map(list.map((vault) => [vault.id, vault]));
    setRows([]);
    setSelection(new Map());
    setTotal(null);
    setRunError(null);
    setCheckedOnce(true);
    setRunning({ request });
    const pending: Row[] = [];
    let received = 0;
    let expected: number | null = null;
    let allReceived = () => {};
    const arrived = new Promise<void>((resolve) => {
      allReceived = resolve;
    });
    let frame: number | undefined;
    const flush = () => {
      frame = undefined;
      if (pending.length === 0) return;
      const batch = pending.splice(0);
      setRows((current) => [...current, ...batch]);
    };
    try {
      expected = await bulkApi.checkCompliance(
        { vaults: chosenVaults.map((v) => v.id), template: template.policy, request },
        (row) => {
          // A row of an earlier check, arriving late, belongs to no table shown.
          if (latest.current !== request) return;
          pending.push({ key: refKey(row.target), vault: byId.get(row.target.vault), row });
          received++;
          if (expected !== null && received >= expected) allReceived();
          frame ??= requestAnimationFrame(flush);
        },
      );
      setTotal(expected);
      // The answer can overtake the last rows on the channel, as with a listing; they are
      // waited for, but not for ever.
      if (received < expected) {
        await Promise.race([arrived, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      }
    } catch (err) {
      setRunError(toAppError(err));
    }
    if (frame !== undefined) cancelAnimationFrame(frame);
    flush();
    setRunning(null);
    requestRef.current = null;
  };

  const toggle = (r: Row) =>
    setSelection((current) => {
      const next = new Map(current);
      if (!next.delete(r.key)) next.set(r.key, r.row.target);
      return next;
    });
  const toggleAll = () =>
    setSelection((current) => {
      const next = new Map(current);
      if (allState === "all") for (const r of shown) next.delete(r.key);
      else for (const r of shown) next.set(r.key, r.row.target);
      return next;
    });
  const fix = () => {
    if (!template) return;
    const state: BulkPrefill = {
      targets: [...selection.values()],
      patch: patchFromPolicy(template.policy),
      from: `template “${template.name}”`,
    };
    navigate("/policies", { state });
  };

  if (vaults.data?.length === 0) {
    return (
      <div className="empty-state page-empty">
        <strong>No vaults yet</strong>
        Add a vault from the sidebar; you can then check its certificates against a template.
      </div>
    );
  }

  return (
    <div className="browser compliance">
      <div className="toolbar">
        <label className="field inline-field" htmlFor={templateSelect}>
          Template
        </label>
        {templates.isPending && <span className="skeleton" aria-busy="true" />}
        {templates.data && (
          <select
            id={templateSelect}
            className="select"
            value={template?.id ?? ""}
            disabled={running !== null || templates.data.length === 0}
            onChange={(event) => setTemplateId(event.target.value)}
          >
            {templates.data.length === 0 && <option value="">No templates</option>}
            {templates.data.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
                {t.builtin ? " (built-in)" : ""}
              </option>
            ))}
          </select>
        )}
        <fieldset className="vault-checks" disabled={running !== null}>
          <legend className="visually-hidden">Vaults to check</legend>
          {list.map((vault) => (
            <label key={vault.id} className="check-chip">
              <input
                type="checkbox"
                checked={!unchecked.has(vault.id)}
                onChange={() =>
                  setUnchecked((current) => {
                    const next = new Set(current);
                    if (!next.delete(vault.id)) next.add(vault.id);
                    return next;
                  })
                }
              />
              <VaultDot vault={vault} />
              {vault.name}
            </label>
          ))}
        </fieldset>
        <button
          type="button"
          className="button primary"
          disabled={running !== null || !template || chosenVaults.length === 0}
          onClick={check}
        >
          Check compliance
        </button>
        {running && (
          <button type="button" className="button" onClick={() => bulkApi.cancel(running.request)}>
            Cancel
          </button>
        )}
      </div>
      {template?.description && (
        <p className="muted template-description">{template.description}</p>
      )}
      {templates.error && (
        <div>
          <ErrorMessage error={templates.error} />
          <button type="button" className="button small" onClick={() => templates.refetch()}>
            Retry
          </button>
        </div>
      )}
      {vaults.error && <ErrorMessage error={vaults.error} />}
      {runError && (
        <div data-testid="run-error">
          {runError.code === "Cancelled" ? (
            <output className="muted">
              Cancelled: the rows below were checked before it stopped.
            </output>
          ) : (
            <ErrorMessage error={runError} />
          )}
        </div>
      )}
      {checkedOnce && (
        <div className="toolbar">
          <output className="count" data-testid="compliance-count" aria-busy={running !== null}>
            {running
              ? `Checking… ${rows.length.toLocaleString()} so far`
              : `${rows.length.toLocaleString()}${total !== null && total !== rows.length ? ` of ${total.toLocaleString()}` : ""} checked`}
            {` · ${counts.compliant} compliant · ${counts.deviating} deviating`}
            {counts.unreadable > 0 && ` · ${counts.unreadable} unreadable`}
          </output>
          <label className="check-chip">
            <input
              type="checkbox"
              checked={deviatingOnly}
              onChange={() => setDeviatingOnly((v) => !v)}
            />
            Deviating only
          </label>
          <label
            className="check-chip"
            title="Reads the policy of each certificate in view and lints it: a Key Vault read per row"
          >
            <input type="checkbox" checked={linting} onChange={() => setLinting((v) => !v)} />
            Lint policies
          </label>
          <span className="toolbar-spacer" />
          <span className="count">{selection.size.toLocaleString()} selected</span>
          <button
            type="button"
            className="button primary"
            disabled={selection.size === 0 || running !== null || !template}
            onClick={fix}
          >
            Fix selected…
          </button>
        </div>
      )}
      <div className="browser-body">
        {shown.length > 0 ? (
          <div className="table-wrap">
            <SelectGrid
              label={`Certificates against ${template?.name ?? "the template"}`}
              testId="compliance-table"
              rowTestId="compliance-row"
              columns={columns}
              rows={shown}
              rowKey={(r) => r.key}
              rowName={(r) =>
                `${r.row.target.name} in ${r.vault?.name ?? `vault ${r.row.target.vault}`}`
              }
              isSelected={(r) => selection.has(r.key)}
              onToggle={toggle}
              allState={allState}
              onToggleAll={toggleAll}
            />
          </div>
        ) : (
          !running &&
          !runError && (
            <div className="empty-state page-empty" data-testid="compliance-empty">
              {checkedOnce ? (
                <>
                  <strong>{rows.length > 0 ? "Everything complies" : "Nothing to check"}</strong>
                  {rows.length > 0
                    ? "Every certificate checked matches the template."
                    : "The vaults you chose have no certificates."}
                </>
              ) : (
                <>
                  <strong>Pick a template and vaults</strong>
                  Every certificate of the vaults is compared with the template; the fields that
                  differ are listed, and Fix sets them in bulk.
                </>
              )}
            </div>
          )
        )}
      </div>
    </div>
  );
}
