import { ErrorMessage } from "../../components/ErrorMessage";
import type { AppError } from "../../ipc/errors";

/** A vault's listing failed: said where the vault's rows would be, with a way to try again. */
export function VaultError({
  vaultName,
  error,
  onRetry,
}: {
  vaultName?: string;
  error: AppError;
  onRetry: () => void;
}) {
  return (
    <div className="vault-error" data-testid="vault-error">
      <div className="vault-error-main">
        {vaultName && <div className="vault-error-name">{vaultName}</div>}
        <ErrorMessage error={error} />
      </div>
      <button type="button" className="button small" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
