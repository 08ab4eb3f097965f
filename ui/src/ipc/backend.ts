import { Channel, invoke } from "@tauri-apps/api/core";
import type { AddAzureVaultArgs } from "./bindings/AddAzureVaultArgs";
import type { CertificateSummary } from "./bindings/CertificateSummary";
import type { Commands } from "./bindings/Commands";
import type { ContentType } from "./bindings/ContentType";
import type { ImportOptions } from "./bindings/ImportOptions";
import type { ThemePreference } from "./bindings/ThemePreference";
import type { VaultId } from "./bindings/VaultId";
import type { PlainCommand, StreamingCommand } from "./commands";
import { toAppError } from "./errors";

type Args<K extends keyof Commands> = Commands[K]["args"];
type Result<K extends keyof Commands> = Commands[K]["result"];

/** Calls a backend command with its one args struct; rejects with an AppError, never a bare string. */
export async function call<K extends PlainCommand>(command: K, args: Args<K>): Promise<Result<K>> {
  try {
    return await invoke<Result<K>>(command, { args });
  } catch (err) {
    throw toAppError(err);
  }
}

/** Calls a streaming command, handing each event it sends to `onEvent` until it resolves. */
export async function stream<K extends StreamingCommand>(
  command: K,
  args: Args<K>,
  onEvent: (event: Commands[K]["event"]) => void,
): Promise<Result<K>> {
  try {
    return await invoke<Result<K>>(command, { args, onEvent: new Channel(onEvent) });
  } catch (err) {
    throw toAppError(err);
  }
}

/** The backend as the views use it. */
export const backend = {
  aboutInfo: () => call("about_info", null),
  getSettings: () => call("get_settings", null),
  setTheme: (theme: ThemePreference) => call("set_theme", { theme }),
  setZoom: (percent: number) => call("set_zoom", { percent }),
  listVaults: () => call("list_vaults", null),
  addLocalVault: (name: string) => call("add_local_vault", { name }),
  addAzureVault: (args: AddAzureVaultArgs) => call("add_azure_vault", args),
  renameVault: (vault: VaultId, name: string) => call("rename_vault", { vault, name }),
  setVaultColor: (vault: VaultId, color: string | null) =>
    call("set_vault_color", { vault, color }),
  removeVault: (vault: VaultId) => call("remove_vault", { vault }),
  reorderVaults: (order: VaultId[]) => call("reorder_vaults", { order }),
  addSamples: (vault: VaultId) => call("add_samples", { vault }),
  /** Lists a vault's certificates, handing each batch of rows to `onRows` as it arrives. */
  listCertificates: (
    vault: VaultId,
    request: number,
    onRows: (rows: CertificateSummary[]) => void,
  ) => stream("list_certificates", { vault, request }, onRows),
  cancelRequest: (request: number) => call("cancel_request", { request }),
  getCertificate: (vault: VaultId, name: string, version: string | null) =>
    call("get_certificate", { vault, name, version }),
  listVersions: (vault: VaultId, name: string) => call("list_versions", { vault, name }),
  openInPortal: (vault: VaultId, id: string) => call("open_in_portal", { vault, id }),
  /** Resolves to the saved path, or null when the user cancelled the dialog. */
  saveTextFile: (suggestedName: string, contents: string) =>
    call("save_text_file", { suggested_name: suggestedName, contents }),
  /** The native multi-select dialog; resolves to the granted paths ([] when cancelled). */
  pickFiles: () => call("pick_files", null),
  /** Files opened with CertDeck before the UI listened for drops (its command line); once. */
  takeOpenedFiles: () => call("take_opened_files", null),
  /** Opens a granted file; rejects with PasswordRequired or WrongPassword when it needs one. */
  openFile: (path: string, password: string | null) => call("open_file", { path, password }),
  /** Forgets opened files; the backend zeroizes their keys and passwords. */
  closeFiles: (files: number[]) => call("close_files", { files }),
  /** What importing `files` as one certificate would send; null content type = the default. */
  planImport: (files: number[], contentType: ContentType | null) =>
    call("plan_import", { files, content_type: contentType }),
  checkCertificateName: (vault: VaultId, name: string) =>
    call("check_certificate_name", { vault, name }),
  /** Imports `files` as one certificate; on success the backend closes them. */
  importCertificate: (
    vault: VaultId,
    files: number[],
    contentType: ContentType | null,
    options: ImportOptions,
  ) => call("import_certificate", { vault, files, content_type: contentType, options }),
};
