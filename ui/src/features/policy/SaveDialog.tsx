// The confirmation before a policy is saved: each changed field, old → new, and what saving
// affects.
import { useId } from "react";
import { Dialog, DialogActions } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import type { FieldChange } from "../../ipc/bindings/FieldChange";
import type { AppError } from "../../ipc/errors";

export function SaveDialog({
  open,
  changes,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  /** From diff_policies; null while it is being computed. */
  changes: FieldChange[] | null;
  pending: boolean;
  error: AppError | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const titleId = useId();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      labelledBy={titleId}
      testId="policy-save-dialog"
      className="policy-save-dialog"
    >
      <div className="dialog-body">
        <h2 id={titleId}>Save the policy?</h2>
        {changes === null && !error && <span className="skeleton" aria-busy="true" />}
        {changes && changes.length === 0 && (
          <p className="muted">Nothing differs from the saved policy.</p>
        )}
        {changes && changes.length > 0 && (
          <>
            <table className="policy-changes">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Now</th>
                  <th scope="col">After saving</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((change) => (
                  <tr key={change.field} data-testid="policy-change" data-field={change.field}>
                    <th scope="row">{change.label}</th>
                    <td className="mono">{change.before}</td>
                    <td className="mono">{change.after}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">
              Applies from the next version; the current certificate is unchanged.
            </p>
          </>
        )}
        {error && <ErrorMessage error={error} />}
      </div>
      <DialogActions onCancel={onClose}>
        <button
          type="button"
          className="button primary"
          disabled={pending || !changes || changes.length === 0}
          onClick={onConfirm}
        >
          {/* After a failure the same button sends the same policy again: the form is kept. */}
          {pending ? "Saving…" : error ? "Retry" : "Save"}
        </button>
      </DialogActions>
    </Dialog>
  );
}
