// A pending operation as the create dialog and the details pane show it, and the cache
// changes that follow from it.
import type { QueryClient } from "@tanstack/react-query";
import { backend } from "../../ipc/backend";
import type { OperationStatus } from "../../ipc/bindings/OperationStatus";
import type { PendingOperation } from "../../ipc/bindings/PendingOperation";
import type { VaultId } from "../../ipc/bindings/VaultId";
import { certificatesChanged } from "../certificates/changes";
import { certificateScope } from "../certificates/queries";
import { SELF_ISSUER, UNKNOWN_ISSUER } from "../policy/policy";

const statusLabels: Record<string, string> = {
  inProgress: "In progress",
  completed: "Completed",
  cancelled: "Cancelled",
  failed: "Failed",
};

export const statusLabel = (status: OperationStatus) =>
  statusLabels[status] ?? (status || "Unknown");

/** Who signs, in words. */
export function issuerLabel(issuer: string | null): string {
  if (issuer === null || issuer === SELF_ISSUER) return "Self-signed";
  if (issuer === UNKNOWN_ISSUER) return "Your certificate authority (CSR to merge)";
  return issuer;
}

/** The operation waits for a certificate signed for its CSR to be merged. */
export const awaitsMerge = (operation: PendingOperation) =>
  operation.status === "inProgress" &&
  !operation.cancellation_requested &&
  operation.issuer === UNKNOWN_ISSUER;

/** The service is still working on it: worth watching. */
export const isLive = (operation: PendingOperation) =>
  operation.status === "inProgress" && !operation.cancellation_requested && !awaitsMerge(operation);

/** Key Vault keeps a cancelled operation `inProgress` until it is deleted. */
export const isCancelled = (operation: PendingOperation) =>
  operation.status === "cancelled" || operation.cancellation_requested;

/** The cache key of a certificate's pending operation: under its scope, so changes refetch it. */
export const operationKey = (vault: VaultId, name: string) =>
  [...certificateScope(vault, name), "operation"] as const;

/**
 * Fetches the certificate's current row and puts it into the cached listing (no re-list): a
 * certificate whose operation has not issued anything yet has no row to answer with.
 */
export function refreshRow(queryClient: QueryClient, vault: VaultId, name: string) {
  return backend.getCertificate(vault, name, null).then(
    (details) => certificatesChanged(queryClient, vault, [details.summary]),
    // The listing keeps what it had; the next refresh shows the certificate.
    () => {},
  );
}

/** m:ss (or h:mm:ss) since `since`. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}`
    : `${minutes}:${seconds}`;
}
