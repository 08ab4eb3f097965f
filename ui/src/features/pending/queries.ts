// A vault's pending operations. Key Vault has no list of them: the listing marks the pending
// certificates, and each one's operation is read, a few at a time.
import { queryOptions } from "@tanstack/react-query";
import { call } from "../../ipc/backend";
import type { PendingOperation } from "../../ipc/bindings/PendingOperation";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { operationKey } from "../create/operation";
import { Pool } from "../import/pool";

/** At most this many operation reads at once, across vaults (the backend allows 4 per vault). */
export const OPERATION_READS = 4;

const reads = new Pool<string>(OPERATION_READS);

/**
 * A certificate's pending operation, under the key the details pane's section uses, so an
 * opened one shows what the list read at once (the section then reads it afresh).
 */
export const operationQuery = (vault: VaultId, name: string) =>
  queryOptions<PendingOperation, AppError>({
    queryKey: operationKey(vault, name),
    queryFn: () =>
      new Promise<PendingOperation>((resolve, reject) =>
        reads.add(name, () => call("get_operation", { vault, name }).then(resolve, reject)),
      ),
  });
