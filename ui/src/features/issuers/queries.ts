// A vault's issuers in full, next to the summaries the policy editor's picker lists
// (`issuerQueries.list`); a save or delete updates both from the backend's answer.
import { type QueryClient, queryOptions } from "@tanstack/react-query";
import { call } from "../../ipc/backend";
import type { IssuerDetails } from "../../ipc/bindings/IssuerDetails";
import type { IssuerSummary } from "../../ipc/bindings/IssuerSummary";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { issuerQueries } from "../policy/queries";
import { vaultScope } from "../vaults/queries";

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export const issuerDetailsQuery = (vault: VaultId, name: string) =>
  queryOptions<IssuerDetails, AppError>({
    queryKey: [...vaultScope(vault), "issuer", name.toLowerCase()],
    queryFn: () => call("get_issuer", { vault, name }),
  });

/** The backend stored `issuer` (new or edited). */
export function issuerSaved(queryClient: QueryClient, vault: VaultId, issuer: IssuerDetails) {
  queryClient.setQueryData(issuerDetailsQuery(vault, issuer.name).queryKey, issuer);
  const summary: IssuerSummary = { name: issuer.name, provider: issuer.provider };
  queryClient.setQueryData(issuerQueries.list(vault).queryKey, (list) => {
    if (!list) return list;
    return list.some((i) => sameName(i.name, issuer.name))
      ? list.map((i) => (sameName(i.name, issuer.name) ? summary : i))
      : [...list, summary];
  });
}

/** The backend deleted the issuer `name`. */
export function issuerDeleted(queryClient: QueryClient, vault: VaultId, name: string) {
  queryClient.removeQueries({ queryKey: issuerDetailsQuery(vault, name).queryKey });
  queryClient.setQueryData(issuerQueries.list(vault).queryKey, (list) =>
    list?.filter((i) => !sameName(i.name, name)),
  );
}
