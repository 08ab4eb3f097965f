// One entry of the import queue, and what follows from it: the state the user sees and what
// still stands between it and an import.
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { ContentType } from "../../ipc/bindings/ContentType";
import type { DeletedName } from "../../ipc/bindings/DeletedName";
import type { ImportOptions } from "../../ipc/bindings/ImportOptions";
import type { ImportPlan } from "../../ipc/bindings/ImportPlan";
import type { NameStatus } from "../../ipc/bindings/NameStatus";
import type { OpenedFileInfo } from "../../ipc/bindings/OpenedFileInfo";
import type { Report } from "../../ipc/bindings/Report";
import type { AppError } from "../../ipc/errors";
import { nameProblem } from "./names";
import { type TagRow, tagMap, tagProblem } from "./tags";

/** Where the item is in its life. */
export type Step =
  | "opening"
  | "password"
  | "unreadable"
  | "planned"
  | "queued"
  | "importing"
  | "done"
  | "failed";

/** What the user (and `data-state`) sees. */
export type ItemState =
  | "opening"
  | "needs-password"
  | "ready"
  | "blocked"
  | "importing"
  | "done"
  | "failed";

export const itemStates: ItemState[] = [
  "opening",
  "needs-password",
  "ready",
  "blocked",
  "importing",
  "done",
  "failed",
];

/** The vault's answer for `name`; status and error are both null while it is asked. */
export interface NameCheck {
  name: string;
  status: NameStatus | null;
  error: AppError | null;
}

export interface Item {
  readonly key: number;
  /** The path the item was queued with (a pair keeps its certificate's). */
  path: string;
  /** The certificate's file name (or the only file's). */
  fileName: string;
  /** Opened files, the certificate's first; empty until opened. */
  files: OpenedFileInfo[];
  step: Step;
  /** A backend call for the item is under way (opening with a password, re-planning). */
  busy: boolean;
  /** Why opening, planning or importing failed; a wrong password while asking for one. */
  error: AppError | null;
  plan: ImportPlan | null;
  /** null: the backend's default for the files. */
  contentType: ContentType | null;
  /** Why pairing with a key file did not give an importable certificate. */
  pairError: string | null;
  name: string;
  /** The user typed the name, so a new plan's suggestion leaves it alone. */
  nameEdited: boolean;
  check: NameCheck | null;
  /** Another importable item in the queue has the same name. */
  duplicate: boolean;
  /** It lacks its private key and files that may hold it are still being opened. */
  keysPending: boolean;
  /** Confirmed: the name exists and this becomes its new version. */
  newVersion: boolean;
  deletedName: DeletedName | null;
  /** The name typed again to confirm a purge. */
  purgeTyped: string;
  enabled: boolean;
  tags: TagRow[];
  imported: CertificateSummary | null;
}

export const fileIds = (item: Item) => item.files.map((file) => file.id);

export const importable = (item: Item) => item.plan?.report.key_vault.importable === true;

/** A file with a private key and no certificate: it can only be paired. */
export const isKeyOnly = (report: Report) =>
  report.certificates.length === 0 && report.private_keys.length > 0;

/** A planned certificate that lacks only its private key. */
export const needsKey = (item: Item) =>
  item.step === "planned" &&
  item.plan?.report.key_vault.problems.some((problem) => problem.code === "NoPrivateKey") === true;

/** What is wrong with the name before the vault is asked; null when nothing is. */
export const nameError = (item: Item) =>
  nameProblem(item.name) ??
  (item.duplicate ? "Another certificate in this import has the same name." : null);

export const CHECKING_NAME = "Checking the name in the vault…";

/** The first thing that stops a planned item from being imported, in words; null if none. */
export function blocker(item: Item): string | null {
  if (!item.plan) return "The file is still being read.";
  if (!importable(item)) return "Key Vault would refuse this certificate.";
  const name = nameError(item);
  if (name) return name;
  const tags = tagProblem(item.tags);
  if (tags) return tags;
  const check = item.check;
  if (!check || check.name !== item.name || (!check.status && !check.error)) return CHECKING_NAME;
  if (check.error) return "The name could not be checked.";
  switch (check.status?.state) {
    case "Exists":
      return item.newVersion ? null : "Confirm that this becomes a new version.";
    case "Deleted":
      if (!item.deletedName) return "Choose whether to recover or purge the deleted certificate.";
      return item.deletedName === "Purge" && item.purgeTyped !== item.name
        ? "Type the name to confirm the purge."
        : null;
    default:
      return null;
  }
}

export function itemState(item: Item): ItemState {
  switch (item.step) {
    case "opening":
      return "opening";
    case "password":
      return item.busy ? "opening" : "needs-password";
    case "unreadable":
      return "blocked";
    case "queued":
    case "importing":
      return "importing";
    case "done":
      return "done";
    case "failed":
      return "failed";
    case "planned":
      if (item.busy || item.keysPending) return "opening";
      return blocker(item) ? "blocked" : "ready";
  }
}

/** Whether Import (or Retry) would send the item now. */
export const canImport = (item: Item) =>
  (item.step === "planned" || item.step === "failed") && !item.busy && blocker(item) === null;

export function importOptions(item: Item): ImportOptions {
  return {
    name: item.name,
    enabled: item.enabled,
    tags: tagMap(item.tags),
    deleted_name: item.check?.status?.state === "Deleted" ? item.deletedName : null,
  };
}

/** A file just queued, not opened yet. */
export function newItem(key: number, path: string): Item {
  return {
    key,
    path,
    fileName: path.split(/[\\/]/).pop() || path,
    files: [],
    step: "opening",
    busy: false,
    error: null,
    plan: null,
    contentType: null,
    pairError: null,
    name: "",
    nameEdited: false,
    check: null,
    duplicate: false,
    keysPending: false,
    newVersion: false,
    deletedName: null,
    purgeTyped: "",
    enabled: true,
    tags: [],
    imported: null,
  };
}

/** A new name voids what was confirmed for the old one. */
export const renamed = (name: string): Partial<Item> => ({
  name,
  check: null,
  newVersion: false,
  deletedName: null,
  purgeTyped: "",
});

/** Changing a failed item makes it importable again; the failure belonged to the old attempt. */
export const unfailed = (item: Item): Partial<Item> =>
  item.step === "failed" ? { step: "planned", error: null } : {};
