import type { QueryFunctionContext, QueryKey } from "@tanstack/react-query";
import { backend } from "../../ipc/backend";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { VaultId } from "../../ipc/bindings/VaultId";
import { rowsReceived } from "../../perf";

/** A vault's certificates so far; `complete` once the backend has sent the last batch. */
export interface Listing {
  rows: CertificateSummary[];
  complete: boolean;
}

let nextRequest = 1;

/**
 * Lists the vault into the query's cache entry as batches arrive, so rows show after the
 * first one. When TanStack Query aborts the fetch (the last view using it unmounted, or a
 * refetch replaced it), the backend request is cancelled too.
 */
export async function streamListing(
  { client, queryKey, signal }: QueryFunctionContext<QueryKey>,
  vault: VaultId,
): Promise<Listing> {
  const request = nextRequest++;
  const rows: CertificateSummary[] = [];
  let frame: number | undefined;
  let expected: number | null = null;
  let allReceived = () => {};
  const received = new Promise<void>((resolve) => {
    allReceived = resolve;
  });
  const publish = () => {
    frame = undefined;
    // A copy: the cache must not see rows appear behind its back.
    client.setQueryData<Listing>(queryKey, { rows: rows.slice(), complete: false });
  };
  signal.addEventListener("abort", () => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    allReceived();
    // Nothing to tell the user if this fails: the request has ended either way.
    backend.cancelRequest(request).catch(() => {});
  });
  const onRows = (batch: CertificateSummary[]) => {
    if (signal.aborted) return;
    rowsReceived();
    // Not push(...batch): a coalesced batch can outgrow the engine's argument limit.
    for (const row of batch) rows.push(row);
    if (expected !== null && rows.length >= expected) allReceived();
    // Batches that arrive within one frame are shown together: one cache update and one
    // render (sort, filter, counts) per frame, however the backend batches.
    else frame ??= requestAnimationFrame(publish);
  };
  expected = await backend.listCertificates(vault, request, onRows);
  // The command's answer can overtake its last batches: a batch over 8 KB reaches the page
  // by a fetch of its own. The listing is complete once every row it counted is here.
  if (rows.length < expected && !signal.aborted) await received;
  if (frame !== undefined) cancelAnimationFrame(frame);
  return { rows, complete: true };
}
