// The import queue: files dropped or picked, opened, planned, named and imported. It lives
// outside React so that one item changing re-renders that item alone (100 files stay cheap);
// views read it through useSyncExternalStore (./useQueue).
import { backend } from "../../ipc/backend";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { ContentType } from "../../ipc/bindings/ContentType";
import type { ImportPlan } from "../../ipc/bindings/ImportPlan";
import type { OpenedFileInfo } from "../../ipc/bindings/OpenedFileInfo";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import type { AppError } from "../../ipc/errors";
import {
  canImport,
  fileIds,
  type Item,
  type ItemState,
  importable,
  importOptions,
  isKeyOnly,
  itemState,
  itemStates,
  type NameCheck,
  needsKey,
  newItem,
  renamed,
  unfailed,
} from "./item";
import { nameFromFile, nameProblem, sameName } from "./names";
import { Pool } from "./pool";

// Key derivation and Key Vault both prefer a few requests at a time to a hundred at once.
const OPEN_AT_ONCE = 4;
// Twice the backend's per-vault limit (4 in flight): the next import is already waiting there
// when one ends, so the round trip through the webview does not leave the vault idle.
const IMPORT_AT_ONCE = 8;
/** How long typing must pause before the name is checked in the vault. */
export const CHECK_DELAY_MS = 300;

export interface QueueSummary {
  counts: Record<ItemState, number>;
  total: number;
  /** The items of the current import run, and how many of them are imported or failed. */
  batch: { size: number; done: number; failed: number };
  /** Imports are running or waiting to start. */
  importing: boolean;
}

/** A key-only file another item can be paired with. */
export interface KeyFile {
  key: number;
  fileName: string;
}

/** Told when an import run ends, with the certificates it imported. */
export type SettledListener = (vault: VaultEntry, imported: CertificateSummary[]) => void;

/** What the user may change on a planned item besides its name and content type. */
export type ItemChoices = Partial<
  Pick<Item, "enabled" | "tags" | "newVersion" | "deletedName" | "purgeTyped">
>;

/** Changes to an item, or a function of it giving them (null: none). */
type Patch = Partial<Item> | ((item: Item) => Partial<Item> | null);

/** One import panel's files, all going to one vault. */
export class ImportQueue {
  private items = new Map<number, Item>();
  private order: number[] = [];
  private keyFiles: KeyFile[] = [];
  private summary: QueueSummary | null = null;
  private listeners = new Set<() => void>();
  private nextKey = 1;
  private requests = 0;
  /** The latest plan request per item: answers to older ones are dropped. */
  private latestPlan = new Map<number, number>();
  private timers = new Map<number, ReturnType<typeof setTimeout>>();
  private opening = new Pool<number>(OPEN_AT_ONCE);
  private sending = new Pool<number>(IMPORT_AT_ONCE, () => this.settled());
  private batch = new Set<number>();
  private imported: CertificateSummary[] = [];
  private frame: number | undefined;

  constructor(
    readonly vault: VaultEntry,
    private readonly onSettled: SettledListener,
  ) {}

