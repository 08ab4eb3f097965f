// The cache of a vault's deleted certificates (under the vault's scope, so dropping the vault
// drops it), streamed in like the certificate listing, and the helpers that keep it in step
// with deletes, recoveries and purges instead of listing again.
import { type QueryClient, type QueryFunctionContext, queryOptions } from "@tanstack/react-query";
import { stream } from "../../ipc/backend";
import type { DeletedCertificate } from "../../ipc/bindings/DeletedCertificate";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { vaultScope } from "../vaults/queries";
import { cancelOnAbort, nextRequest } from "./requests";

/** A vault's deleted certificates so far; `complete` once the last page is in. */
export interface DeletedListing {
  rows: DeletedCertificate[];
  complete: boolean;
}

const deletedKey = (vault: VaultId) => [...vaultScope(vault), "deleted"] as const;

async function streamDeleted(
  { client, queryKey, signal }: QueryFunctionContext,
  vault: VaultId,
): Promise<DeletedListing> {
  const request = nextRequest();
  cancelOnAbort(signal, request);
  const rows: DeletedCertificate[] = [];
  await stream("list_deleted_certificates", { vault, request }, (page) => {
    if (signal.aborted) return;
    for (const row of page) rows.push(row);
    client.setQueryData<DeletedListing>(queryKey, { rows: rows.slice(), complete: false });
  });
  return { rows, complete: true };
}

export const deletedQueries = {
  listing: (vault: VaultId) =>
    queryOptions<DeletedListing, AppError>({
      queryKey: deletedKey(vault),
      queryFn: (context) => streamDeleted(context, vault),
      staleTime: 60_000,
    }),
};

const key = (name: string) => name.toLowerCase();

/** Changes the cached deleted list if there is one (a list still streaming is fetched again). */
function update(
  queryClient: QueryClient,
  vault: VaultId,
  change: (rows: DeletedCertificate[]) => DeletedCertificate[],
) {
  const queryKey = deletedKey(vault);
  if (queryClient.isFetching({ queryKey }) > 0) {
    void queryClient.invalidateQueries({ queryKey });
    return;
  }
  queryClient.setQueryData<DeletedListing>(
    queryKey,
    (listing) => listing && { ...listing, rows: change(listing.rows) },
  );
}

/** A certificate was soft-deleted: it joins the vault's deleted list (replacing an older entry). */
export function deletedAdded(
  queryClient: QueryClient,
  vault: VaultId,
  deleted: DeletedCertificate,
) {
  if (deleted.recovery_id === null) return; // Soft delete off: nothing is kept.
  const name = key(deleted.summary.name);
  update(queryClient, vault, (rows) => [
    ...rows.filter((row) => key(row.summary.name) !== name),
    deleted,
  ]);
}

/** Deleted certificates were recovered or purged: they leave the deleted list. */
export function deletedRemoved(queryClient: QueryClient, vault: VaultId, names: string[]) {
  const gone = new Set(names.map(key));
  update(queryClient, vault, (rows) => rows.filter((row) => !gone.has(key(row.summary.name))));
}
