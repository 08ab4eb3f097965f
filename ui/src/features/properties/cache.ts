// What a change of one version's properties does to the cache: the versions list takes the
// row the backend answered with; the listing does too when it is the current version (the row
// a listing shows); nothing is listed again.
import type { QueryClient } from "@tanstack/react-query";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { VaultId } from "../../ipc/bindings/VaultId";
import { certificatesChanged } from "../certificates/changes";
import { certificateQueries } from "../certificates/queries";

/** The newest version is the one the vault serves. */
export const currentOf = (versions: CertificateSummary[]) =>
  versions.reduce<CertificateSummary | undefined>(
    (newest, v) => (newest && (newest.created ?? 0) >= (v.created ?? 0) ? newest : v),
    undefined,
  );

/** `row` (one version, as stored) replaces its cached copies. */
export function versionChanged(queryClient: QueryClient, vault: VaultId, row: CertificateSummary) {
  const versionsKey = certificateQueries.versions(vault, row.name).queryKey;
  const versions = queryClient.getQueryData(versionsKey);
  if (!versions || currentOf(versions)?.version === row.version) {
    certificatesChanged(queryClient, vault, [row]);
    return;
  }
  queryClient.setQueryData(
    versionsKey,
    versions.map((v) => (v.version === row.version ? row : v)),
  );
  void queryClient.invalidateQueries({
    queryKey: certificateQueries.details(vault, row.name, row.version).queryKey,
  });
}
