import { type QueryClient, queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { backend } from "../../ipc/backend";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { rowsReceived } from "../../perf";

/** A vault's certificates so far; `complete` once the backend has sent the last page. */
export interface Listing {
  rows: CertificateSummary[];
  complete: boolean;
}

export const listingKey = (vault: VaultId) => ["certificates", vault] as const;

let nextRequest = 1;

/**
 * Lists the vault, putting each page into the query cache as it arrives so rows show after
 * the first page. When TanStack Query aborts the fetch (the last view using it unmounted, or
 * a refetch replaced it), the backend request is cancelled too.
 */
async function streamListing(
  queryClient: QueryClient,
  vault: VaultId,
  signal: AbortSignal,
): Promise<Listing> {
  const request = nextRequest++;
  const rows: CertificateSummary[] = [];
  let frame: number | undefined;
  const publish = () => {
    frame = undefined;
    queryClient.setQueryData<Listing>(listingKey(vault), { rows: rows.slice(), complete: false });
  };
  signal.addEventListener("abort", () => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    // Nothing to tell the user if this fails: the request has ended either way.
    backend.cancelRequest(request).catch(() => {});
  });
  await backend.listCertificates(vault, request, (page) => {
    if (signal.aborted) return;
    rowsReceived();
    rows.push(...page);
    // Pages that arrive within one frame are shown together: a fast stream of 400 pages
    // re-sorts and renders once per frame, not once per page.
    frame ??= requestAnimationFrame(publish);
  });
  if (frame !== undefined) cancelAnimationFrame(frame);
  return { rows, complete: true };
}

/** The one query per vault that the vault page and the expiry view share. */
export function listingQuery(queryClient: QueryClient, vault: VaultId) {
  return queryOptions<Listing, AppError>({
    queryKey: listingKey(vault),
    queryFn: ({ signal }) => streamListing(queryClient, vault, signal),
    staleTime: 5 * 60_000,
    // Every publish is a new array already; comparing 10,000 rows deeply would only cost time.
    structuralSharing: false,
  });
}

export function useListing(vault: VaultId) {
  const queryClient = useQueryClient();
  return useQuery(listingQuery(queryClient, vault));
}
