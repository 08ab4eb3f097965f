import { useId } from "react";
import { Dialog } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import type { CertificateAction } from "../../ipc/bindings/CertificateAction";
import { BulkResults } from "../bulk/BulkResults";
import { countOutcomes } from "../bulk/outcome";
import type { BulkRun } from "./useBulkAction";
import "../bulk/bulk.css";

/** The action in words, for the dialog's title. */
export function actionTitle(action: CertificateAction): string {
  switch (action.action) {
    case "Enable":
      return "Enable";
    case "Disable":
      return "Disable";
    case "SetTag":
      return `Set tag ${action.name} = ${action.value} on`;
    case "RemoveTag":
      return `Remove tag ${action.name} from`;
    case "Delete":
      return "Delete";
    case "Backup":
      return "Back up";
  }
}

/** A bulk run: its progress while it goes, then a result per certificate. */
export function RunDialog({
  run,
  failed,
  onCancel,
  onRetry,
  onClose,
}: {
  run: BulkRun;
  failed: number;
  onCancel: () => void;
  onRetry: () => void;
  onClose: () => void;
}) {
  const titleId = useId();
  const counts = countOutcomes(run.rows.map((row) => row.result));
  const total = run.rows.length;
  const done = total - counts.waiting;
  return (
    <Dialog
      open
      onClose={() => {
        // Esc while running stops what has not started; what landed stays in the listing.
        if (run.running) onCancel();
        onClose();
      }}
      labelledBy={titleId}
      testId="bulk-run"
      className="bulk-run-dialog"
    >
      <div className="dialog-body">
        <h2 id={titleId}>
          {actionTitle(run.action)} {total.toLocaleString()} certificate{total === 1 ? "" : "s"}
        </h2>
        <div className="bulk-progress">
          <progress max={total} value={done} aria-label="Progress" />
          <output aria-live="polite" data-testid="bulk-run-progress">
            {run.running ? `${done} of ${total} done` : "Done"}
            {" · "}
            {[
              `${counts.Changed} changed`,
              `${counts.Unchanged} already so`,
              `${counts.Failed} failed`,
              ...(counts.NotStarted ? [`${counts.NotStarted} not started`] : []),
            ].join(", ")}
          </output>
        </div>
        {run.error && <ErrorMessage error={run.error} />}
        <BulkResults rows={run.rows} stage="apply" counts={counts} />
      </div>
      <div className="dialog-actions">
        {run.running ? (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        ) : (
          <>
            {failed > 0 && (
              <button type="button" className="button" onClick={onRetry}>
                Retry failed ({failed})
              </button>
            )}
            <button type="button" className="button primary" onClick={onClose}>
              Close
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}
