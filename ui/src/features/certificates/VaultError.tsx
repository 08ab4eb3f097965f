import { ErrorMessage } from "../../components/ErrorMessage";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import type { AppError } from "../../ipc/errors";
import { SignInAgain } from "../accounts/SignInAgain";
import { needsSignIn } from "../accounts/types";

/**
 * A vault's listing failed: said where the vault's rows would be, with a way to try again —
 * signing in again first when the vault's account needs the user.
 */
export function VaultError({
  vault,
  vaultName,
  error,
  onRetry,
}: {
  vault?: VaultEntry;
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
      {vault && needsSignIn(error) && <SignInAgain vault={vault} onSignedIn={onRetry} />}
      <button type="button" className="button small" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
