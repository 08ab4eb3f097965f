// "Start from…": built-in and user templates, a copy of any certificate's policy in any open
// vault, and saving the policy being edited as a template.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useId, useRef, useState } from "react";
import { Dialog, DialogActions } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import { type MenuItem, MenuPopup, type Point } from "../../components/Menu";
import { useToast } from "../../components/Toasts";
import { call } from "../../ipc/backend";
import type { CertificatePolicy } from "../../ipc/bindings/CertificatePolicy";
import type { PolicyTemplate } from "../../ipc/bindings/PolicyTemplate";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { certificateQueries } from "../certificates/queries";
import { useVaults } from "../vaults/useVaults";
import { policyQueries, templateQueries } from "./queries";

/** Where a policy to start from came from, for the message after applying it. */
export type PolicySource =
  | { kind: "template"; template: PolicyTemplate }
  | { kind: "copy"; vault: VaultId; name: string };

export function StartFromMenu({
  policy,
  onApply,
  defaultVault = null,
}: {
  /** The policy being edited, for "Save as template…". */
  policy: CertificatePolicy;
  onApply: (policy: CertificatePolicy, source: PolicySource) => void;
  /** The vault "Copy policy from…" opens on. */
  defaultVault?: VaultId | null;
}) {
  const templates = useQuery(templateQueries.list());
  const queryClient = useQueryClient();
  const toast = useToast();
  const remove = useMutation<PolicyTemplate[], AppError, string>({
    mutationFn: (id) => call("delete_template", { id }),
    onSuccess: (rest) => queryClient.setQueryData(templateQueries.list().queryKey, rest),
    onError: toast.error,
  });
  const [at, setAt] = useState<Point | null>(null);
  const [dialog, setDialog] = useState<"copy" | "save" | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setAt(null);
    button.current?.focus();
  }, []);
  const list = templates.data ?? [];
  const items: MenuItem[] = [
    ...[...list.filter((t) => t.builtin), ...list.filter((t) => !t.builtin)].map((template) => ({
      label: `${template.builtin ? "Template" : "My template"}: ${template.name}`,
      onSelect: () => onApply(template.policy, { kind: "template", template }),
    })),
    ...(templates.isPending
      ? [{ label: "Loading templates…", onSelect: () => {}, disabled: true }]
      : []),
    ...(templates.error
      ? [
          {
            label: `Templates unavailable: ${templates.error.message}`,
            onSelect: () => {},
            disabled: true,
          },
        ]
      : []),
    { label: "Copy policy from another certificate…", onSelect: () => setDialog("copy") },
    { label: "Save as template…", onSelect: () => setDialog("save") },
    ...list
      .filter((t) => !t.builtin)
      .map((template) => ({
        label: `Delete my template: ${template.name}`,
        onSelect: () => remove.mutate(template.id),
        danger: true,
      })),
  ];
  return (
    <>
      <button
        ref={button}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={at !== null}
        onClick={(event) => {
          const rect = event.currentTarget.getBoundingClientRect();
          setAt((open) => (open ? null : { x: rect.left, y: rect.bottom + 4 }));
        }}
      >
        Start from…
      </button>
      {at && (
        <MenuPopup label="Start from" items={items} at={at} onClose={close} trigger={button} />
      )}
      {dialog === "copy" && (
        <CopyPolicyDialog
          defaultVault={defaultVault}
          onClose={() => setDialog(null)}
          onCopy={(copied, vault, name) => {
            setDialog(null);
            onApply(copied, { kind: "copy", vault, name });
          }}
        />
      )}
      {dialog === "save" && <SaveTemplateDialog policy={policy} onClose={() => setDialog(null)} />}
    </>
  );
}

