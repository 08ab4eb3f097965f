// Saving a certificate's properties: one version's enabled flag, the current version's tags.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { call } from "../../ipc/backend";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { certificatesChanged } from "../certificates/changes";
import { versionChanged } from "./cache";

/** Enables or disables one version (null: the current one). */
export function useSetEnabled(vault: VaultId, name: string) {
  const queryClient = useQueryClient();
  return useMutation<CertificateSummary, AppError, { version: string | null; enabled: boolean }>({
    mutationFn: ({ version, enabled }) =>
      call("set_certificate_enabled", { vault, name, version, enabled }),
    onSuccess: (row) => versionChanged(queryClient, vault, row),
  });
}

/** Replaces the current version's tags; resolves to the row read back after saving. */
export function useSetTags(vault: VaultId, name: string) {
  const queryClient = useQueryClient();
  return useMutation<CertificateSummary, AppError, Record<string, string>>({
    mutationFn: (tags) => call("set_certificate_tags", { vault, name, tags }),
    onSuccess: (row) => certificatesChanged(queryClient, vault, [row]),
  });
}
