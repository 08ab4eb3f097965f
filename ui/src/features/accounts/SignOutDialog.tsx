import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Dialog, DialogActions } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import type { AppError } from "../../ipc/errors";
import { accountsApi } from "./api";
import { accountsChanged } from "./queries";
import type { Account } from "./types";

/** Asks before signing out: CertDeck forgets the account's tokens and their key. */
export function SignOutDialog({
  account,
  onClose,
}: {
  account: Account | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const signOut = useMutation<Account[], AppError, string>({
    mutationFn: accountsApi.signOut,
    onSuccess: (accounts, id) => {
      accountsChanged(queryClient, accounts, id);
      onClose();
    },
  });
  return (
    <Dialog open={account !== null} onClose={onClose} labelledBy="sign-out-title">
      {account && (
        <>
          <div className="dialog-body">
            <h2 id="sign-out-title">Sign out of {account.username}?</h2>
            <p className="muted">
              CertDeck forgets this account's tokens on this computer. Vaults added with it stay in
              the sidebar and ask you to sign in again.
            </p>
            {signOut.error && <ErrorMessage error={signOut.error} />}
          </div>
          <DialogActions onCancel={onClose}>
            <button
              type="button"
              className="button danger"
              disabled={signOut.isPending}
              onClick={() => signOut.mutate(account.id)}
            >
              Sign out
            </button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
