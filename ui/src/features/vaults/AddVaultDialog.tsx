import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { Dialog, DialogActions } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import { backend, call } from "../../ipc/backend";
import type { CredentialKind } from "../../ipc/bindings/CredentialKind";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import type { AppError } from "../../ipc/errors";
import { accountQueries } from "../accounts/queries";
import type { Account } from "../accounts/types";
import { vaultAdded } from "./queries";

/** The credentials a vault added by URL may use; "account" is one CertDeck signed in. */
type AzureCredential = Exclude<CredentialKind["kind"], "local_vault" | "account">;
type SignInWith = AzureCredential | "account";

const accountHelp =
  "An account signed in to CertDeck (Settings → Accounts). The vault's tenant is read from the vault unless you give one.";

const credentials: { kind: AzureCredential; label: string; help: string }[] = [
  {
    kind: "developer_tools",
    label: "Developer tools",
    help: "Whoever is signed in to the Azure CLI (az login) or Azure Developer CLI (azd auth login).",
  },
  { kind: "azure_cli", label: "Azure CLI", help: "The Azure CLI, optionally in another tenant." },
  {
    kind: "service_principal",
    label: "Service principal",
    help: "An app registration's client secret, kept in the system keyring.",
  },
  {
    kind: "managed_identity",
    label: "Managed identity",
    help: "The identity of this Azure VM or host; give a client id for a user-assigned one.",
  },
];

interface AzureForm {
  url: string;
  name: string;
  kind: SignInWith;
  /** The account's id, when `kind` is "account". */
  account: string;
  tenant: string;
  clientId: string;
  clientSecret: string;
}

const blank: AzureForm = {
  url: "",
  name: "",
  kind: "developer_tools",
  account: "",
  tenant: "",
  clientId: "",
  clientSecret: "",
};

const orNull = (text: string) => text.trim() || null;

function credentialOf(kind: AzureCredential, form: AzureForm): CredentialKind {
  switch (kind) {
    case "developer_tools":
      return { kind: "developer_tools" };
    case "azure_cli":
      return { kind: "azure_cli", tenant_id: orNull(form.tenant) };
    case "service_principal":
      return {
        kind: "service_principal",
        tenant_id: form.tenant.trim(),
        client_id: form.clientId.trim(),
      };
    case "managed_identity":
      return { kind: "managed_identity", client_id: orNull(form.clientId) };
  }
}

function addVault(where: "local" | "azure", localName: string, form: AzureForm) {
  if (where === "local") return backend.addLocalVault(localName.trim());
  if (form.kind === "account") {
    return call("add_account_vault", {
      url: form.url.trim(),
      name: orNull(form.name),
      account: form.account,
      tenant: orNull(form.tenant),
    });
  }
  return backend.addAzureVault({
    url: form.url.trim(),
    name: orNull(form.name),
    credential: credentialOf(form.kind, form),
    client_secret: form.kind === "service_principal" ? form.clientSecret : null,
  });
}

/**
 * Adds a local vault by name or an Azure vault by URL; backend errors stay in the form.
 * `onDiscover` switches to finding vaults through a signed-in account instead.
 */
export function AddVaultDialog({
  open,
  onClose,
  onDiscover,
}: {
  open: boolean;
  onClose: () => void;
  onDiscover: () => void;
}) {
  return (
    <Dialog open={open} onClose={onClose} labelledBy="add-vault-title" testId="add-vault-dialog">
      <AddVaultForm onClose={onClose} onDiscover={onDiscover} />
    </Dialog>
  );
}

