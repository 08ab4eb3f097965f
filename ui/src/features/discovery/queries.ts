import { type QueryClient, queryOptions } from "@tanstack/react-query";
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

/** Vaults were added from `account`'s discovery: they show as added without asking ARM again. */
export function discoveredAdded(queryClient: QueryClient, account: string, urls: Set<string>) {
  queryClient.setQueryData(discoveryQueries.discover(account).queryKey, (discovery) =>
    discovery
      ? {
          tenants: discovery.tenants.map((tenant) =>
            tenant.subscriptions.state === "listed"
              ? {
                  ...tenant,
                  subscriptions: {
                    ...tenant.subscriptions,
                    subscriptions: tenant.subscriptions.subscriptions.map((subscription) => ({
                      ...subscription,
                      vaults: subscription.vaults.map((vault) =>
                        urls.has(vault.uri) ? { ...vault, added: true } : vault,
                      ),
                    })),
                  },
                }
              : tenant,
          ),
        }
      : discovery,
  );
}
