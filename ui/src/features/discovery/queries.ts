import { queryOptions } from "@tanstack/react-query";
import type { AppError } from "../../ipc/errors";
import { accountsApi } from "../accounts/api";
import type { Discovery } from "../accounts/types";

export const discoveryQueries = {
  /** What `account` reaches: tenants, their subscriptions and vaults (asked of ARM each time). */
  discover: (account: string) =>
    queryOptions<Discovery, AppError>({
      queryKey: ["discovery", account],
      queryFn: () => accountsApi.discover(account),
      staleTime: 60_000,
    }),
};