/** Pick a vault, then one of its (cached) certificates, and fetch its policy. */
export function CopyPolicyDialog({
  defaultVault,
  onCopy,
  onClose,
}: {
  defaultVault: VaultId | null;
  onCopy: (policy: CertificatePolicy, vault: VaultId, name: string) => void;
  onClose: () => void;
}) {
  const titleId = useId();
  const vaultId = useId();
  const certId = useId();
  const vaults = useVaults();
  const queryClient = useQueryClient();
  const [vault, setVault] = useState<VaultId | null>(defaultVault);
  const chosenVault = vault ?? vaults.data?.[0]?.id ?? null;
  const listing = useQuery({
    ...certificateQueries.listing(chosenVault ?? -1),
    enabled: chosenVault !== null,
  });
  const rows = listing.data?.rows ?? [];
  const [name, setName] = useState("");
  const chosenName = rows.some((row) => row.name === name) ? name : (rows[0]?.name ?? "");
  const copy = useMutation<CertificatePolicy, AppError>({
    mutationFn: () =>
      queryClient.fetchQuery(policyQueries.policy(chosenVault as VaultId, chosenName)),
    onSuccess: (policy) => onCopy(policy, chosenVault as VaultId, chosenName),
  });
  return (
    <Dialog open onClose={onClose} labelledBy={titleId} testId="copy-policy-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          copy.mutate();
        }}
      >
        <div className="dialog-body form">
          <h2 id={titleId}>Copy a policy</h2>
          <p className="muted">The editor takes every field of the chosen certificate's policy.</p>
          <label className="field" htmlFor={vaultId}>
            Vault
            <select
              id={vaultId}
              value={chosenVault ?? ""}
              onChange={(event) => {
                setVault(Number(event.target.value));
                setName("");
              }}
            >
              {(vaults.data ?? []).map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field" htmlFor={certId}>
            Certificate
            {listing.isPending && chosenVault !== null ? (
              <span className="skeleton" aria-busy="true" />
            ) : (
              <select
                id={certId}
                value={chosenName}
                onChange={(event) => setName(event.target.value)}
                disabled={rows.length === 0}
              >
                {rows.map((row) => (
                  <option key={row.name} value={row.name}>
                    {row.name}
                  </option>
                ))}
              </select>
            )}
            {listing.data && rows.length === 0 && (
              <small>
                {listing.data.complete ? "This vault has no certificates." : "Listing…"}
              </small>
            )}
          </label>
          {listing.error && <ErrorMessage error={listing.error} />}
          {copy.error && <ErrorMessage error={copy.error} />}
        </div>
        <DialogActions onCancel={onClose}>
          <button type="submit" className="button primary" disabled={!chosenName || copy.isPending}>
            {copy.isPending ? "Copying…" : "Copy policy"}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Saves `policy` as a user template; the answer (every template) replaces the cached list. */
export function SaveTemplateDialog({
  policy,
  onClose,
}: {
  policy: CertificatePolicy;
  onClose: () => void;
}) {
  const titleId = useId();
  const nameId = useId();
  const descriptionId = useId();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const queryClient = useQueryClient();
  const save = useMutation<PolicyTemplate[], AppError>({
    mutationFn: () =>
      call("save_template", { name: name.trim(), description: description.trim(), policy }),
    onSuccess: (templates) => {
      queryClient.setQueryData(templateQueries.list().queryKey, templates);
      onClose();
    },
  });
  return (
    <Dialog open onClose={onClose} labelledBy={titleId} testId="save-template-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) save.mutate();
        }}
      >
        <div className="dialog-body form">
          <h2 id={titleId}>Save as template</h2>
          <label className="field" htmlFor={nameId}>
            Name
            <input
              id={nameId}
              value={name}
              required
              onChange={(event) => setName(event.target.value)}
            />
          </label>
          <label className="field" htmlFor={descriptionId}>
            Description
            <input
              id={descriptionId}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
            <small>What the template is for.</small>
          </label>
          {save.error && <ErrorMessage error={save.error} />}
        </div>
        <DialogActions onCancel={onClose}>
          <button
            type="submit"
            className="button primary"
            disabled={!name.trim() || save.isPending}
          >
            Save template
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
