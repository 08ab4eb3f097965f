// The inbox's words: each problem's label, its facts in a sentence, its tone, the order rows
// sort in, and what each fix button says.
import type { AttentionRow } from "../../ipc/bindings/AttentionRow";
import type { Fix } from "../../ipc/bindings/Fix";
import type { Problem } from "../../ipc/bindings/Problem";
import { formatRelative, formatShortDate } from "../certificates/dates";

export type Kind = Problem["kind"];

/** Most urgent first: the order rows are grouped in. */
export const kinds: Kind[] = [
  "CheckFailed",
  "Expired",
  "RenewalFailed",
  "ExpiresSoon",
  "Disabled",
  "StalePending",
  "NoContacts",
  "VaultWithoutContacts",
];

export const kindLabels: Record<Kind, string> = {
  CheckFailed: "Not checked",
  Expired: "Expired",
  RenewalFailed: "Issuance failed",
  ExpiresSoon: "Expires soon",
  Disabled: "Disabled",
  StalePending: "Pending > 1 day",
  NoContacts: "No contacts",
  VaultWithoutContacts: "No contacts",
};

export const kindTones: Record<Kind, "danger" | "warn" | "muted"> = {
  CheckFailed: "danger",
  Expired: "danger",
  RenewalFailed: "danger",
  ExpiresSoon: "warn",
  Disabled: "warn",
  StalePending: "warn",
  NoContacts: "muted",
  VaultWithoutContacts: "muted",
};

export const fixLabels: Record<Fix, string> = {
  Renew: "Renew",
  EditPolicy: "Edit policy",
  OpenOperation: "Open operation",
  Enable: "Enable",
  SetContacts: "Set contacts",
};

const when = (unixSeconds: number, now: number) =>
  `${formatRelative(unixSeconds, now)} (${formatShortDate(unixSeconds)})`;

/** The facts of a problem in one sentence. */
export function factsOf(problem: Problem, now: number): string {
  switch (problem.kind) {
    case "Expired":
      return `Expired ${when(problem.expires, now)}.`;
    case "ExpiresSoon":
      return `Expires ${when(problem.expires, now)}; no AutoRenew action renews it.`;
    case "RenewalFailed": {
      const { code, message } = problem.error;
      const said = [code, message].filter(Boolean).join(": ") || "no reason given";
      return `The pending operation failed: ${said}.`;
    }
    case "StalePending":
      return `Pending since ${when(problem.created, now)}${
        problem.issuer ? `, issuer ${problem.issuer}` : ""
      }.`;
    case "Disabled":
      return problem.expires === null
        ? "The latest version is disabled."
        : `The latest version is disabled; it expires ${when(problem.expires, now)}.`;
    case "NoContacts":
      return "Its policy emails the vault's contacts, but the vault has none: nobody is told.";
    case "VaultWithoutContacts":
      return "The vault has no certificate contacts: any EmailContacts lifetime action here mails nobody.";
    case "CheckFailed":
      return [problem.error.message, problem.error.hint].filter(Boolean).join(" ");
  }
}

/** A row's date to sort by: the expiry or creation it is about, else none. */
export function dateOf(problem: Problem): number | null {
  switch (problem.kind) {
    case "Expired":
    case "ExpiresSoon":
      return problem.expires;
    case "StalePending":
      return problem.created;
    case "RenewalFailed":
      return problem.created;
    case "Disabled":
      return problem.expires;
    default:
      return null;
  }
}

export const rowKey = (row: AttentionRow) => `${row.vault}/${row.name ?? ""}/${row.problem.kind}`;

export type SortColumn = "problem" | "vault" | "name" | "date";

/** Rows in `column`'s order, ties broken by urgency, then vault order, then name. */
export function sortRows(
  rows: AttentionRow[],
  column: SortColumn,
  descending: boolean,
  vaultOrder: (vault: number) => number,
): AttentionRow[] {
  const urgency = (row: AttentionRow) => kinds.indexOf(row.problem.kind);
  const name = (row: AttentionRow) => row.name ?? "";
  const byDate = (a: AttentionRow, b: AttentionRow) =>
    (dateOf(a.problem) ?? Number.MAX_SAFE_INTEGER) - (dateOf(b.problem) ?? Number.MAX_SAFE_INTEGER);
  const compare: Record<SortColumn, (a: AttentionRow, b: AttentionRow) => number> = {
    problem: (a, b) => urgency(a) - urgency(b),
    vault: (a, b) => vaultOrder(a.vault) - vaultOrder(b.vault),
    name: (a, b) => name(a).localeCompare(name(b)),
    date: byDate,
  };
  const tieBreak = (a: AttentionRow, b: AttentionRow) =>
    compare.problem(a, b) || compare.vault(a, b) || compare.name(a, b);
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => sign * compare[column](a, b) || tieBreak(a, b));
}
