import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "../../ipc/backend";
import type { CertificatePolicy } from "../../ipc/bindings/CertificatePolicy";
import type { CertificateRef } from "../../ipc/bindings/CertificateRef";
import type { FieldIssue } from "../../ipc/bindings/FieldIssue";
import type { AppError } from "../../ipc/errors";
import { certificateScope } from "../certificates/queries";

// The same cache entry as the policy editor's (policy/queries.ts): read once, shared.
const policyQuery = ({ vault, name }: CertificateRef) =>
  queryOptions<CertificatePolicy, AppError>({
    queryKey: [...certificateScope(vault, name), "policy"],
    queryFn: () => call("get_policy", { vault, name }),
  });

/**
 * A certificate's policy lint (no lifetime action, >398 days public TLS, CN not in SANs…).
 * Asked only by the cells in view: a table of thousands reads the policies scrolled to.
 */
function useLint(target: CertificateRef) {
  const client = useQueryClient();
  return useQuery<FieldIssue[], AppError>({
    queryKey: [...certificateScope(target.vault, target.name), "policy-lint"],
    queryFn: async () => {
      const policy = await client.fetchQuery(policyQuery(target));
      return call("check_policy", { vault: target.vault, policy });
    },
    staleTime: 5 * 60_000,
  });
}

export function LintCell({ target }: { target: CertificateRef }) {
  const lint = useLint(target);
  if (lint.isPending) return <span className="muted">Checking…</span>;
  if (lint.error) {
    return (
      <span className="outcome-text error-text" title={lint.error.message}>
        Not checked: {lint.error.message}
      </span>
    );
  }
  const issues = lint.data;
  if (issues.length === 0) return <span className="muted">No findings</span>;
  const text = issues.map((issue) => issue.message).join(" · ");
  const errors = issues.filter((issue) => issue.severity === "Error").length;
  return (
    <span className="lint-cell" title={text}>
      <span className={`badge tone-${errors ? "danger" : "warn"}`}>
        {issues.length} finding{issues.length === 1 ? "" : "s"}
      </span>{" "}
      <span className="outcome-text">{text}</span>
    </span>
  );
}
