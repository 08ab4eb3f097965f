import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "react-router";
import { Dialog, DialogActions } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toasts";
import { call } from "../../ipc/backend";
import type { DeletedCertificate } from "../../ipc/bindings/DeletedCertificate";
import type { DeleteExplanation } from "../../ipc/bindings/DeleteExplanation";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import type { AppError } from "../../ipc/errors";
import { certificateRemoved } from "../certificates/changes";
import { formatDate } from "../certificates/dates";
import { certificateScope } from "../certificates/queries";
import { deletedAdded } from "./queries";

/** "Delete…" in a certificate's details: what the delete will do, then the delete itself. */
export function DeleteCertificate({
  vault,
  name,
  onDeleted,
}: {
  vault: VaultEntry;
  name: string;
  onDeleted: () => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button small danger"
        data-testid="delete-certificate"
        onClick={() => setOpen(true)}
      >
        Delete…
      </button>
      <DeleteDialog
        vault={vault}
        name={name}
        open={open}
        onClose={() => setOpen(false)}
        onDeleted={onDeleted}
      />
    </>
  );
}

function DeleteDialog({
  vault,
  name,
  open,
  onClose,
  onDeleted,
}: {
  vault: VaultEntry;
  name: string;
  open: boolean;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const titleId = useId();
  const queryClient = useQueryClient();
  const toast = useToast();
  const explanation = useQuery<DeleteExplanation, AppError>({
    queryKey: [...certificateScope(vault.id, name), "explain-delete"],
    queryFn: () => call("explain_delete", { vault: vault.id, name }),
    enabled: open,
    staleTime: 0,
  });
  const remove = useMutation<DeletedCertificate, AppError>({
    mutationFn: () => call("delete_certificate", { vault: vault.id, name }),
    onSuccess: (deleted) => {
      certificateRemoved(queryClient, vault.id, name);
      deletedAdded(queryClient, vault.id, deleted);
      toast.info(
        deleted.recovery_id ? `Deleted ${name}: it is in Deleted` : `Deleted ${name} for good`,
      );
      onClose();
      onDeleted();
    },
  });
  return (
    <Dialog open={open} onClose={onClose} labelledBy={titleId} testId="delete-dialog">
      <div className="dialog-body">
        <h2 id={titleId}>Delete “{name}”?</h2>
        {explanation.isPending && <span className="skeleton" aria-busy="true" />}
        {explanation.error && <ErrorMessage error={explanation.error} />}
        {explanation.data && <Consequence told={explanation.data} vault={vault} />}
        {remove.error && <ErrorMessage error={remove.error} />}
      </div>
      <DialogActions onCancel={onClose}>
        <button
          type="button"
          className="button danger"
          data-testid="delete-confirm"
          disabled={!explanation.data || remove.isPending}
          onClick={() => remove.mutate()}
        >
          {explanation.data?.recoverable === false ? "Delete for good" : "Delete"}
        </button>
      </DialogActions>
    </Dialog>
  );
}

/** What the delete does, in words, from the vault's recovery level and retention. */
function Consequence({ told, vault }: { told: DeleteExplanation; vault: VaultEntry }) {
  const level = told.settings.recovery_level ?? "unknown";
  if (!told.recoverable) {
    return (
      <p data-testid="delete-consequence">
        Soft delete is off in {vault.name} (recovery level {level}): <strong>{told.name}</strong>,
        its key and its secret are deleted at once and <strong>cannot be recovered</strong>.
      </p>
    );
  }
  const until =
    told.purge_on === null ? "the end of the retention period" : formatDate(told.purge_on);
  return (
    <div data-testid="delete-consequence">
      <p>
        <strong>{told.name}</strong>, its key and its secret are soft-deleted. You can recover them
        from <Link to={`/vaults/${vault.id}/deleted`}>Deleted</Link> until <strong>{until}</strong>
        {told.settings.recoverable_days !== null &&
          ` (${vault.name} keeps deleted certificates ${told.settings.recoverable_days} days)`}
        ; then Key Vault purges them. Meanwhile the name cannot be reused.
      </p>
      <p className="muted" data-testid="delete-purge-note">
        {told.purge_protected
          ? `Purge protection is on (recovery level ${level}): nobody can purge it before ${until}.`
          : `Recovery level ${level}: you can also purge it from Deleted before then.`}
      </p>
    </div>
  );
}
