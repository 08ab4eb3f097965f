import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { vaultQueries, vaultsChanged } from "./queries";

export function useVaults() {
  return useQuery(vaultQueries.list());
}

export const isLocal = (vault: VaultEntry) => vault.credential.kind === "local_vault";

/** A change to the vault list; the backend answers with the new list, which replaces ours. */
export function useVaultListChange<Args>(change: (args: Args) => Promise<VaultEntry[]>) {
  const queryClient = useQueryClient();
  return useMutation<VaultEntry[], AppError, Args>({
    mutationFn: change,
    onSuccess: (vaults) => vaultsChanged(queryClient, vaults),
  });
}

/** The vault ids with `id` moved one place up or down. */
export function moved(vaults: VaultEntry[], id: VaultId, by: -1 | 1): VaultId[] {
  const order = vaults.map((vault) => vault.id);
  const from = order.indexOf(id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= order.length) return order;
  [order[from], order[to]] = [order[to] as VaultId, order[from] as VaultId];
  return order;
}
