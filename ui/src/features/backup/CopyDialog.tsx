import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Dialog } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import { call } from "../../ipc/backend";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { CopyMethod } from "../../ipc/bindings/CopyMethod";
import type { CopyPlan } from "../../ipc/bindings/CopyPlan";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { certificatesChanged } from "../certificates/changes";
import { certificateScope } from "../certificates/queries";
import { useVaults } from "../vaults/useVaults";
import type { CertificateDialogProps } from "./BackupDialog";
import { CertificateLink, DialogFooter } from "./DialogFooter";

const METHODS: Record<CopyMethod, string> = {
  BackupRestore: "By backup and restore",
  BackupRestoreOrExport: "By backup and restore, else by export with the key and import",
  ExportImport: "By export with the private key and import, with the policy carried over",
};

/** "Copy to vault…": pick the vault, read how the copy would go (or why not), then copy. */
export function CopyDialog({ vault, name, open, onClose }: CertificateDialogProps) {
  const titleId = useId();
  const targetId = useId();
  const queryClient = useQueryClient();
  const others = (useVaults().data ?? []).filter((other) => other.id !== vault.id);
  const [chosen, setChosen] = useState<VaultId | null>(null);
  const target = others.find((other) => other.id === chosen) ?? others[0];
  const args = target && { vault: vault.id, name, target: target.id };
  const plan = useQuery<CopyPlan, AppError>({
    queryKey: [...certificateScope(vault.id, name), "copy-plan", target?.id],
    queryFn: () => call("plan_copy", args as NonNullable<typeof args>),
    enabled: open && args !== undefined,
    staleTime: 0,
  });
  const copy = useMutation<CertificateSummary, AppError, NonNullable<typeof args>>({
    mutationFn: (args) => call("copy_certificate", args),
    onSuccess: (row, args) => certificatesChanged(queryClient, args.target, [row]),
  });
  const close = () => {
    copy.reset();
    setChosen(null);
    onClose();
  };
  const copied = copy.data && copy.variables;
  const ready = plan.data && plan.data.refused === null && !copy.isPending && !copied;

  return (
    <Dialog open={open} onClose={close} labelledBy={titleId} testId="copy-dialog">
      <div className="dialog-body">
        <h2 id={titleId}>Copy “{name}” to another vault</h2>
        {!target && <p>There is no other vault: add one first.</p>}
        {target && (
          <label className="field copy-target" htmlFor={targetId}>
            To vault
            <select
              id={targetId}
              value={target.id}
              disabled={copy.isPending || Boolean(copied)}
              onChange={(event) => {
                copy.reset();
                setChosen(Number(event.target.value));
              }}
            >
              {others.map((other) => (
                <option key={other.id} value={other.id}>
                  {other.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {plan.isFetching && <span className="skeleton" aria-busy="true" />}
        {plan.error && <ErrorMessage error={plan.error} />}
        {plan.data && !plan.isFetching && (
          <div data-testid="copy-plan">
            <p className="copy-method">{METHODS[plan.data.method]}</p>
            <p>{plan.data.explanation}</p>
            {plan.data.refused && <ErrorMessage error={plan.data.refused} />}
          </div>
        )}
        {copy.isPending && (
          <p aria-live="polite" data-testid="copy-progress">
            Copying {name} to {target?.name}…
          </p>
        )}
        {copied && (
          <output className="backup-done" data-testid="copy-done">
            Copied {name} to {others.find((o) => o.id === copied.target)?.name}.
            <CertificateLink vault={copied.target} name={name} onClick={close}>
              Open it there
            </CertificateLink>
          </output>
        )}
        {copy.error && <ErrorMessage error={copy.error} />}
      </div>
      <DialogFooter done={Boolean(copied)} onClose={close}>
        <button
          type="button"
          className="button primary"
          data-testid="copy-confirm"
          disabled={!ready}
          onClick={() => args && copy.mutate(args)}
        >
          Copy
        </button>
      </DialogFooter>
    </Dialog>
  );
}
