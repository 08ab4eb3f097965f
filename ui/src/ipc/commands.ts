// The commands the backend exposes, with their argument and result types. Argument and
// result types are generated from Rust (./bindings); a misspelt command or a wrong argument
// is a compile error here.
import type { Channel } from "@tauri-apps/api/core";
import type { AboutInfo } from "./bindings/AboutInfo";
import type { CertificateDetails } from "./bindings/CertificateDetails";
import type { CertificateSummary } from "./bindings/CertificateSummary";
import type { ContentType } from "./bindings/ContentType";
import type { CredentialKind } from "./bindings/CredentialKind";
import type { ImportOptions } from "./bindings/ImportOptions";
import type { ImportPlan } from "./bindings/ImportPlan";
import type { NameStatus } from "./bindings/NameStatus";
import type { OpenedFileInfo } from "./bindings/OpenedFileInfo";
import type { Settings } from "./bindings/Settings";
import type { ThemePreference } from "./bindings/ThemePreference";
import type { VaultEntry } from "./bindings/VaultEntry";
import type { VaultId } from "./bindings/VaultId";

export interface Commands {
  about_info: { args: Record<string, never>; result: AboutInfo };
  get_settings: { args: Record<string, never>; result: Settings };
  set_theme: { args: { theme: ThemePreference }; result: Settings };
  list_vaults: { args: Record<string, never>; result: VaultEntry[] };
  add_local_vault: { args: { name: string }; result: VaultEntry };
  add_azure_vault: {
    args: {
      url: string;
      name: string | null;
      credential: CredentialKind;
      clientSecret: string | null;
    };
    result: VaultEntry;
  };
  rename_vault: { args: { vault: VaultId; name: string }; result: VaultEntry[] };
  set_vault_color: { args: { vault: VaultId; color: string | null }; result: VaultEntry[] };
  remove_vault: { args: { vault: VaultId }; result: VaultEntry[] };
  reorder_vaults: { args: { order: VaultId[] }; result: VaultEntry[] };
  add_samples: { args: { vault: VaultId }; result: string[] };
  /** Streams pages on `onPage`; resolves to the row count once the listing is complete. */
  list_certificates: {
    args: { vault: VaultId; request: number; onPage: Channel<CertificateSummary[]> };
    result: number;
  };
  cancel_request: { args: { request: number }; result: null };
  get_certificate: {
    args: { vault: VaultId; name: string; version: string | null };
    result: CertificateDetails;
  };
  list_versions: { args: { vault: VaultId; name: string }; result: CertificateSummary[] };
  open_in_portal: { args: { vault: VaultId; id: string }; result: null };
  /** Resolves to the saved path, or null when the user cancelled the dialog. */
  save_text_file: { args: { suggestedName: string; contents: string }; result: string | null };
  /** The native multi-select dialog; resolves to the granted paths ([] when cancelled). */
  pick_files: { args: Record<string, never>; result: string[] };
  /** Opens a granted file; rejects with PasswordRequired or WrongPassword when it needs one. */
  open_file: { args: { path: string; password: string | null }; result: OpenedFileInfo };
  /** Forgets opened files; the backend zeroizes their keys and passwords. */
  close_files: { args: { files: number[] }; result: null };
  /** What importing `files` as one certificate would send; null content type = the default. */
  plan_import: {
    args: { files: number[]; contentType: ContentType | null };
    result: ImportPlan;
  };
  check_certificate_name: { args: { vault: VaultId; name: string }; result: NameStatus };
  /** Imports `files` as one certificate; on success the backend closes them. */
  import_certificate: {
    args: {
      vault: VaultId;
      files: number[];
      contentType: ContentType | null;
      options: ImportOptions;
    };
    result: CertificateSummary;
  };
}

/** The event a native drop on the window raises, with the granted canonical paths. */
export const FILES_DROPPED = "certdeck://files-dropped";

export type CommandName = keyof Commands;
