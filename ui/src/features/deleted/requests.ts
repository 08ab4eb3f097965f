import { backend } from "../../ipc/backend";

// Request numbers `cancel_request` knows this view's work by. The listing counts up from 1,
// the bulk views from 0x4000_0000 and operation watches from 0x6000_0000: these count from
// 0x5000_0000 so none share one.
let next = 0x5000_0000;

export const nextRequest = () => next++;

/** Cancels backend request `request` when `signal` aborts (the view moved on). */
export function cancelOnAbort(signal: AbortSignal, request: number) {
  signal.addEventListener("abort", () => {
    // Nothing to tell the user if this fails: the request has ended either way.
    backend.cancelRequest(request).catch(() => {});
  });
}
