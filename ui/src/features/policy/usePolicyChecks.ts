import { useEffect, useState } from "react";
import { call } from "../../ipc/backend";
import type { CertificatePolicy } from "../../ipc/bindings/CertificatePolicy";
import type { FieldIssue } from "../../ipc/bindings/FieldIssue";
import type { VaultId } from "../../ipc/bindings/VaultId";
import { type AppError, toAppError } from "../../ipc/errors";

/** How long typing settles before the policy is checked. */
export const CHECK_DELAY_MS = 250;

export interface PolicyChecks {
  /** The issues of the last policy checked; kept while the next check runs. */
  issues: FieldIssue[];
  /** A check is waiting or running, so `issues` may be about an older policy. */
  checking: boolean;
  /** The last check failed (the policy is then checked only by the service, on save). */
  error: AppError | null;
}

/**
 * check_policy on `policy`, debounced: the issues the service would refuse (Error) and lint
 * (Warning), by field. A failed check counts as no issues, with its error (saving still asks
 * the service).
 */
export function usePolicyChecks(vault: VaultId | null, policy: CertificatePolicy | null) {
  const [state, setState] = useState<PolicyChecks>({
    issues: [],
    checking: policy !== null,
    error: null,
  });

  useEffect(() => {
    if (!policy) {
      setState({ issues: [], checking: false, error: null });
      return;
    }
    let live = true;
    setState((current) => (current.checking ? current : { ...current, checking: true }));
    const timer = window.setTimeout(() => {
      call("check_policy", { vault, policy }).then(
        (issues) => live && setState({ issues, checking: false, error: null }),
        (error) => live && setState({ issues: [], checking: false, error: toAppError(error) }),
      );
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [vault, policy]);

  return state;
}
