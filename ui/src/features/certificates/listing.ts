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
  const publish = () => {
    frame = undefined;
    // A copy: the cache must not see rows appear behind its back.
    client.setQueryData<Listing>(queryKey, { rows: rows.slice(), complete: false });
  };
  signal.addEventListener("abort", () => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    // Nothing to tell the user if this fails: the request has ended either way.
    backend.cancelRequest(request).catch(() => {});
  });
  await backend.listCertificates(vault, request, (batch) => {
    if (signal.aborted) return;
    rowsReceived();
    rows.push(...batch);
    // Batches that arrive within one frame are shown together: a fast stream of 400 pages
    // re-sorts and renders once per frame, not once per page.
    frame ??= requestAnimationFrame(publish);
  });
  if (frame !== undefined) cancelAnimationFrame(frame);
  return { rows, complete: true };
}
