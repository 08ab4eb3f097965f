// What a change to certificates does to the cache: the rows the backend answered with go into
// the cached listing in place (re-listing a 10,000-row vault for one row would take seconds),
// and only the changed certificates' own queries are fetched again.
import type { QueryClient } from "@tanstack/react-query";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { Listing } from "./listing";
import { certificateQueries, certificateScope } from "./queries";

const nameKey = (row: CertificateSummary) => row.name.toLowerCase();

/** A row as a vault listing has it: the certificate, not one of its versions. */
function asListed(row: CertificateSummary): CertificateSummary {
  if (row.version === null) return row;
  const suffix = `/${row.version}`;
  const id = row.id.endsWith(suffix) ? row.id.slice(0, -suffix.length) : row.id;
  return { ...row, id, version: null };
}

/** Changes the cached listing, if there is one; a listing still streaming is listed again. */
function updateListing(
  queryClient: QueryClient,
  vault: VaultId,
  update: (rows: CertificateSummary[]) => CertificateSummary[],
) {
  const { queryKey } = certificateQueries.listing(vault);
  if (queryClient.isFetching({ queryKey }) > 0) {
    // Its pages may or may not hold the change, and its next publish would overwrite ours.
    void queryClient.invalidateQueries({ queryKey });
    return;
  }
  queryClient.setQueryData<Listing>(
    queryKey,
    (listing) => listing && { ...listing, rows: update(listing.rows) },
  );
}

/**
 * Certificates were created or changed (imported, …) and the backend answered with their
 * current rows: each replaces the listed row of that name, or joins the listing.
 */
export function certificatesChanged(
  queryClient: QueryClient,
  vault: VaultId,
  changed: CertificateSummary[],
) {
  if (changed.length === 0) return;
  updateListing(queryClient, vault, (rows) => {
    const fresh = new Map(changed.map((row) => [nameKey(row), asListed(row)]));
    const updated = rows.map((row) => {
      const key = nameKey(row);
      const replacement = fresh.get(key);
      if (!replacement) return row;
      fresh.delete(key);
      return replacement;
    });
    return [...updated, ...fresh.values()];
  });
  for (const row of changed) {
    void queryClient.invalidateQueries({ queryKey: certificateScope(vault, row.name) });
  }
}

/** A certificate is gone from the vault (deleted): out of the listing and the cache. */
export function certificateRemoved(queryClient: QueryClient, vault: VaultId, name: string) {
  const gone = name.toLowerCase();
  updateListing(queryClient, vault, (rows) => rows.filter((row) => nameKey(row) !== gone));
  queryClient.removeQueries({ queryKey: certificateScope(vault, name) });
}
