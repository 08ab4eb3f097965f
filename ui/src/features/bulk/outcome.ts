// What a bulk run says about each certificate, in words and counts.
import type { BulkOutcome } from "../../ipc/bindings/BulkOutcome";
import type { CertificateRef } from "../../ipc/bindings/CertificateRef";
import type { FieldChange } from "../../ipc/bindings/FieldChange";

/** A backend outcome, or: the run ended (cancelled, or failed as a whole) before this one. */
export type RowOutcome = BulkOutcome | { outcome: "NotStarted" };
export type OutcomeKind = RowOutcome["outcome"];

/** One target of the bulk view: what its preview said, and what applying did. */
export interface BulkRow {
  key: string;
  target: CertificateRef;
  vaultName: string;
  preview: RowOutcome | null;
  result: RowOutcome | null;
}

export const OUTCOME_LABELS: Record<OutcomeKind, string> = {
  WouldChange: "Would change",
  Changed: "Changed",
  Unchanged: "Already so — skipped",
  Refused: "Refused",
  Failed: "Failed",
  NotStarted: "Not started",
};

export const OUTCOME_TONES: Record<OutcomeKind, string> = {
  WouldChange: "info",
  Changed: "ok",
  Unchanged: "neutral",
  Refused: "warn",
  Failed: "danger",
  NotStarted: "neutral",
};

export const changeText = (change: FieldChange) =>
  `${change.label}: ${change.before} → ${change.after}`;

/** The outcome in one line: the changes, the issues, or the error. */
export function outcomeText(outcome: RowOutcome): string {
  switch (outcome.outcome) {
    case "WouldChange":
    case "Changed":
      return outcome.changes.map(changeText).join(" · ");
    case "Unchanged":
      return "Every field is already so; nothing to send.";
    case "Refused":
      return outcome.issues.map((issue) => issue.message).join(" · ");
    case "Failed":
      return [outcome.error.message, outcome.error.hint].filter(Boolean).join(" ");
    case "NotStarted":
      return "Stopped before this one started.";
  }
}

export type Counts = Record<OutcomeKind | "waiting", number>;

export function countOutcomes(outcomes: (RowOutcome | null)[]): Counts {
  const counts: Counts = {
    WouldChange: 0,
    Changed: 0,
    Unchanged: 0,
    Refused: 0,
    Failed: 0,
    NotStarted: 0,
    waiting: 0,
  };
  for (const outcome of outcomes) counts[outcome ? outcome.outcome : "waiting"]++;
  return counts;
}
