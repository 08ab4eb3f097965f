import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { accountQueries } from "./queries";
import { SignInDialog } from "./SignInDialog";
import type { AccountCredential } from "./types";

/** The account and tenant a vault signs in with, when it was added through an account. */
export function accountCredential(vault: VaultEntry): AccountCredential | null {
  const credential = vault.credential as VaultEntry["credential"] | AccountCredential;
  return credential.kind === "account" ? credential : null;
}

/**
 * "Sign in again" for a vault whose account needs the user (MFA, an expired session): signs
 * in to the vault's tenant in the account's cloud, then `onSignedIn` (retry what failed).
 */
export function SignInAgain({ vault, onSignedIn }: { vault: VaultEntry; onSignedIn: () => void }) {
  const accounts = useQuery(accountQueries.list());
  const [open, setOpen] = useState(false);
  const credential = accountCredential(vault);
  if (!credential) return null;
  const account = accounts.data?.find((known) => known.id === credential.account);
  return (
    <>
      <button type="button" className="button small primary" onClick={() => setOpen(true)}>
        Sign in again
      </button>
      <SignInDialog
        open={open}
        onClose={() => setOpen(false)}
        title={account ? `Sign in again as ${account.username}` : "Sign in again"}
        target={{ tenant: credential.tenant_id, cloud: account?.cloud ?? "azure_public" }}
        onSignedIn={onSignedIn}
      />
    </>
  );
}
