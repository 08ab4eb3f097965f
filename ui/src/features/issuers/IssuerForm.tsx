import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { CloseIcon } from "../../components/icons";
import { useToast } from "../../components/Toasts";
import { call } from "../../ipc/backend";
import type { FieldIssue } from "../../ipc/bindings/FieldIssue";
import type { IssuerAdmin } from "../../ipc/bindings/IssuerAdmin";
import type { IssuerDetails } from "../../ipc/bindings/IssuerDetails";
import type { IssuerInput } from "../../ipc/bindings/IssuerInput";
import type { VaultId } from "../../ipc/bindings/VaultId";
import { type AppError, toAppError } from "../../ipc/errors";
import { PeopleRows, type PersonColumn } from "../contacts/PeopleRows";
import { Check } from "../policy/Check";
import { EditorContext, FieldNotes, Labelled, useField } from "../policy/fields";
import { issuesAt } from "../policy/issues";
import { needsAccount, PROVIDERS } from "./providers";
import { issuerDeleted, issuerDetailsQuery, issuerSaved } from "./queries";
import "../contacts/people.css";
import "../create/create.css";
import "../policy/policy.css";

const ADMIN_COLUMNS: PersonColumn<IssuerAdmin>[] = [
  { key: "first_name", label: "First name", type: "text" },
  { key: "last_name", label: "Last name", type: "text" },
  { key: "email", label: "E-mail", type: "email", placeholder: "admin@contoso.com" },
  { key: "phone", label: "Phone", type: "tel" },
];

const BLANK_ADMIN: IssuerAdmin = { first_name: "", last_name: "", email: "", phone: "" };

/** The form's state: the password is only ever what the user typed here. */
type Draft = Omit<IssuerInput, "password"> & { name: string; password: string };

const draftOf = (issuer: IssuerDetails | null): Draft => ({
  name: issuer?.name ?? "",
  provider: issuer?.provider ?? PROVIDERS[0].value,
  account_id: issuer?.account_id ?? "",
  password: "",
  organization_id: issuer?.organization_id ?? "",
  admins: issuer?.admins ?? [],
  enabled: issuer?.enabled ?? true,
});

/** The pane that edits issuer `name`, or creates one when `name` is null. */
export function IssuerEditor({
  vault,
  name,
  onSaved,
  onClose,
}: {
  vault: VaultId;
  name: string | null;
  onSaved: (name: string) => void;
  onClose: () => void;
}) {
  const details = useQuery({ ...issuerDetailsQuery(vault, name ?? ""), enabled: name !== null });
  return (
    <aside
      className="details"
      data-testid="issuer-pane"
      aria-label={name ? `Issuer ${name}` : "New issuer"}
    >
      <header className="details-header">
        <h2>{name ?? "New issuer"}</h2>
        <button
          type="button"
          className="button icon-button ghost"
          aria-label="Close"
          data-tooltip="Close"
          onClick={onClose}
        >
          <CloseIcon />
        </button>
      </header>
      <div className="details-scroll">
        {name !== null && details.isPending && <span className="skeleton" aria-busy="true" />}
        {details.error && <ErrorMessage error={details.error} />}
        {(name === null || details.data) && (
          <IssuerForm
            vault={vault}
            stored={details.data ?? null}
            onSaved={onSaved}
            onDeleted={onClose}
          />
        )}
      </div>
    </aside>
  );
}

