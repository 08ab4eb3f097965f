import { useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { call } from "../../ipc/backend";
import type { PendingOperation } from "../../ipc/bindings/PendingOperation";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";

/** "Delete the operation", confirmed in place with what it leaves behind. */
export function DeleteOperation({
  vault,
  name,
  onDeleted,
}: {
  vault: VaultId;
  name: string;
  onDeleted: (operation: PendingOperation) => void;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const remove = () => {
    setBusy(true);
    setError(null);
    call("delete_operation", { vault, name }).then(
      (operation) => {
        setBusy(false);
        setAsking(false);
        onDeleted(operation);
      },
      (err: AppError) => {
        setBusy(false);
        setError(err);
      },
    );
  };
  if (!asking) {
    return (
      <button
        type="button"
        className="button"
        data-testid="delete-operation"
        onClick={() => setAsking(true)}
      >
        Delete the operation…
      </button>
    );
  }
  return (
    <div className="confirm-box">
      <p data-testid="delete-explanation">
        Deleting the operation ends it for good. <strong>{name}</strong> stays in the vault,
        disabled and without a certificate, until you create a new version or delete it.
      </p>
      {error && <ErrorMessage error={error} />}
      <div className="choice-buttons">
        <button
          type="button"
          className="button danger"
          data-testid="delete-operation-confirm"
          disabled={busy}
          onClick={remove}
        >
          Delete the operation
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => setAsking(false)}>
          Keep it
        </button>
      </div>
    </div>
  );
}
