import { type QueryClient, queryOptions } from "@tanstack/react-query";
import type { AppError } from "../../ipc/errors";
import { accountsApi } from "./api";
import type { Account } from "./types";

export const accountQueries = {
  /** The accounts signed in, in the order they were added. */
  list: () =>
    queryOptions<Account[], AppError>({ queryKey: ["accounts"], queryFn: accountsApi.list }),
};

/** A sign-in answered with its account: it joins the list, or replaces itself if known. */
export function accountSignedIn(queryClient: QueryClient, account: Account) {
  queryClient.setQueryData(accountQueries.list().queryKey, (list) => [
    ...(list ?? []).filter((known) => known.id !== account.id),
    account,
  ]);
}

/** A sign-out answered with the accounts left; what was discovered for the account goes too. */
export function accountsChanged(queryClient: QueryClient, accounts: Account[], gone?: string) {
  queryClient.setQueryData(accountQueries.list().queryKey, accounts);
  if (gone) queryClient.removeQueries({ queryKey: ["discovery", gone] });
}