function IssuerForm({
  vault,
  stored,
  onSaved,
  onDeleted,
}: {
  vault: VaultId;
  /** Null for a new issuer. */
  stored: IssuerDetails | null;
  onSaved: (name: string) => void;
  onDeleted: () => void;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const idPrefix = useId();
  const [draft, setDraft] = useState(() => draftOf(stored));
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const creating = stored === null;
  const edit = (change: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setIssues((current) =>
      current.filter((issue) => !Object.keys(change).some((key) => issue.field.startsWith(key))),
    );
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    const { name, password, ...rest } = draft;
    try {
      const saved = await call("save_issuer", {
        vault,
        name: name.trim(),
        issuer: { ...rest, password: password === "" ? null : password },
        create: creating,
      });
      if (saved.outcome === "Refused") {
        setIssues(saved.issues);
      } else {
        issuerSaved(queryClient, vault, saved.value);
        setDraft(draftOf(saved.value));
        setIssues([]);
        toast.info(`${creating ? "Created" : "Saved"} issuer ${saved.value.name}`);
        onSaved(saved.value.name);
      }
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <EditorContext.Provider value={{ issues, stored: [], idPrefix, disabled: busy }}>
      <form
        className="issuer-form"
        data-testid="issuer-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {creating && (
          <TextField
            field="name"
            label="Name"
            hint="What policies name as their issuer: letters, digits and '-'."
            value={draft.name}
            onChange={(name) => edit({ name })}
          />
        )}
        <ProviderField value={draft.provider} onChange={(provider) => edit({ provider })} />
        <TextField
          field="account_id"
          label="Account id"
          hint={
            needsAccount(draft.provider)
              ? "Your account at the provider."
              : "If the provider uses one."
          }
          value={draft.account_id}
          onChange={(account_id) => edit({ account_id })}
        />
        <PasswordField
          creating={creating}
          value={draft.password}
          onChange={(password) => edit({ password })}
        />
        <TextField
          field="organization_id"
          label="Organisation id"
          hint="Your organisation's id at the provider, if it gave you one."
          value={draft.organization_id}
          onChange={(organization_id) => edit({ organization_id })}
        />
        <fieldset className="policy-subsection">
          <legend>Administrators</legend>
          <small className="muted">Whom the provider contacts about this account.</small>
          <PeopleRows
            field="admins"
            rows={draft.admins}
            columns={ADMIN_COLUMNS}
            blank={BLANK_ADMIN}
            onChange={(admins) => edit({ admins })}
            itemLabel="Administrator"
            addLabel="Add administrator"
          />
        </fieldset>
        <EnabledField checked={draft.enabled} onChange={(enabled) => edit({ enabled })} />
        <FieldNotes issues={issuesAt(issues, "")} />
        {error && <ErrorMessage error={error} />}
        <div className="settings-actions">
          <button
            type="submit"
            className="button primary"
            data-testid="issuer-save"
            disabled={busy}
          >
            {busy ? "Saving…" : creating ? "Create issuer" : "Save issuer"}
          </button>
          {stored && <DeleteIssuer vault={vault} name={stored.name} onDeleted={onDeleted} />}
        </div>
      </form>
    </EditorContext.Provider>
  );
}

function TextField({
  field,
  label,
  hint,
  value,
  onChange,
}: {
  field: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const f = useField(field);
  return (
    <Labelled label={label} field={f} hint={hint}>
      <input
        id={f.id}
        type="text"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...f.inputProps}
      />
    </Labelled>
  );
}

function ProviderField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const f = useField("provider");
  const known = PROVIDERS.some((p) => p.value === value);
  return (
    <Labelled label="Provider" field={f}>
      <select
        id={f.id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...f.inputProps}
      >
        {!known && <option value={value}>{value || "Choose…"}</option>}
        {PROVIDERS.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

/** Write-only: Key Vault never returns it, so the form never shows one. */
function PasswordField({
  creating,
  value,
  onChange,
}: {
  creating: boolean;
  value: string;
  onChange: (value: string) => void;
}) {
  const f = useField("password");
  const state = value
    ? creating
      ? "set when you create the issuer"
      : "replaced when you save"
    : creating
      ? "none"
      : "unchanged";
  return (
    <Labelled
      label={
        <>
          Password{" "}
          <span className="badge" data-testid="password-state">
            {state}
          </span>
        </>
      }
      field={f}
      hint="Key Vault keeps it and never returns it: type one to set or replace it."
    >
      <input
        id={f.id}
        type="password"
        autoComplete="new-password"
        placeholder={creating ? "" : "Unchanged"}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...f.inputProps}
      />
    </Labelled>
  );
}

function EnabledField({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <Check
      field={useField("enabled")}
      checked={checked}
      onChange={onChange}
      label="Enabled"
      hint="A disabled issuer signs nothing: policies naming it cannot get certificates."
    />
  );
}

/** Deleting, confirmed in place with what it may break. */
function DeleteIssuer({
  vault,
  name,
  onDeleted,
}: {
  vault: VaultId;
  name: string;
  onDeleted: () => void;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const box = useRef<HTMLDivElement>(null);
  // The question opens at the foot of a scrolled pane: bring it into view.
  useEffect(() => {
    if (asking) box.current?.scrollIntoView?.({ block: "nearest" });
  }, [asking]);
  const remove = () => {
    setBusy(true);
    setError(null);
    call("delete_issuer", { vault, name }).then(
      () => {
        issuerDeleted(queryClient, vault, name);
        toast.info(`Deleted issuer ${name}`);
        onDeleted();
      },
      (err) => {
        setBusy(false);
        setError(toAppError(err));
      },
    );
  };
  if (!asking) {
    return (
      <button
        type="button"
        className="button danger"
        data-testid="issuer-delete"
        onClick={() => setAsking(true)}
      >
        Delete…
      </button>
    );
  }
  return (
    <div className="confirm-box" data-testid="issuer-delete-confirm" ref={box}>
      <p>
        Policies that name <strong>{name}</strong> may still use it: their renewals and new versions
        would then fail. CertDeck does not read every certificate's policy to count them (one
        request each), so check before deleting.
      </p>
      {error && <ErrorMessage error={error} />}
      <div className="choice-buttons">
        <button type="button" className="button danger" disabled={busy} onClick={remove}>
          Delete issuer {name}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => setAsking(false)}>
          Keep it
        </button>
      </div>
    </div>
  );
}
