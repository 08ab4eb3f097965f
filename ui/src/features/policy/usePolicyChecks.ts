import { useEffect, useState } from "react";
import { call } from "../../ipc/backend";
import type { CertificatePolicy } from "../../ipc/bindings/CertificatePolicy";
import type { FieldIssue } from "../../ipc/bindings/FieldIssue";
import type { VaultId } from "../../ipc/bindings/VaultId";

/** How long typing settles before the policy is checked. */
export const CHECK_DELAY_MS = 250;

export interface PolicyChecks {
  /** The issues of the last policy checked; kept while the next check runs. */
  issues: FieldIssue[];
  /** A check is waiting or running, so `issues` may be about an older policy. */
  checking: boolean;
}

/**
 * check_policy on `policy`, debounced: the issues the service would refuse (Error) and lint
 * (Warning), by field. A failed check counts as no issues (saving still asks the service).
 */
export function usePolicyChecks(vault: VaultId | null, policy: CertificatePolicy | null) {
  const [state, setState] = useState<PolicyChecks>({ issues: [], checking: policy !== null });

  useEffect(() => {
    if (!policy) {
      setState({ issues: [], checking: false });
      return;
    }
    let live = true;
    setState((current) => (current.checking ? current : { ...current, checking: true }));
    const timer = window.setTimeout(() => {
      call("check_policy", { vault, policy }).then(
        (issues) => live && setState({ issues, checking: false }),
        () => live && setState({ issues: [], checking: false }),
      );
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [vault, policy]);

  return state;
}
