import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useLocation } from "react-router";
import { ErrorMessage } from "../../components/ErrorMessage";
import type { BulkItem } from "../../ipc/bindings/BulkItem";
import type { CertificateRef } from "../../ipc/bindings/CertificateRef";
import type { PolicyPatch } from "../../ipc/bindings/PolicyPatch";
import type { VaultId } from "../../ipc/bindings/VaultId";
import { type AppError, toAppError } from "../../ipc/errors";
import { certificateScope } from "../certificates/queries";
import { useVaults } from "../vaults/useVaults";
import { bulkApi, newRequest } from "./api";
import { BulkResults, type Stage, shownOutcome } from "./BulkResults";
import { CertificatePicker, type Selection } from "./CertificatePicker";
import { type BulkRow, countOutcomes, type RowOutcome } from "./outcome";
import { PatchForm } from "./PatchForm";
import {
  draftFromPatch,
  draftToPatch,
  emptyDraft,
  type PatchDraft,
  patchIsEmpty,
  refKey,
} from "./patch";

/** What compliance's Fix hands to this view, in the router's location state. */
export interface BulkPrefill {
  targets: CertificateRef[];
  patch: PolicyPatch;
  /** Where it came from, for the note on top ("template Contoso TLS"). */
  from: string;
}

const isPrefill = (state: unknown): state is BulkPrefill =>
  typeof state === "object" &&
  state !== null &&
  Array.isArray((state as BulkPrefill).targets) &&
  typeof (state as BulkPrefill).patch === "object";

