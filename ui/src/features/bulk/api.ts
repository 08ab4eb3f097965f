// The backend commands the bulk and compliance views use, over the typed `call`/`stream`.
import { call, stream } from "../../ipc/backend";
import type { BulkItem } from "../../ipc/bindings/BulkItem";
import type { BulkPolicyArgs } from "../../ipc/bindings/BulkPolicyArgs";
import type { ComplianceArgs } from "../../ipc/bindings/ComplianceArgs";
import type { ComplianceRow } from "../../ipc/bindings/ComplianceRow";

// Request ids are shared with every other cancellable command (listings count up from 1), so
// these count from 2^30: a cancel here never reaches another view's request.
let nextRequest = 0x4000_0000;

/** A fresh id for `cancel_request`. */
export const newRequest = () => nextRequest++;

export const bulkApi = {
  /** What setting `patch` would do to each target, streamed item by item. */
  preview: (args: BulkPolicyArgs, onItem: (item: BulkItem) => void) =>
    stream("preview_bulk_policy", args, onItem),
  /** Sets `patch` on each target, streamed item by item. */
  apply: (args: BulkPolicyArgs, onItem: (item: BulkItem) => void) =>
    stream("apply_bulk_policy", args, onItem),
  checkCompliance: (args: ComplianceArgs, onRow: (row: ComplianceRow) => void) =>
    stream("check_compliance", args, onRow),
  listTemplates: () => call("list_templates", null),
  /** Stops what has not started; nothing to tell the user if it fails, the run ends anyway. */
  cancel: (request: number) => call("cancel_request", { request }).catch(() => null),
};
