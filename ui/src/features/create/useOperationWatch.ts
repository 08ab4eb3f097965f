import { useEffect, useRef, useState } from "react";
import { backend, stream } from "../../ipc/backend";
import type { OperationOutcome } from "../../ipc/bindings/OperationOutcome";
import type { PendingOperation } from "../../ipc/bindings/PendingOperation";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";

// The backend cancels requests by number, and a number reused while running cancels the
// earlier request. The listing counts up from 1 and the bulk views from 0x4000_0000: watches
// count from 0x6000_0000 so none share one.
let nextRequest = 0x6000_0000;

export interface OperationWatch {
  /** The latest state the backend sent; null until the first. */
  operation: PendingOperation | null;
  outcome: OperationOutcome | null;
  error: AppError | null;
}

const idle: OperationWatch = { operation: null, outcome: null, error: null };

/**
 * Watches a certificate's operation while `active`: each state the backend polls, then how it
 * ended (`onOutcome` too). Unmounting (or `active` turning false) stops watching, not the
 * operation.
 */
export function useOperationWatch(
  vault: VaultId,
  name: string,
  active: boolean,
  onOutcome?: (outcome: OperationOutcome) => void,
): OperationWatch {
  const [watch, setWatch] = useState<OperationWatch>(idle);
  const outcomeRef = useRef(onOutcome);
  useEffect(() => {
    outcomeRef.current = onOutcome;
  });

  useEffect(() => {
    if (!active) return;
    const request = nextRequest++;
    let live = true;
    let running = true;
    setWatch(idle);
    stream("watch_operation", { vault, name, request }, (operation) => {
      if (live) setWatch((current) => ({ ...current, operation }));
    }).then(
      (outcome) => {
        running = false;
        if (!live) return;
        setWatch((current) => ({ ...current, outcome }));
        outcomeRef.current?.(outcome);
      },
      (error: AppError) => {
        running = false;
        if (live && error.code !== "Cancelled") setWatch((current) => ({ ...current, error }));
      },
    );
    return () => {
      live = false;
      // Nothing to tell the user if this fails: the view that wanted the watch is gone.
      if (running) backend.cancelRequest(request).catch(() => {});
    };
  }, [vault, name, active]);

  return watch;
}

/** Milliseconds since `since`, ticking each second while `running`. */
export function useElapsed(since: number, running: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  return now - since;
}
