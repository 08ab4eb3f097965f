import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toasts";
import type { SetSignInArgs } from "../../ipc/bindings/SetSignInArgs";
import type { Settings } from "../../ipc/bindings/Settings";
import type { AppError } from "../../ipc/errors";
import { settingsQueries } from "../settings/queries";
import { accountsApi } from "./api";

const orNull = (text: string) => text.trim() || null;

/** The app registration and tenant sign-in uses; the backend checks both before saving. */
export function SignInSettingsForm() {
  const settings = useQuery(settingsQueries.settings());
  const saved = settings.data;
  return saved ? (
    <SignInFields
      key={`${saved.sign_in_client_id}/${saved.sign_in_tenant}`}
      clientId={saved.sign_in_client_id ?? ""}
      tenant={saved.sign_in_tenant ?? ""}
    />
  ) : null;
}

function SignInFields({ clientId, tenant }: { clientId: string; tenant: string }) {
  const [form, setForm] = useState({ clientId, tenant });
  const queryClient = useQueryClient();
  const toast = useToast();
  const save = useMutation<Settings, AppError, SetSignInArgs>({
    mutationFn: accountsApi.setSignIn,
    onSuccess: (next) => {
      queryClient.setQueryData(settingsQueries.settings().queryKey, next);
      toast.info("Sign-in settings saved");
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ client_id: orNull(form.clientId), tenant: orNull(form.tenant) });
  };
  const changed = form.clientId !== clientId || form.tenant !== tenant;

  return (
    <form className="form sign-in-settings" onSubmit={submit} aria-label="Sign-in settings">
      <h3 className="section-title">Sign-in</h3>
      <label className="field">
        Client ID
        <input
          value={form.clientId}
          onChange={(event) => setForm({ ...form, clientId: event.target.value })}
          placeholder="CertDeck's default"
          spellCheck={false}
        />
        <small>
          The app registration CertDeck signs in as. The default is a placeholder: register your own
          (README, “Using a real Azure tenant”) and put its Application (client) ID here.
        </small>
      </label>
      <label className="field">
        <span>
          Tenant <span className="muted">(optional)</span>
        </span>
        <input
          value={form.tenant}
          onChange={(event) => setForm({ ...form, tenant: event.target.value })}
          placeholder="Any work or school account"
          spellCheck={false}
        />
        <small>A tenant id or domain, for accounts that must sign in to one tenant.</small>
      </label>
      {save.error && <ErrorMessage error={save.error} />}
      <div>
        <button type="submit" className="button" disabled={!changed || save.isPending}>
          {save.isPending ? "Saving…" : "Save sign-in settings"}
        </button>
      </div>
    </form>
  );
}
