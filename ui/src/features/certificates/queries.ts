// What the UI caches about certificates, and under which keys. Each resource is one factory;
// the next ones (policy, pending operation, deleted certificates) slot in the same way, under
// `certificateScope` when they belong to one certificate, else under `vaultScope`.
import { queryOptions } from "@tanstack/react-query";
import { backend } from "../../ipc/backend";
import type { CertificateDetails } from "../../ipc/bindings/CertificateDetails";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { vaultScope } from "../vaults/queries";
import { type Listing, streamListing } from "./listing";

/**
 * The prefix of every query about one certificate, so a change to it refetches them all.
 * Key Vault names ignore case, and so does the key.
 */
export const certificateScope = (vault: VaultId, name: string) =>
  [...vaultScope(vault), "certificate", name.toLowerCase()] as const;

export const certificateQueries = {
  /** A vault's certificates, streamed in; the one query the vault page and expiry view share. */
  listing: (vault: VaultId) =>
    queryOptions<Listing, AppError>({
      queryKey: [...vaultScope(vault), "certificates"],
      queryFn: (context) => streamListing(context, vault),
      staleTime: 5 * 60_000,
      // Every publish is a new array already; comparing 10,000 rows deeply would only cost time.
      structuralSharing: false,
    }),
  /** One version of a certificate in full; null version is the current one. */
  details: (vault: VaultId, name: string, version: string | null) =>
    queryOptions<CertificateDetails, AppError>({
      queryKey: [...certificateScope(vault, name), "details", version],
      queryFn: () => backend.getCertificate(vault, name, version),
    }),
  versions: (vault: VaultId, name: string) =>
    queryOptions<CertificateSummary[], AppError>({
      queryKey: [...certificateScope(vault, name), "versions"],
      queryFn: () => backend.listVersions(vault, name),
    }),
};
