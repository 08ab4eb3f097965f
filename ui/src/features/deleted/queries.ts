// The cache of a vault's deleted certificates (under the vault's scope, so dropping the vault
// drops it), streamed in like the certificate listing, and the helpers that keep it in step
// with deletes, recoveries and purges instead of listing again.
//
// Key Vault lists a deleted certificate only once its deletion has settled, seconds after the
// delete. Certificates deleted here are remembered meanwhile ("settling"): the list shows them
// as being deleted and lists again every few seconds until the vault does too.
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
  /** Names deleted here that the vault does not list yet (lower-case). */
  settling: string[];
}

/** Deleted here, not yet listed by the vault: the row and when it was deleted (ms). */
type Settling = Record<string, { row: DeletedCertificate; at: number }>;

/** How long a deletion may take to be listed before the list stops waiting for it. */
const SETTLE_MS = 90_000;
/** How often a list waiting for a deletion asks again. */
const SETTLE_POLL_MS = 2_000;

const deletedKey = (vault: VaultId) => [...vaultScope(vault), "deleted"] as const;
const settlingKey = (vault: VaultId) => [...vaultScope(vault), "deleted-settling"] as const;
const key = (name: string) => name.toLowerCase();

/** The rows the vault listed, then those deleted here that it does not list yet. */
function withSettling(client: QueryClient, vault: VaultId, rows: DeletedCertificate[]) {
  const listed = new Set(rows.map((row) => key(row.summary.name)));
  const since = Date.now() - SETTLE_MS;
  const waiting = Object.entries(client.getQueryData<Settling>(settlingKey(vault)) ?? {}).filter(
    ([name, entry]) => !listed.has(name) && entry.at > since,
  );
  client.setQueryData<Settling>(settlingKey(vault), Object.fromEntries(waiting));
  return {
    rows: [...rows, ...waiting.map(([, entry]) => entry.row)],
    settling: waiting.map(([name]) => name),
  };
}

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
    client.setQueryData<DeletedListing>(queryKey, {
      rows: rows.slice(),
      complete: false,
      settling: [],
    });
  });
  return { ...withSettling(client, vault, rows), complete: true };
}

export const deletedQueries = {
  listing: (vault: VaultId) =>
    queryOptions<DeletedListing, AppError>({
      queryKey: deletedKey(vault),
      queryFn: (context) => streamDeleted(context, vault),
      staleTime: 60_000,
      refetchInterval: (query) => (query.state.data?.settling.length ? SETTLE_POLL_MS : false),
    }),
};

/** Changes the cached deleted list if there is one (a list still streaming is fetched again). */
function update(
  queryClient: QueryClient,
  vault: VaultId,
  change: (listing: DeletedListing) => DeletedListing,
) {
  const queryKey = deletedKey(vault);
  if (queryClient.isFetching({ queryKey }) > 0) {
    void queryClient.invalidateQueries({ queryKey });
    return;
  }
  queryClient.setQueryData<DeletedListing>(queryKey, (listing) => listing && change(listing));
}

/** A certificate was soft-deleted: it joins the deleted list as settling until the vault lists it. */
export function deletedAdded(
  queryClient: QueryClient,
  vault: VaultId,
  deleted: DeletedCertificate,
) {
  if (deleted.recovery_id === null) return; // Soft delete off: nothing is kept.
  const name = key(deleted.summary.name);
  queryClient.setQueryData<Settling>(settlingKey(vault), (settling) => ({
    ...settling,
    [name]: { row: deleted, at: Date.now() },
  }));
  update(queryClient, vault, (listing) => ({
    ...listing,
    rows: [...listing.rows.filter((row) => key(row.summary.name) !== name), deleted],
    settling: [...listing.settling.filter((n) => n !== name), name],
  }));
}

/** Deleted certificates were recovered or purged: they leave the deleted list. */
export function deletedRemoved(queryClient: QueryClient, vault: VaultId, names: string[]) {
  const gone = new Set(names.map(key));
  queryClient.setQueryData<Settling>(
    settlingKey(vault),
    (settling) =>
      settling && Object.fromEntries(Object.entries(settling).filter(([n]) => !gone.has(n))),
  );
  update(queryClient, vault, (listing) => ({
    ...listing,
    rows: listing.rows.filter((row) => !gone.has(key(row.summary.name))),
    settling: listing.settling.filter((n) => !gone.has(n)),
  }));
}

/** Whether `row` is deleted here but not yet listed by the vault. */
export const isSettling = (listing: DeletedListing | undefined, row: DeletedCertificate) =>
  listing?.settling.includes(key(row.summary.name)) ?? false;
