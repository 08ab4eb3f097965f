// A bulk action on the picked certificates: streamed from the backend one result at a time,
// each written into the cache as it lands (a changed row replaces its listed row, a deleted
// one leaves the listing), with cancel and a retry of the failed.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { call, stream } from "../../ipc/backend";
import type { BulkActionItem } from "../../ipc/bindings/BulkActionItem";
import type { CertificateAction } from "../../ipc/bindings/CertificateAction";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { type AppError, toAppError } from "../../ipc/errors";
import type { BulkRow } from "../bulk/outcome";
import { certificateRemoved, certificatesChanged } from "../certificates/changes";

// Request ids are shared with every cancellable command; this view counts from 0x5000_0000,
// clear of listings (from 1), the bulk policy views (0x4000_0000) and creates (0x6000_0000).
let nextRequest = 0x5000_0000;

export interface BulkRun {
  action: CertificateAction;
  request: number;
  rows: BulkRow[];
  running: boolean;
  /** The run failed as a whole (not one certificate). */
  error: AppError | null;
}

const rowOf = (vault: VaultEntry, name: string): BulkRow => ({
  key: name,
  target: { vault: vault.id, name },
  vaultName: vault.name,
  preview: null,
  result: null,
});

export function useBulkAction(vault: VaultEntry) {
  const queryClient = useQueryClient();
  const [run, setRun] = useState<BulkRun | null>(null);

  const landed = useCallback(
    (action: CertificateAction, item: BulkActionItem) => {
      if (item.row) certificatesChanged(queryClient, vault.id, [item.row]);
      if (action.action === "Delete" && item.outcome.outcome === "Changed") {
        certificateRemoved(queryClient, vault.id, item.target.name);
      }
      setRun(
        (current) =>
          current && {
            ...current,
            rows: current.rows.map((row) =>
              row.key === item.target.name ? { ...row, result: item.outcome } : row,
            ),
          },
      );
    },
    [queryClient, vault.id],
  );

  const start = useCallback(
    async (action: CertificateAction, names: string[]) => {
      const request = nextRequest++;
      const rows = names.map((name) => rowOf(vault, name));
      setRun({ action, request, rows, running: true, error: null });
      let error: AppError | null = null;
      try {
        await stream(
          "bulk_certificate_action",
          { targets: rows.map((row) => row.target), action, request },
          (item) => landed(action, item),
        );
      } catch (err) {
        error = toAppError(err);
      }
      // A backup whose folder dialog was cancelled ran nothing: nothing to report.
      if (error?.code === "Cancelled" && action.action === "Backup") {
        setRun((current) => (current?.request === request ? null : current));
        return;
      }
      setRun(
        (current) =>
          current && {
            ...current,
            running: false,
            error: error?.code === "Cancelled" ? null : error,
            rows: current.rows.map((row) =>
              row.result ? row : { ...row, result: { outcome: "NotStarted" } },
            ),
          },
      );
    },
    [vault, landed],
  );

  const failed = run?.rows.filter((row) => row.result?.outcome === "Failed") ?? [];
  return {
    run,
    start,
    failed,
    retryFailed: () =>
      run &&
      start(
        run.action,
        failed.map((row) => row.target.name),
      ),
    /** Stops what has not started; the run ends either way. */
    cancel: () => run && call("cancel_request", { request: run.request }).catch(() => null),
    close: () => setRun(null),
  };
}
