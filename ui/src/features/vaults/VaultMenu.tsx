import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useMatch, useNavigate } from "react-router";
import { MenuButton } from "../../components/Menu";
import { useToast } from "../../components/Toasts";
import { backend, call } from "../../ipc/backend";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import type { AppError } from "../../ipc/errors";
import { useImporter } from "../import/ImportProvider";
import { EditVaultDialog } from "./EditVaultDialog";
import { vaultRemoved } from "./queries";
import { RemoveVaultDialog } from "./RemoveVaultDialog";
import { moved, useVaultListChange } from "./useVaults";

/** The "…" menu of one vault in the sidebar. */
export function VaultMenu({ vault, vaults }: { vault: VaultEntry; vaults: VaultEntry[] }) {
  const [dialog, setDialog] = useState<"edit" | "remove" | null>(null);
  const toast = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const viewing = useMatch(`/vaults/${vault.id}`);
  const reorder = useVaultListChange(backend.reorderVaults);
  const remove = useMutation<VaultEntry[], AppError>({
    mutationFn: () => backend.removeVault(vault.id),
    onSuccess: (list) => vaultRemoved(queryClient, vault.id, list),
  });
  const importer = useImporter();
  const restore = () =>
    call("pick_backup_file", null).then(
      (path) => path && importer.restore(vault, [path]),
      toast.error,
    );
  const index = vaults.indexOf(vault);
  const move = (by: -1 | 1) =>
    reorder.mutate(moved(vaults, vault.id, by), { onError: toast.error });

  return (
    <>
      <MenuButton
        label={`Actions for ${vault.name}`}
        className="vault-menu-button"
        items={[
          { label: "Rename or recolour…", onSelect: () => setDialog("edit") },
          { label: "Restore backup…", onSelect: restore },
          { label: "Move up", onSelect: () => move(-1), disabled: index <= 0 },
          { label: "Move down", onSelect: () => move(1), disabled: index >= vaults.length - 1 },
          { label: "Remove…", onSelect: () => setDialog("remove"), danger: true },
        ]}
      />
      <EditVaultDialog vault={vault} open={dialog === "edit"} onClose={() => setDialog(null)} />
      <RemoveVaultDialog
        vault={vault}
        open={dialog === "remove"}
        onClose={() => setDialog(null)}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              setDialog(null);
              if (viewing) navigate("/");
            },
          })
        }
      />
    </>
  );
}