interface Running {
  stage: Stage;
  request: number;
  total: number;
  done: number;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** `/policies`: set policy fields on many certificates of many vaults, previewed first. */
export function BulkPage() {
  const location = useLocation();
  const [prefill] = useState(() => (isPrefill(location.state) ? location.state : null));
  const vaults = useVaults();
  const queryClient = useQueryClient();
  const [checked, setChecked] = useState<ReadonlySet<VaultId>>(
    () => new Set(prefill?.targets.map((t) => t.vault)),
  );
  const [selection, setSelection] = useState<Selection>(
    () => new Map(prefill?.targets.map((t) => [refKey(t), t])),
  );
  const [draft, setDraft] = useState<PatchDraft>(() =>
    prefill ? draftFromPatch(prefill.patch) : emptyDraft(),
  );
  const [rows, setRows] = useState<BulkRow[]>([]);
  const [stage, setStage] = useState<Stage>("preview");
  const [running, setRunning] = useState<Running | null>(null);
  const [runError, setRunError] = useState<AppError | null>(null);
  const { patch, errors } = useMemo(() => draftToPatch(draft), [draft]);

  // Leaving the view stops what has not started.
  const requestRef = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (requestRef.current !== null) bulkApi.cancel(requestRef.current);
    },
    [],
  );

  const vaultNames = useMemo(
    () => new Map((vaults.data ?? []).map((vault) => [vault.id, vault.name])),
    [vaults.data],
  );
  const counts = useMemo(
    () => countOutcomes(rows.map((row) => shownOutcome(row, stage))),
    [rows, stage],
  );
  const failed = rows.filter((row) => shownOutcome(row, stage)?.outcome === "Failed");
  const notStarted = rows.filter((row) => shownOutcome(row, stage)?.outcome === "NotStarted");
  const toApply = rows.filter((row) => row.preview?.outcome === "WouldChange");

  // A preview says what *this* selection and patch would do: changing either retires it.
  const retire = () => {
    if (rows.length === 0) return;
    setRows([]);
    setStage("preview");
    setRunError(null);
  };
  const editSelection = (next: Selection) => {
    setSelection(next);
    retire();
  };
  const editChecked = (next: ReadonlySet<VaultId>) => {
    setChecked(next);
    retire();
  };
  const editDraft = (next: PatchDraft) => {
    setDraft(next);
    retire();
  };

  const run = async (kind: Stage, targets: CertificateRef[]) => {
    const request = newRequest();
    requestRef.current = request;
    const field = kind === "preview" ? "preview" : "result";
    const keys = new Set(targets.map(refKey));
    const setOutcomes = (outcomeOf: (row: BulkRow) => RowOutcome | null | undefined) =>
      setRows((current) =>
        current.map((row) => {
          const outcome = keys.has(row.key) ? outcomeOf(row) : undefined;
          return outcome === undefined ? row : { ...row, [field]: outcome };
        }),
      );
    setStage(kind);
    setRunError(null);
    setRunning({ stage: kind, request, total: targets.length, done: 0 });
    setOutcomes(() => null);

    // Items arriving within one frame are shown together: one render per frame, not per item.
    const pending = new Map<string, RowOutcome>();
    let done = 0;
    let frame: number | undefined;
    const flush = () => {
      frame = undefined;
      if (pending.size === 0) return;
      const batch = new Map(pending);
      pending.clear();
      setOutcomes((row) => batch.get(row.key));
      setRunning((current) => current && { ...current, done });
    };
    let finished = false;
    const onItem = (item: BulkItem) => {
      // The answer carries every item; one sent on the channel can arrive after it.
      if (finished) return;
      const key = refKey(item.target);
      if (!pending.has(key)) done++;
      pending.set(key, item.outcome);
      frame ??= requestAnimationFrame(flush);
    };
    let changed: CertificateRef[] = [];
    try {
      const send = kind === "preview" ? bulkApi.preview : bulkApi.apply;
      const items = await send({ targets, patch, request }, onItem);
      for (const item of items) pending.set(refKey(item.target), item.outcome);
      changed = items.filter((i) => i.outcome.outcome === "Changed").map((i) => i.target);
    } catch (err) {
      setRunError(toAppError(err));
    }
    finished = true;
    if (frame !== undefined) cancelAnimationFrame(frame);
    flush();
    // Whatever has no outcome now never started (cancelled, or the run failed as a whole).
    setOutcomes((row) => (row[field] === null ? { outcome: "NotStarted" } : undefined));
    setRunning(null);
    requestRef.current = null;
    for (const target of changed) {
      queryClient.invalidateQueries({ queryKey: certificateScope(target.vault, target.name) });
    }
  };

  const preview = () => {
    const targets = [...selection.values()];
    setRows(
      targets.map((target) => ({
        key: refKey(target),
        target,
        vaultName: vaultNames.get(target.vault) ?? `Vault ${target.vault}`,
        preview: null,
        result: null,
      })),
    );
    run("preview", targets);
  };
  const rerun = (of: BulkRow[]) =>
    run(
      stage,
      of.map((row) => row.target),
    );

  const fieldsChosen = !patchIsEmpty(patch);
  const formValid = Object.keys(errors).length === 0;
  const previewBlocker =
    selection.size === 0
      ? "Choose at least one certificate."
      : !formValid
        ? "Correct the fields marked above."
        : !fieldsChosen
          ? "Tick at least one field to set."
          : null;
  const busy = running !== null;

  if (vaults.data?.length === 0) {
    return (
      <div className="empty-state page-empty">
        <strong>No vaults yet</strong>
        Add a vault from the sidebar; you can then change the policies of its certificates here.
      </div>
    );
  }

  return (
    <div className="bulk">
      {prefill && (
        <p className="bulk-note" data-testid="prefill-note">
          Pre-filled from {prefill.from}: {plural(prefill.targets.length, "certificate")} and the
          template's fields. Preview before applying.
        </p>
      )}
      <div className="bulk-setup">
        <section className="card" aria-labelledby="bulk-certs">
          <h2 id="bulk-certs" className="section-title">
            1. Certificates
          </h2>
          {vaults.error && <ErrorMessage error={vaults.error} />}
          {vaults.isPending && <span className="skeleton" aria-busy="true" />}
          {vaults.data && (
            <CertificatePicker
              vaults={vaults.data}
              checked={checked}
              onChecked={editChecked}
              selection={selection}
              onSelection={editSelection}
              disabled={busy}
            />
          )}
        </section>
        <section className="card" aria-labelledby="bulk-fields">
          <h2 id="bulk-fields" className="section-title">
            2. Fields to set
          </h2>
          <PatchForm draft={draft} onDraft={editDraft} errors={errors} disabled={busy} />
        </section>
      </div>
      <section className="card bulk-run" aria-labelledby="bulk-run">
        <h2 id="bulk-run" className="section-title">
          3. Preview and apply
        </h2>
        <div className="toolbar">
          <button
            type="button"
            className={`button${rows.length === 0 ? " primary" : ""}`}
            disabled={busy || previewBlocker !== null}
            onClick={preview}
          >
            Preview {selection.size > 0 && plural(selection.size, "certificate")}
          </button>
          {stage === "preview" && (
            <button
              type="button"
              className="button primary"
              disabled={busy || toApply.length === 0}
              onClick={() =>
                run(
                  "apply",
                  toApply.map((row) => row.target),
                )
              }
            >
              Apply to {plural(toApply.length, "certificate")}
            </button>
          )}
          {failed.length > 0 && (
            <button type="button" className="button" disabled={busy} onClick={() => rerun(failed)}>
              Retry failed ({failed.length})
            </button>
          )}
          {notStarted.length > 0 && (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => rerun(notStarted)}
            >
              Continue ({plural(notStarted.length, "not started", "not started")})
            </button>
          )}
          {running && (
            <button
              type="button"
              className="button"
              onClick={() => bulkApi.cancel(running.request)}
            >
              Cancel
            </button>
          )}
          <span className="toolbar-spacer" />
          {previewBlocker && rows.length === 0 && <span className="muted">{previewBlocker}</span>}
        </div>
        {running && (
          <div className="bulk-progress">
            <progress
              max={running.total}
              value={running.done}
              aria-label={running.stage === "preview" ? "Preview progress" : "Apply progress"}
            />
            <output aria-live="polite" data-testid="bulk-progress">
              {running.stage === "preview" ? "Previewed" : "Applied"}{" "}
              {running.done.toLocaleString()} of {running.total.toLocaleString()}
            </output>
          </div>
        )}
        {runError && (
          <div data-testid="run-error">
            {runError.code === "Cancelled" ? (
              <output className="muted">Cancelled: what had not started was left as it is.</output>
            ) : (
              <ErrorMessage error={runError} />
            )}
          </div>
        )}
        {rows.length > 0 && (
          <>
            <output className="bulk-counts" data-testid="bulk-counts" aria-live="polite">
              {stage === "preview"
                ? [
                    `${counts.WouldChange} would change`,
                    `${counts.Unchanged} already so — skipped`,
                    `${counts.Refused} refused`,
                    `${counts.Failed} failed`,
                  ]
                    .concat(counts.NotStarted ? [`${counts.NotStarted} not started`] : [])
                    .join(" · ")
                : [
                    `${counts.Changed} changed`,
                    `${counts.Unchanged} already so — skipped`,
                    `${counts.Refused} refused`,
                    `${counts.Failed} failed`,
                  ]
                    .concat(counts.NotStarted ? [`${counts.NotStarted} not started`] : [])
                    .join(" · ")}
              {counts.waiting > 0 && ` · ${counts.waiting} to go`}
            </output>
            <BulkResults rows={rows} stage={stage} counts={counts} />
          </>
        )}
        {rows.length === 0 && !running && (
          <p className="muted">
            Preview shows, for each certificate, what would change; nothing is sent until you apply.
          </p>
        )}
      </section>
    </div>
  );
}
