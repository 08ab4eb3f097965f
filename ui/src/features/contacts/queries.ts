// A vault's certificate contacts, cached under the vault.
import { type QueryClient, queryOptions } from "@tanstack/react-query";
import { call } from "../../ipc/backend";
import type { CertificateContact } from "../../ipc/bindings/CertificateContact";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { vaultScope } from "../vaults/queries";

export const contactQueries = {
  /** The vault's contacts; [] for a vault that has none. */
  list: (vault: VaultId) =>
    queryOptions<CertificateContact[], AppError>({
      queryKey: [...vaultScope(vault), "contacts"],
      queryFn: () => call("get_contacts", { vault }),
    }),
};

/** The backend answered a change with the contacts as stored. */
export function contactsChanged(
  queryClient: QueryClient,
  vault: VaultId,
  contacts: CertificateContact[],
) {
  queryClient.setQueryData(contactQueries.list(vault).queryKey, contacts);
}