  // Snapshots for useSyncExternalStore: each is the same object until it changes.
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };
  keys = () => this.order;
  item = (key: number) => this.items.get(key);
  keyOnlyFiles = () => this.keyFiles;
  getSummary = () => {
    this.summary ??= this.summarise();
    return this.summary;
  };

  /** Queues files to open; a file waiting in the queue is not queued twice (an imported one is). */
  add(paths: string[]) {
    const queued = new Set(
      [...this.items.values()]
        .filter((item) => item.step !== "done")
        .flatMap((item) => [item.path, ...item.files.map((file) => file.path)]),
    );
    const added: number[] = [];
    for (const path of new Set(paths)) {
      if (queued.has(path)) continue;
      const key = this.nextKey++;
      this.items.set(key, newItem(key, path));
      added.push(key);
    }
    if (added.length === 0) return;
    this.order = [...this.order, ...added];
    this.changed();
    for (const key of added) this.opening.add(key, () => this.open(key, null));
  }

  /** Opens a protected file. The password is passed on once and kept nowhere. */
  unlock(key: number, password: string) {
    this.update(key, { busy: true, error: null });
    void this.open(key, password);
  }

  setName(key: number, name: string) {
    if (this.items.get(key)?.name === name) return;
    this.update(key, (item) => ({ ...renamed(name), nameEdited: true, ...unfailed(item) }));
    this.checkSoon(key, CHECK_DELAY_MS);
  }

  /** Asks the vault about the name again (after a failed check or import). */
  recheck(key: number) {
    this.update(key, { check: null });
    this.checkSoon(key, 0);
  }

  choose(key: number, choices: ItemChoices) {
    this.update(key, (item) => ({ ...choices, ...unfailed(item) }));
  }

  setContentType(key: number, contentType: ContentType) {
    this.update(key, (item) => ({ contentType, ...unfailed(item) }));
    void this.plan(key);
  }

  /** Plans a certificate-only item together with a key-only one; they merge if Key Vault takes it. */
  async pair(key: number, keyItem: number) {
    const cert = this.items.get(key);
    const keyFile = this.items.get(keyItem);
    if (!cert || !keyFile) return;
    const files = [...cert.files, ...keyFile.files];
    const request = this.planRequest(key);
    this.update(key, { busy: true, pairError: null });
    let plan: ImportPlan;
    try {
      plan = await backend.planImport(
        files.map((file) => file.id),
        cert.contentType,
      );
    } catch (err) {
      if (this.isLatest(key, request)) {
        this.update(key, { busy: false, pairError: (err as AppError).message });
      }
      return;
    }
    if (!this.isLatest(key, request)) return;
    if (!this.items.has(keyItem)) {
      this.update(key, { busy: false });
      return;
    }
    if (!plan.report.key_vault.importable) {
      const why = plan.report.key_vault.problems.map((problem) => problem.message).join(" ");
      this.update(key, {
        busy: false,
        pairError: `${keyFile.fileName} does not complete this certificate. ${why}`.trim(),
      });
      return;
    }
    // The key's file now belongs to the pair: it leaves the queue without being closed.
    this.discard(keyItem);
    this.planned(key, plan, { files });
  }

  /** Takes an item out of the queue and closes its files (not while it is being imported). */
  remove(key: number) {
    const item = this.items.get(key);
    if (!item || item.step === "importing") return;
    this.discard(key);
    this.changed();
    if (item.step !== "done") this.forget(fileIds(item));
  }

  importReady() {
    this.send(
      [...this.items.values()].filter((item) => item.step === "planned" && canImport(item)),
    );
  }

  importOne(key: number) {
    const item = this.items.get(key);
    if (item && canImport(item)) this.send([item]);
  }

  retryFailed() {
    this.send([...this.items.values()].filter((item) => item.step === "failed" && canImport(item)));
  }

  /** Stops imports that have not started; those under way finish. */
  cancel() {
    for (const key of this.sending.drop()) {
      this.batch.delete(key);
      this.patch(key, { step: "planned" });
    }
    this.changed();
  }

  /** Empties the queue (the panel closed): nothing waiting starts, every open file is closed. */
  close() {
    this.opening.drop();
    this.sending.drop();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    const open = [...this.items.values()].filter((item) => item.step !== "done");
    this.items.clear();
    this.order = [];
    this.batch = new Set();
    this.changed();
    this.forget(open.flatMap(fileIds));
  }

  private async open(key: number, password: string | null) {
    const path = this.items.get(key)?.path;
    if (path === undefined) return;
    let file: OpenedFileInfo;
    try {
      file = await backend.openFile(path, password);
    } catch (err) {
      const error = err as AppError;
      const asks = error.code === "PasswordRequired" || error.code === "WrongPassword";
      this.update(key, {
        step: asks ? "password" : "unreadable",
        busy: false,
        error: error.code === "PasswordRequired" ? null : error,
      });
      return;
    }
    // Removed (or the panel closed) while it opened: nothing may keep it open.
    if (!this.items.has(key)) return this.forget([file.id]);
    this.update(key, { step: "opening", busy: false, error: null, files: [file] });
    await this.plan(key);
  }

  private async plan(key: number) {
    const item = this.items.get(key);
    if (!item) return;
    const request = this.planRequest(key);
    this.update(key, { busy: true });
    try {
      const plan = await backend.planImport(fileIds(item), item.contentType);
      if (this.isLatest(key, request)) this.planned(key, plan, {});
    } catch (err) {
      if (this.isLatest(key, request)) {
        this.update(key, { step: "unreadable", busy: false, error: err as AppError });
      }
    }
  }

  private planned(key: number, plan: ImportPlan, patch: Partial<Item>) {
    const item = this.update(key, (current) => {
      const suggested = plan.suggested_name ?? nameFromFile(current.fileName);
      const keepName = current.nameEdited || suggested === current.name;
      return {
        ...patch,
        step: "planned",
        busy: false,
        error: null,
        pairError: null,
        plan,
        ...(keepName ? {} : renamed(suggested)),
      };
    });
    if (item && importable(item) && item.check?.name !== item.name) this.checkSoon(key, 0);
  }

  private checkSoon(key: number, delay: number) {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.check(key);
      }, delay),
    );
  }

  private async check(key: number) {
    const item = this.items.get(key);
    if (!item || !importable(item) || nameProblem(item.name)) return;
    const name = item.name;
    this.update(key, { check: { name, status: null, error: null } });
    let answer: NameCheck;
    try {
      const status = await backend.checkCertificateName(this.vault.id, name);
      answer = { name, status, error: null };
    } catch (err) {
      answer = { name, status: null, error: err as AppError };
    }
    this.update(key, (current) => (current.check?.name === name ? { check: answer } : null));
  }

  private send(items: Item[]) {
    if (items.length === 0) return;
    if (!this.sending.busy) this.batch = new Set();
    for (const item of items) {
      this.batch.add(item.key);
      this.patch(item.key, { step: "queued", error: null });
    }
    this.changed();
    for (const item of items) this.sending.add(item.key, () => this.importItem(item.key));
  }

  private async importItem(key: number) {
    const item = this.items.get(key);
    if (!item) return;
    if (this.patch(key, { step: "importing" })) this.changedSoon();
    try {
      const summary = await backend.importCertificate(
        this.vault.id,
        fileIds(item),
        item.contentType,
        importOptions(item),
      );
      this.imported.push(summary);
      if (this.patch(key, { step: "done", imported: summary })) this.changedSoon();
      // Other items with this name were told it was free: it is not any more.
      for (const other of this.items.values()) {
        if (other.key !== key && other.step === "planned" && sameName(other.name, summary.name)) {
          this.recheck(other.key);
        }
      }
    } catch (err) {
      const error = err as AppError;
      this.update(key, { step: "failed", error });
      // The name changed state since it was checked: show the choice it needs now.
      if (error.code === "DeletedButRecoverable" || error.code === "Conflict") this.recheck(key);
    }
  }

  private settled() {
    const imported = this.imported;
    this.imported = [];
    // Also after the panel closed: what was imported must still show in the vault.
    if (imported.length > 0) this.onSettled(this.vault, imported);
    this.changed();
  }

  private planRequest(key: number) {
    const request = ++this.requests;
    this.latestPlan.set(key, request);
    return request;
  }

  private isLatest(key: number, request: number) {
    return this.latestPlan.get(key) === request && this.items.has(key);
  }

  /** Drops an item and everything pending for it, leaving its files open. */
  private discard(key: number) {
    this.opening.drop((k) => k === key);
    this.sending.drop((k) => k === key);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.latestPlan.delete(key);
    this.batch.delete(key);
    this.items.delete(key);
    this.order = this.order.filter((k) => k !== key);
  }

  private forget(ids: number[]) {
    // Nothing to tell the user if this fails: the files are gone from the panel either way.
    if (ids.length > 0) backend.closeFiles(ids).catch(() => {});
  }

  /** Changes an item without telling the views (callers do, once); false if nothing changed. */
  private patch(key: number, patch: Patch): boolean {
    const item = this.items.get(key);
    const changes = item && (typeof patch === "function" ? patch(item) : patch);
    if (!item || !changes) return false;
    this.items.set(key, { ...item, ...changes });
    return true;
  }

  private update(key: number, patch: Patch) {
    if (this.patch(key, patch)) this.changed();
    return this.items.get(key);
  }

  /**
   * Tells the views once per frame: an import's own steps (importing, done) arrive by the
   * hundred during "Import all", and each re-render takes the CPU the vault is importing with.
   * What the user types is never deferred (`changed`), so no keystroke waits a frame.
   */
  private changedSoon() {
    this.summary = null;
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.changed();
    });
  }

  private changed() {
    this.markQueueFacts();
    const keyFiles = this.order
      .map((key) => this.items.get(key))
      .filter((item): item is Item => {
        const only = item?.files.length === 1 ? item.files[0] : undefined;
        return only !== undefined && isKeyOnly(only.report);
      })
      .map((item) => ({ key: item.key, fileName: item.fileName }));
    const same =
      keyFiles.length === this.keyFiles.length &&
      keyFiles.every((file, i) => file.key === this.keyFiles[i]?.key);
    if (!same) this.keyFiles = keyFiles;
    this.summary = null;
    for (const listener of this.listeners) listener();
  }

  /**
   * Flags what an item's state owes to the others: importable items sharing a name (only one
   * could be a new certificate), and certificates whose key may be in a file still opening.
   */
  private markQueueFacts() {
    const all = [...this.items.values()];
    const unopened = all.some((item) => item.step === "opening" && item.files.length === 0);
    const candidates = all.filter((item) => importable(item) && item.step !== "done");
    const counts = new Map<string, number>();
    for (const item of candidates) {
      const name = item.name.toLowerCase();
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const flagged = new Set(
      candidates.filter((item) => (counts.get(item.name.toLowerCase()) ?? 0) > 1),
    );
    for (const item of all) {
      const duplicate = flagged.has(item);
      const keysPending = unopened && needsKey(item);
      if (item.duplicate !== duplicate || item.keysPending !== keysPending) {
        this.items.set(item.key, { ...item, duplicate, keysPending });
      }
    }
  }

  private summarise(): QueueSummary {
    const counts = Object.fromEntries(itemStates.map((state) => [state, 0])) as Record<
      ItemState,
      number
    >;
    for (const item of this.items.values()) counts[itemState(item)]++;
    const batch = { size: this.batch.size, done: 0, failed: 0 };
    for (const key of this.batch) {
      const step = this.items.get(key)?.step;
      if (step === "done" || step === "failed") batch[step]++;
    }
    return {
      counts,
      total: this.items.size,
      batch,
      importing: this.sending.busy,
    };
  }
}
