// "Renew now": after a confirmation, asks Key Vault for the certificate's next version under
// its saved policy. A toast says it started; the operation is watched while the button is
// shown, and when it ends the certificate's cached queries (versions, details, listing) are
// fetched again, so the new version appears without a refresh.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Dialog, DialogActions } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import { RefreshIcon } from "../../components/icons";
import { useToast } from "../../components/Toasts";
import { call } from "../../ipc/backend";
import type { PendingOperation } from "../../ipc/bindings/PendingOperation";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { certificateQueries, certificateScope } from "../certificates/queries";
import { useOperationWatch } from "../create/useOperationWatch";

export function RenewButton({
  vault,
  name,
  unsaved = false,
  className = "button",
  onRenewed,
}: {
  vault: VaultId;
  name: string;
  /** The editor has changes not saved yet: renewal uses the saved policy, say so. */
  unsaved?: boolean;
  className?: string;
  /** After the renewal started (the needs-attention inbox marks its row). */
  onRenewed?: (operation: PendingOperation) => void;
}) {
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const queryClient = useQueryClient();
  const toast = useToast();
  const refetch = () => {
    void queryClient.invalidateQueries({ queryKey: certificateScope(vault, name) });
    void queryClient.invalidateQueries({ queryKey: certificateQueries.listing(vault).queryKey });
  };
  const renew = useMutation<PendingOperation, AppError>({
    mutationFn: () => call("renew_certificate", { vault, name }),
    onSuccess: (operation) => {
      setOpen(false);
      refetch();
      const status = operation.status_details ?? operation.status;
      toast.info(`Renewal of ${name} started: ${status}`);
      onRenewed?.(operation);
    },
  });
  useOperationWatch(vault, name, renew.isSuccess, (outcome) => {
    refetch();
    if (outcome.outcome === "Issued") toast.info(`${name} renewed: its new version is current.`);
    else if (outcome.outcome === "Failed") {
      const why = outcome.operation.error?.message ?? outcome.operation.status_details;
      toast.error({
        code: "Service",
        message: `Renewal of ${name} failed${why ? `: ${why}` : "."}`,
        hint: "Open the certificate's pending operation for its details, or renew again.",
      });
    }
  });
  return (
    <>
      <button
        type="button"
        className={className}
        onClick={() => {
          renew.reset();
          setOpen(true);
        }}
      >
        <RefreshIcon />
        Renew now
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} labelledBy={titleId}>
        <div className="dialog-body">
          <h2 id={titleId}>Renew “{name}” now?</h2>
          <p className="muted">
            Key Vault issues a new version under the certificate's saved policy. The current version
            stays valid until it expires.
          </p>
          {unsaved && (
            <p className="field-issue warning">
              Your unsaved policy changes do not apply to this renewal; save them first if they
              should.
            </p>
          )}
          {renew.error && <ErrorMessage error={renew.error} />}
        </div>
        <DialogActions onCancel={() => setOpen(false)}>
          <button
            type="button"
            className="button primary"
            disabled={renew.isPending}
            onClick={() => renew.mutate()}
          >
            {renew.isPending ? "Renewing…" : "Renew"}
          </button>
        </DialogActions>
      </Dialog>
    </>
  );
}
