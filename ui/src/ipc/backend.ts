import { Channel, invoke } from "@tauri-apps/api/core";
import type { CertificateSummary } from "./bindings/CertificateSummary";
import type { ContentType } from "./bindings/ContentType";
import type { ImportOptions } from "./bindings/ImportOptions";
import type { VaultId } from "./bindings/VaultId";
import type { CommandName, Commands } from "./commands";
import { toAppError } from "./errors";

/** Calls a backend command; rejects with an AppError, never with a bare string. */
export async function call<K extends CommandName>(
  command: K,
  ...args: Commands[K]["args"] extends Record<string, never> ? [] : [Commands[K]["args"]]
): Promise<Commands[K]["result"]> {
  try {
    return await invoke<Commands[K]["result"]>(command, args[0]);
  } catch (err) {
    throw toAppError(err);
  }
}

/** The backend as the views use it. */
export const backend = {
  aboutInfo: () => call("about_info"),
  getSettings: () => call("get_settings"),
  setTheme: (theme: Commands["set_theme"]["args"]["theme"]) => call("set_theme", { theme }),
  listVaults: () => call("list_vaults"),
  addLocalVault: (name: string) => call("add_local_vault", { name }),
  addAzureVault: (args: Commands["add_azure_vault"]["args"]) => call("add_azure_vault", args),
  renameVault: (vault: VaultId, name: string) => call("rename_vault", { vault, name }),
  setVaultColor: (vault: VaultId, color: string | null) =>
    call("set_vault_color", { vault, color }),
  removeVault: (vault: VaultId) => call("remove_vault", { vault }),
  reorderVaults: (order: VaultId[]) => call("reorder_vaults", { order }),
  addSamples: (vault: VaultId) => call("add_samples", { vault }),
  /** Lists a vault's certificates, handing each page to `onPage` as it arrives. */
  listCertificates: (
    vault: VaultId,
    request: number,
    onPage: (page: CertificateSummary[]) => void,
  ) => call("list_certificates", { vault, request, onPage: new Channel(onPage) }),
  cancelRequest: (request: number) => call("cancel_request", { request }),
  getCertificate: (vault: VaultId, name: string, version: string | null) =>
    call("get_certificate", { vault, name, version }),
  listVersions: (vault: VaultId, name: string) => call("list_versions", { vault, name }),
  openInPortal: (vault: VaultId, id: string) => call("open_in_portal", { vault, id }),
  saveTextFile: (suggestedName: string, contents: string) =>
    call("save_text_file", { suggestedName, contents }),
  pickFiles: () => call("pick_files"),
  openFile: (path: string, password: string | null) => call("open_file", { path, password }),
  closeFiles: (files: number[]) => call("close_files", { files }),
  planImport: (files: number[], contentType: ContentType | null) =>
    call("plan_import", { files, contentType }),
  checkCertificateName: (vault: VaultId, name: string) =>
    call("check_certificate_name", { vault, name }),
  importCertificate: (
    vault: VaultId,
    files: number[],
    contentType: ContentType | null,
    options: ImportOptions,
  ) => call("import_certificate", { vault, files, contentType, options }),
};
