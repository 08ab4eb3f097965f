import { useMutation } from "@tanstack/react-query";
import { useId } from "react";
import { Dialog } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import { call } from "../../ipc/backend";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import type { AppError } from "../../ipc/errors";
import { isLocal } from "../vaults/useVaults";
import { DialogFooter } from "./DialogFooter";

/** What the details pane gives each of its certificate dialogs. */
export interface CertificateDialogProps {
  vault: VaultEntry;
  name: string;
  open: boolean;
  onClose: () => void;
}

/** "Back up…": what a backup is and where it restores, then the native save dialog. */
export function BackupDialog({ vault, name, open, onClose }: CertificateDialogProps) {
  const titleId = useId();
  const save = useMutation<string | null, AppError>({
    mutationFn: () => call("save_backup", { vault: vault.id, name }),
  });
  const close = () => {
    save.reset();
    onClose();
  };
  const saved = save.data;
  return (
    <Dialog open={open} onClose={close} labelledBy={titleId} testId="backup-dialog">
      <div className="dialog-body">
        <h2 id={titleId}>Back up “{name}”</h2>
        <p>
          The backup holds every version of <strong>{name}</strong> with its private key, its policy
          and tags, encrypted by Key Vault: nobody can read it, not even CertDeck. The file is saved
          readable by you alone.
        </p>
        <p className="backup-rule" data-testid="backup-rule">
          {isLocal(vault)
            ? "It restores into any vault of this local vault server (drop the file on a vault, or use Restore backup… in the vault's menu). "
            : "Key Vault restores it only into a vault of the same Azure subscription and geography. "}
          A restore needs the name to be free there: no certificate, and no deleted one, named{" "}
          {name}.
        </p>
        {save.isPending && (
          <p aria-live="polite" data-testid="backup-progress">
            Backing up {name}…
          </p>
        )}
        {saved && (
          <output className="backup-done" data-testid="backup-saved">
            Saved to <span className="saved-path">{saved}</span>
          </output>
        )}
        {saved === null && (
          <p>
            <output className="muted">Nothing saved: no file was chosen.</output>
          </p>
        )}
        {save.error && <ErrorMessage error={save.error} />}
      </div>
      <DialogFooter done={Boolean(saved)} onClose={close}>
        <button
          type="button"
          className="button primary"
          data-testid="backup-save"
          disabled={save.isPending}
          onClick={() => save.mutate()}
        >
          Choose file and back up…
        </button>
      </DialogFooter>
    </Dialog>
  );
}
