import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toasts";
import { call } from "../../ipc/backend";
import type { CertificateContact } from "../../ipc/bindings/CertificateContact";
import type { FieldIssue } from "../../ipc/bindings/FieldIssue";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { type AppError, toAppError } from "../../ipc/errors";
import { EditorContext, FieldNotes } from "../policy/fields";
import { issuesAt } from "../policy/issues";
import { VaultView } from "../vaults/VaultTabs";
import { PeopleRows, type PersonColumn } from "./PeopleRows";
import { contactQueries, contactsChanged } from "./queries";
import "../create/create.css";
import "../policy/policy.css";
import "./people.css";

const COLUMNS: PersonColumn<CertificateContact>[] = [
  { key: "email", label: "E-mail", type: "email", placeholder: "pki@contoso.com" },
  { key: "name", label: "Name", type: "text", placeholder: "PKI team" },
  { key: "phone", label: "Phone", type: "tel", placeholder: "+1 425 555 0100" },
];

const BLANK: CertificateContact = { email: "", name: "", phone: "" };

/** `/vaults/:id/contacts`: whom Key Vault e-mails when a policy's lifetime action says so. */
export function ContactsPage() {
  return <VaultView>{(vault) => <Contacts vault={vault} />}</VaultView>;
}

function Contacts({ vault }: { vault: VaultEntry }) {
  const query = useQuery(contactQueries.list(vault.id));
  return (
    <div className="settings-page" data-testid="contacts-page">
      <p className="muted settings-intro">
        Key Vault e-mails these people when a certificate's lifetime action is{" "}
        <strong>E-mail the vault's contacts</strong> (EmailContacts). They are the vault's, shared
        by every certificate in it.
      </p>
      {query.isPending && <span className="skeleton" aria-busy="true" />}
      {query.error && <ErrorMessage error={query.error} />}
      {query.data && <ContactsForm key={query.dataUpdatedAt} vault={vault} stored={query.data} />}
    </div>
  );
}

function ContactsForm({ vault, stored }: { vault: VaultEntry; stored: CertificateContact[] }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const idPrefix = useId();
  const [rows, setRows] = useState(stored);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const changed = JSON.stringify(rows) !== JSON.stringify(stored);

  const run = async (work: () => Promise<CertificateContact[] | null>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      const contacts = await work();
      if (contacts) {
        contactsChanged(queryClient, vault.id, contacts);
        toast.info(done);
      }
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      const saved = await call("set_contacts", { vault: vault.id, contacts: rows });
      if (saved.outcome === "Saved") return saved.value;
      setIssues(saved.issues);
      return null;
    }, "Saved the vault's contacts");
  const removeAll = () =>
    run(async () => {
      await call("delete_contacts", { vault: vault.id });
      setConfirming(false);
      return [];
    }, "Deleted the vault's contacts");

  return (
    <EditorContext.Provider value={{ issues, stored: [], idPrefix, disabled: busy }}>
      <section className="policy-section" aria-label="Certificate contacts">
        {rows.length === 0 && (
          <div className="settings-empty" data-testid="contacts-empty">
            <strong>No certificate contacts</strong>
            <span className="muted">
              An EmailContacts lifetime action in this vault reaches nobody until you add one.
            </span>
          </div>
        )}
        <PeopleRows
          field="contacts"
          rows={rows}
          columns={COLUMNS}
          blank={BLANK}
          onChange={(next) => {
            // An edit clears what was said about the rows before it.
            setRows(next);
            setIssues([]);
          }}
          itemLabel="Contact"
          addLabel="Add contact"
        />
        <FieldNotes issues={issuesAt(issues, "")} />
      </section>
      {error && <ErrorMessage error={error} />}
      {confirming ? (
        <div className="confirm-box" data-testid="contacts-delete-confirm">
          <p>
            Delete all {stored.length} contact{stored.length === 1 ? "" : "s"}? EmailContacts
            actions in this vault then e-mail nobody.
          </p>
          <div className="choice-buttons">
            <button type="button" className="button danger" disabled={busy} onClick={removeAll}>
              Delete all contacts
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Keep them
            </button>
          </div>
        </div>
      ) : (
        <div className="settings-actions">
          <button
            type="button"
            className="button primary"
            data-testid="contacts-save"
            disabled={!changed || busy}
            onClick={save}
          >
            {busy ? "Saving…" : "Save contacts"}
          </button>
          <button
            type="button"
            className="button"
            disabled={!changed || busy}
            onClick={() => setRows(stored)}
          >
            Discard changes
          </button>
          {stored.length > 0 && (
            <button
              type="button"
              className="button danger"
              data-testid="contacts-delete"
              disabled={busy}
              onClick={() => setConfirming(true)}
            >
              Delete all…
            </button>
          )}
        </div>
      )}
    </EditorContext.Provider>
  );
}
