// A row's fixes: renew and enable act here (the answer goes into the caches); edit policy, set
// contacts and open the operation go to the view that does it.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { useToast } from "../../components/Toasts";
import { call } from "../../ipc/backend";
import type { AttentionRow } from "../../ipc/bindings/AttentionRow";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { Fix } from "../../ipc/bindings/Fix";
import type { AppError } from "../../ipc/errors";
import { certificatesChanged } from "../certificates/changes";
import { policyPath } from "../policy/PolicyPage";
import { RenewButton } from "../policy/RenewButton";
import { fixLabels } from "./problems";

export function FixButtons({
  row,
  onFixed,
}: {
  row: AttentionRow;
  /** A fix went through here; `note` says what it did. */
  onFixed: (note: string) => void;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { vault, name } = row;
  const enable = useMutation<CertificateSummary, AppError, string>({
    mutationFn: (name) =>
      call("set_certificate_enabled", { vault, name, version: null, enabled: true }),
    onSuccess: (summary) => {
      certificatesChanged(queryClient, vault, [summary]);
      onFixed("Enabled");
    },
    onError: toast.error,
  });

  const button = (fix: Fix, primary: boolean) => {
    const className = `button small${primary ? " primary" : ""}`;
    const go = (path: string) => (
      <button key={fix} type="button" className={className} onClick={() => navigate(path)}>
        {fixLabels[fix]}
      </button>
    );
    if (fix === "SetContacts") return go(`/vaults/${vault}/contacts`);
    // A vault's own row (no certificate) has only the vault's fix.
    if (name === null) return null;
    switch (fix) {
      case "Renew":
        return (
          <RenewButton
            key={fix}
            vault={vault}
            name={name}
            className={className}
            onRenewed={() => onFixed("Renewal started")}
          />
        );
      case "Enable":
        return (
          <button
            key={fix}
            type="button"
            className={className}
            disabled={enable.isPending}
            onClick={() => enable.mutate(name)}
          >
            {enable.isPending ? "Enabling…" : fixLabels[fix]}
          </button>
        );
      case "EditPolicy":
        return go(policyPath(vault, name));
      case "OpenOperation":
        return go(`/vaults/${vault}/pending?${new URLSearchParams({ op: name })}`);
    }
  };

  return (
    // Clicks on the fixes are not the row's (which opens the certificate); keys never reach
    // the row from a button either.
    // biome-ignore lint/a11y/noStaticElementInteractions: only stops the click bubbling
    // biome-ignore lint/a11y/useKeyWithClickEvents: see above
    <span className="fix-buttons" onClick={(event) => event.stopPropagation()}>
      {row.fixes.map((fix, i) => button(fix, i === 0))}
    </span>
  );
}
