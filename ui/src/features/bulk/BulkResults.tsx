import { useMemo, useState } from "react";
import { type Column, DataGrid } from "../../components/DataGrid";
import { ErrorMessage } from "../../components/ErrorMessage";
import type { FieldChange } from "../../ipc/bindings/FieldChange";
import {
  type BulkRow,
  type Counts,
  OUTCOME_LABELS,
  OUTCOME_TONES,
  type OutcomeKind,
  outcomeText,
  type RowOutcome,
} from "./outcome";

export type Stage = "preview" | "apply";

/** What a row says in `stage`: after applying, the result, else what the preview found. */
export function shownOutcome(row: BulkRow, stage: Stage): RowOutcome | null {
  if (stage === "preview") return row.preview;
  return row.result ?? (row.preview?.outcome === "WouldChange" ? null : row.preview);
}

export function OutcomeBadge({ outcome }: { outcome: RowOutcome | null }) {
  if (!outcome) return <span className="badge">Waiting…</span>;
  return (
    <span className={`badge tone-${OUTCOME_TONES[outcome.outcome]}`}>
      {OUTCOME_LABELS[outcome.outcome]}
    </span>
  );
}

export function ChangesTable({ changes, caption }: { changes: FieldChange[]; caption: string }) {
  return (
    <table className="changes-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Now</th>
          <th scope="col">Becomes</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.field}>
            <th scope="row">{change.label}</th>
            <td className="before">{change.before}</td>
            <td className="after">{change.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OutcomeDetails({ row, outcome }: { row: BulkRow; outcome: RowOutcome | null }) {
  const name = row.target.name;
  return (
    <aside
      className="card bulk-details"
      aria-label={`Outcome for ${name}`}
      data-testid="bulk-details"
    >
      <h2 className="section-title">
        {name} <span className="muted small">in {row.vaultName}</span>
      </h2>
      <OutcomeBadge outcome={outcome} />
      {outcome && (outcome.outcome === "WouldChange" || outcome.outcome === "Changed") && (
        <ChangesTable changes={outcome.changes} caption={`Changes to ${name}`} />
      )}
      {outcome?.outcome === "Refused" && (
        <ul className="issue-list">
          {outcome.issues.map((issue) => (
            <li key={`${issue.field}:${issue.message}`} className={`issue-${issue.severity}`}>
              <span className="mono small">{issue.field}</span> {issue.message}
            </li>
          ))}
        </ul>
      )}
      {outcome?.outcome === "Failed" && <ErrorMessage error={outcome.error} />}
      {outcome && (outcome.outcome === "Unchanged" || outcome.outcome === "NotStarted") && (
        <p className="muted">{outcomeText(outcome)}</p>
      )}
    </aside>
  );
}

const FILTERS: OutcomeKind[] = [
  "WouldChange",
  "Changed",
  "Unchanged",
  "Refused",
  "Failed",
  "NotStarted",
];

/** Every target of the run with what happened to it; the open row's details beside. */
export function BulkResults({
  rows,
  stage,
  counts,
}: {
  rows: BulkRow[];
  stage: Stage;
  counts: Counts;
}) {
  const [filter, setFilter] = useState<OutcomeKind | null>(null);
  const [openKey, setOpenKey] = useState<string | null>(null);
  const shown = useMemo(
    () => (filter ? rows.filter((row) => shownOutcome(row, stage)?.outcome === filter) : rows),
    [rows, stage, filter],
  );
  const columns = useMemo<Column<BulkRow>[]>(
    () => [
      { id: "vault", header: "Vault", width: "minmax(110px, 1fr)", cell: (row) => row.vaultName },
      {
        id: "name",
        header: "Name",
        width: "minmax(150px, 1.5fr)",
        cell: (row) => <span className="cert-name">{row.target.name}</span>,
      },
      {
        id: "outcome",
        header: "Outcome",
        width: "170px",
        cell: (row) => <OutcomeBadge outcome={shownOutcome(row, stage)} />,
      },
      {
        id: "details",
        header: "Details",
        width: "minmax(240px, 3fr)",
        cell: (row) => {
          const outcome = shownOutcome(row, stage);
          const text = outcome ? outcomeText(outcome) : "";
          return (
            <span className="outcome-text" title={text}>
              {text}
            </span>
          );
        },
      },
    ],
    [stage],
  );
  const open = rows.find((row) => row.key === openKey);
  const kinds = FILTERS.filter((kind) => counts[kind] > 0);

  return (
    <>
      <fieldset className="segmented">
        <legend className="visually-hidden">Show</legend>
        <button
          type="button"
          className="segment"
          aria-pressed={filter === null}
          onClick={() => setFilter(null)}
        >
          All <span className="segment-count">{rows.length}</span>
        </button>
        {kinds.map((kind) => (
          <button
            key={kind}
            type="button"
            className="segment"
            aria-pressed={filter === kind}
            onClick={() => setFilter(kind)}
          >
            {OUTCOME_LABELS[kind]} <span className="segment-count">{counts[kind]}</span>
          </button>
        ))}
      </fieldset>
      <div className={`bulk-results${open ? " with-details" : ""}`}>
        <div className="table-wrap results-table">
          <DataGrid
            label={stage === "preview" ? "Preview" : "Results"}
            testId="bulk-table"
            rowTestId="bulk-row"
            columns={columns}
            rows={shown}
            rowKey={(row) => row.key}
            rowName={(row) => row.target.name}
            openKey={openKey}
            onOpen={(row) => setOpenKey(row.key)}
          />
        </div>
        {open && <OutcomeDetails row={open} outcome={shownOutcome(open, stage)} />}
      </div>
    </>
  );
}
