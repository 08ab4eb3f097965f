import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Dialog, DialogActions } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import { backend } from "../../ipc/backend";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import type { AppError } from "../../ipc/errors";
import { vaultColors } from "./colors";
import { vaultsChanged } from "./queries";

/** The sidebar name and label colour of a vault. */
export function EditVaultDialog({
  vault,
  open,
  onClose,
}: {
  vault: VaultEntry;
  open: boolean;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} onClose={onClose} labelledBy={`edit-${vault.id}-title`}>
      <EditVaultForm vault={vault} onClose={onClose} />
    </Dialog>
  );
}

function EditVaultForm({ vault, onClose }: { vault: VaultEntry; onClose: () => void }) {
  const [name, setName] = useState(vault.name);
  const [color, setColor] = useState(vault.color);
  const queryClient = useQueryClient();
  const save = useMutation<VaultEntry[] | null, AppError>({
    mutationFn: async () => {
      let vaults: VaultEntry[] | null = null;
      if (name.trim() !== vault.name) vaults = await backend.renameVault(vault.id, name.trim());
      if (color !== vault.color) vaults = await backend.setVaultColor(vault.id, color);
      return vaults;
    },
    onSuccess: (vaults) => {
      if (vaults) vaultsChanged(queryClient, vaults);
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <form onSubmit={submit}>
      <div className="dialog-body form">
        <h2 id={`edit-${vault.id}-title`}>Vault name and colour</h2>
        <label className="field">
          Name
          <input required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <fieldset className="swatches">
          <legend>Colour</legend>
          {[{ name: "None", value: null }, ...vaultColors].map((swatch) => (
            <label key={swatch.name} className="swatch" title={swatch.name}>
              <input
                type="radio"
                name="color"
                aria-label={swatch.name}
                checked={color === swatch.value}
                onChange={() => setColor(swatch.value)}
              />
              <span style={swatch.value ? { background: swatch.value } : undefined} />
            </label>
          ))}
        </fieldset>
        {save.error && <ErrorMessage error={save.error} />}
      </div>
      <DialogActions onCancel={onClose}>
        <button type="submit" className="button primary" disabled={save.isPending}>
          Save
        </button>
      </DialogActions>
    </form>
  );
}
