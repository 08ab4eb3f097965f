// Recovering and purging deleted certificates, one or many, with each one's progress and
// result; the caches follow each answer (the row moves back to the listing, or is gone).
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { call, stream } from "../../ipc/backend";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { toAppError } from "../../ipc/errors";
import { certificateRemoved, certificatesChanged } from "../certificates/changes";
import { deletedRemoved } from "./queries";
import { nextRequest } from "./requests";

export type Action = "recover" | "purge";

export type ItemState =
  | { kind: "queued"; action: Action }
  | { kind: "recovering"; tries: number }
  | { kind: "purging" }
  | { kind: "recovered" }
  | { kind: "purged" }
  | { kind: "failed"; action: Action; error: AppError };

/** Requests to one vault at a time (the backend limits each vault to 4 as well). */
const PARALLEL = 4;

export function useDeletedActions(vault: VaultId) {
  const queryClient = useQueryClient();
  const [states, setStates] = useState<ReadonlyMap<string, ItemState>>(new Map());
  const [running, setRunning] = useState(0);
  const requests = useRef(new Set<number>());
  const set = useCallback((name: string, state: ItemState) => {
    setStates((current) => new Map(current).set(name, state));
  }, []);

  // Leaving the view stops following recoveries (they go on in the vault).
  useEffect(() => {
    const live = requests.current;
    return () => {
      for (const request of live) call("cancel_request", { request }).catch(() => {});
    };
  }, []);

  const recoverOne = useCallback(
    async (name: string) => {
      set(name, { kind: "recovering", tries: 0 });
      const request = nextRequest();
      requests.current.add(request);
      try {
        const row = await stream("recover_certificate", { vault, name, request }, (step) => {
          set(name, { kind: "recovering", tries: step.stage === "Waiting" ? step.tries : 0 });
        });
        deletedRemoved(queryClient, vault, [name]);
        certificatesChanged(queryClient, vault, [row]);
        set(name, { kind: "recovered" });
      } finally {
        requests.current.delete(request);
      }
    },
    [queryClient, set, vault],
  );

  const purgeOne = useCallback(
    async (name: string) => {
      set(name, { kind: "purging" });
      await call("purge_certificate", { vault, name });
      deletedRemoved(queryClient, vault, [name]);
      certificateRemoved(queryClient, vault, name);
      set(name, { kind: "purged" });
    },
    [queryClient, set, vault],
  );

  /** Runs `action` on every name, a few at a time; each ends recovered/purged or failed. */
  const run = useCallback(
    async (action: Action, names: string[]) => {
      for (const name of names) set(name, { kind: "queued", action });
      setRunning((n) => n + 1);
      const queue = [...names];
      const worker = async () => {
        for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
          const current = name;
          await (action === "recover" ? recoverOne(current) : purgeOne(current)).catch(
            (err: unknown) => set(current, { kind: "failed", action, error: toAppError(err) }),
          );
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL, names.length) }, worker));
      setRunning((n) => n - 1);
    },
    [purgeOne, recoverOne, set],
  );

  const clear = useCallback(() => setStates(new Map()), []);
  return { states, busy: running > 0, run, clear };
}

/** The state in words, as the results list and the row's status say it. */
export function stateText(state: ItemState): string {
  switch (state.kind) {
    case "queued":
      return state.action === "recover" ? "Waiting to recover…" : "Waiting to purge…";
    case "recovering":
      return state.tries === 0
        ? "Recovering…"
        : `Recovering: not readable yet (checked ${state.tries}×)…`;
    case "purging":
      return "Purging…";
    case "recovered":
      return "Recovered: readable again";
    case "purged":
      return "Purged";
    case "failed":
      return `${state.action === "recover" ? "Recover" : "Purge"} failed: ${state.error.message}`;
  }
}
