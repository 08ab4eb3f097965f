// What the UI caches about policies, templates and issuers, in the style of
// certificates/queries.ts: a certificate's policy lives under its `certificateScope`, so any
// change to that certificate refetches it too.
import { queryOptions } from "@tanstack/react-query";
import { call } from "../../ipc/backend";
import type { CertificatePolicy } from "../../ipc/bindings/CertificatePolicy";
import type { IssuerSummary } from "../../ipc/bindings/IssuerSummary";
import type { PolicyTemplate } from "../../ipc/bindings/PolicyTemplate";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { certificateScope } from "../certificates/queries";
import { vaultScope } from "../vaults/queries";

export const policyQueries = {
  /** A certificate's management policy, as the service has it. */
  policy: (vault: VaultId, name: string) =>
    queryOptions<CertificatePolicy, AppError>({
      queryKey: [...certificateScope(vault, name), "policy"],
      queryFn: () => call("get_policy", { vault, name }),
    }),
};

export const templateQueries = {
  /** Built-in and the user's templates. */
  list: () =>
    queryOptions<PolicyTemplate[], AppError>({
      queryKey: ["policy-templates"],
      queryFn: () => call("list_templates", null),
      staleTime: 5 * 60_000,
    }),
};

export const issuerQueries = {
  /** The issuers configured in a vault (Self and Unknown are always there besides). */
  list: (vault: VaultId) =>
    queryOptions<IssuerSummary[], AppError>({
      queryKey: [...vaultScope(vault), "issuers"],
      queryFn: () => call("list_issuers", { vault }),
      staleTime: 5 * 60_000,
    }),
};