function AddVaultForm({ onClose, onDiscover }: { onClose: () => void; onDiscover: () => void }) {
  const [where, setWhere] = useState<"local" | "azure">("azure");
  const [localName, setLocalName] = useState("");
  const [form, setForm] = useState(blank);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const accounts = useQuery(accountQueries.list()).data ?? [];
  const add = useMutation<VaultEntry, AppError>({
    mutationFn: () => addVault(where, localName, form),
    onSuccess: (vault) => {
      vaultAdded(queryClient, vault);
      onClose();
      navigate(`/vaults/${vault.id}`);
    },
  });
  const set = (field: keyof AzureForm) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [field]: event.target.value }));
  // Choosing "a signed-in account" picks the first one; the Account field changes it.
  const setKind = (event: { target: { value: string } }) =>
    setForm((current) => ({
      ...current,
      kind: event.target.value as SignInWith,
      account: current.account || accounts[0]?.id || "",
    }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  const needsTenant = form.kind !== "developer_tools" && form.kind !== "managed_identity";
  const needsClient = form.kind === "service_principal" || form.kind === "managed_identity";

  return (
    <form onSubmit={submit}>
      <div className="dialog-body form">
        <h2 id="add-vault-title">Add vault</h2>
        <fieldset className="radio-row" disabled={add.isPending}>
          <legend className="visually-hidden">Vault type</legend>
          <label>
            <input
              type="radio"
              name="where"
              checked={where === "azure"}
              onChange={() => setWhere("azure")}
            />
            Azure vault
          </label>
          <label>
            <input
              type="radio"
              name="where"
              checked={where === "local"}
              onChange={() => setWhere("local")}
            />
            Local vault
          </label>
        </fieldset>

        {where === "local" ? (
          <label className="field">
            Name
            <input
              required
              value={localName}
              onChange={(event) => setLocalName(event.target.value)}
              placeholder="Test certificates"
            />
            <small>A vault kept on this computer, for trying things offline.</small>
          </label>
        ) : (
          <>
            <p className="muted">
              Not sure of the URL?{" "}
              <button type="button" className="button small" onClick={onDiscover}>
                Find vaults in your Azure accounts…
              </button>
            </p>
            <label className="field">
              Vault URL
              <input
                required
                value={form.url}
                onChange={set("url")}
                placeholder="https://my-vault.vault.azure.net"
                spellCheck={false}
              />
            </label>
            <label className="field">
              Display name <span className="muted">(optional)</span>
              <input value={form.name} onChange={set("name")} placeholder="Defaults to the host" />
            </label>
            <label className="field">
              Sign in with
              <select value={form.kind} onChange={setKind}>
                {accounts.length > 0 && <option value="account">A signed-in account</option>}
                {credentials.map((credential) => (
                  <option key={credential.kind} value={credential.kind}>
                    {credential.label}
                  </option>
                ))}
              </select>
              <small>
                {form.kind === "account"
                  ? accountHelp
                  : credentials.find((c) => c.kind === form.kind)?.help}
              </small>
            </label>
            {form.kind === "account" && (
              <AccountField accounts={accounts} value={form.account} onChange={set("account")} />
            )}
            {needsTenant && (
              <label className="field">
                Tenant ID{" "}
                {form.kind !== "service_principal" && <span className="muted">(optional)</span>}
                <input
                  required={form.kind === "service_principal"}
                  value={form.tenant}
                  onChange={set("tenant")}
                  spellCheck={false}
                />
              </label>
            )}
            {needsClient && (
              <label className="field">
                Client ID{" "}
                {form.kind === "managed_identity" && <span className="muted">(optional)</span>}
                <input
                  required={form.kind === "service_principal"}
                  value={form.clientId}
                  onChange={set("clientId")}
                  spellCheck={false}
                />
              </label>
            )}
            {form.kind === "service_principal" && (
              <label className="field">
                Client secret
                <input
                  required
                  type="password"
                  autoComplete="off"
                  value={form.clientSecret}
                  onChange={set("clientSecret")}
                />
              </label>
            )}
          </>
        )}
        {add.error && <ErrorMessage error={add.error} />}
      </div>
      <DialogActions onCancel={onClose}>
        <button type="submit" className="button primary" disabled={add.isPending}>
          {add.isPending ? "Adding…" : "Add vault"}
        </button>
      </DialogActions>
    </form>
  );
}

function AccountField({
  accounts,
  value,
  onChange,
}: {
  accounts: Account[];
  value: string;
  onChange: (event: { target: { value: string } }) => void;
}) {
  return (
    <label className="field">
      Account
      <select required value={value} onChange={onChange}>
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {account.name} ({account.username})
          </option>
        ))}
      </select>
    </label>
  );
}
