// The cache of the vault list, and the key prefix every per-vault resource lives under.
import { type QueryClient, queryOptions } from "@tanstack/react-query";
import { backend } from "../../ipc/backend";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";

/**
 * The prefix of every query about what one vault holds (its listing, each certificate, and
 * later its deleted certificates, issuers, contacts): dropping the vault drops them together.
 */
export const vaultScope = (vault: VaultId) => ["vault", vault] as const;

export const vaultQueries = {
  /** The user's vaults, in sidebar order. */
  list: () =>
    queryOptions<VaultEntry[], AppError>({ queryKey: ["vaults"], queryFn: backend.listVaults }),
};

/** The backend answered a change to the vault list with the new list. */
export function vaultsChanged(queryClient: QueryClient, vaults: VaultEntry[]) {
  queryClient.setQueryData(vaultQueries.list().queryKey, vaults);
}

/** A vault was added: it goes last, as the backend keeps it. */
export function vaultAdded(queryClient: QueryClient, vault: VaultEntry) {
  queryClient.setQueryData(vaultQueries.list().queryKey, (list) => [...(list ?? []), vault]);
}

/** A vault was removed: the new list replaces ours, and nothing cached about it stays. */
export function vaultRemoved(queryClient: QueryClient, vault: VaultId, vaults: VaultEntry[]) {
  vaultsChanged(queryClient, vaults);
  queryClient.removeQueries({ queryKey: vaultScope(vault) });
}
