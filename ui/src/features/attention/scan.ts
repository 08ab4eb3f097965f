// One needs-attention scan at a time: rows streamed per vault into state once per frame, the
// previous scan cancelled when the vaults or the window change, and the last count kept for
// the sidebar's badge (no scan of its own).
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { call, stream } from "../../ipc/backend";
import type { AttentionBatch } from "../../ipc/bindings/AttentionBatch";
import type { AttentionRow } from "../../ipc/bindings/AttentionRow";
import type { AttentionSummary } from "../../ipc/bindings/AttentionSummary";
import type { VaultId } from "../../ipc/bindings/VaultId";
import { type AppError, toAppError } from "../../ipc/errors";

// Request ids are shared with every other cancellable command; this view's count from 0x5000_0000.
let nextRequest = 0x5000_0000;

let lastCount: number | null = null;
const listeners = new Set<() => void>();

/** Sets the count the sidebar shows (null: no scan finished yet). */
export function publishCount(count: number | null) {
  if (count === lastCount) return;
  lastCount = count;
  for (const listener of listeners) listener();
}

/** How many rows the last finished scan found, less those fixed since. */
export function useAttentionCount(): number | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => lastCount,
  );
}

export interface ScanState {
  /** This scan's request number: what it found is its own. */
  id: number;
  rows: AttentionRow[];
  /** Vaults whose last batch arrived. */
  done: ReadonlySet<VaultId>;
  /** Certificates checked so far, over the vaults done. */
  certificates: number;
  running: boolean;
  error: AppError | null;
  summary: AttentionSummary | null;
}

const idle: ScanState = {
  id: 0,
  rows: [],
  done: new Set(),
  certificates: 0,
  running: false,
  error: null,
  summary: null,
};

/** Scans `vaults` (none until they are known) with `windowDays`; `rerun` scans again. */
export function useAttentionScan(vaults: VaultId[] | undefined, windowDays: number) {
  const [state, setState] = useState<ScanState>(idle);
  const [generation, setGeneration] = useState(0);
  const current = useRef<number | null>(null);
  const key = vaults?.join(",");

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `vaults`; `generation` asks for a new scan
  useEffect(() => {
    if (!vaults) return;
    const request = nextRequest++;
    current.current = request;
    setState({ ...idle, id: request, running: true });
    const pending: AttentionBatch[] = [];
    let frame: number | undefined;
    const flush = () => {
      frame = undefined;
      const batches = pending.splice(0);
      if (batches.length === 0) return;
      setState((s) => {
        const done = new Set(s.done);
        let certificates = s.certificates;
        for (const batch of batches) {
          if (!batch.done) continue;
          done.add(batch.vault);
          certificates += batch.certificates ?? 0;
        }
        return { ...s, rows: [...s.rows, ...batches.flatMap((b) => b.rows)], done, certificates };
      });
    };
    const args = { vaults, window_days: windowDays, request };
    stream("needs_attention", args, (batch) => {
      // A batch of a scan since replaced belongs to no table shown. The answer may overtake
      // the last batches on the channel: those still count.
      if (current.current !== request) return;
      pending.push(batch);
      frame ??= requestAnimationFrame(flush);
    }).then(
      (summary) => finish({ summary }),
      (err) => finish({ error: toAppError(err) }),
    );
    let running = true;
    const finish = (end: Partial<ScanState>) => {
      running = false;
      if (current.current !== request) return;
      setState((s) => ({ ...s, ...end, running: false }));
    };
    return () => {
      current.current = null;
      if (frame !== undefined) cancelAnimationFrame(frame);
      if (running) void call("cancel_request", { request }).catch(() => null);
    };
  }, [key, windowDays, generation]);

  const rerun = useCallback(() => setGeneration((g) => g + 1), []);
  const cancel = useCallback(() => {
    const request = current.current;
    if (request !== null) void call("cancel_request", { request }).catch(() => null);
  }, []);
  return { ...state, rerun, cancel };
}
