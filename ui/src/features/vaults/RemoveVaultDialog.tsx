import { Dialog, DialogActions } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import type { AppError } from "../../ipc/errors";
import { isLocal } from "./useVaults";

export function RemoveVaultDialog({
  vault,
  open,
  onClose,
  onConfirm,
  pending,
  error,
}: {
  vault: VaultEntry;
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  pending: boolean;
  error: AppError | null;
}) {
  return (
    <Dialog open={open} onClose={onClose} labelledBy={`remove-${vault.id}-title`}>
      <div className="dialog-body">
        <h2 id={`remove-${vault.id}-title`}>Remove “{vault.name}”?</h2>
        <p className="muted">
          {isLocal(vault)
            ? "CertDeck stops showing this local vault in the sidebar."
            : "CertDeck forgets this vault. Nothing in Azure changes: its certificates stay where they are, and you can add it again by its URL."}
        </p>
        {error && <ErrorMessage error={error} />}
      </div>
      <DialogActions onCancel={onClose}>
        <button type="button" className="button danger" disabled={pending} onClick={onConfirm}>
          Remove
        </button>
      </DialogActions>
    </Dialog>
  );
}
