import type { Channel } from "@tauri-apps/api/core";
import { emit } from "@tauri-apps/api/event";
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { act } from "@testing-library/react";
import type { CertificateDetails } from "../ipc/bindings/CertificateDetails";
import type { CertificateInfo } from "../ipc/bindings/CertificateInfo";
import type { CertificateSummary } from "../ipc/bindings/CertificateSummary";
import type { Commands } from "../ipc/bindings/Commands";
import type { Finding } from "../ipc/bindings/Finding";
import type { ImportPlan } from "../ipc/bindings/ImportPlan";
import type { Report } from "../ipc/bindings/Report";
import type { VaultEntry } from "../ipc/bindings/VaultEntry";
import type { VaultId } from "../ipc/bindings/VaultId";
import { type CommandName, FILES_DROPPED } from "../ipc/commands";

/** The channel a streaming command sends its events on. */
export type Events<K extends CommandName> = Channel<Commands[K]["event"]>;

/** Fake commands: each gets its args struct and, if it streams, its channel. */
type Handlers = {
  [K in CommandName]?: (
    args: Commands[K]["args"],
    events: Events<K>,
  ) => Commands[K]["result"] | Promise<Commands[K]["result"]>;
};

export const aboutFixture: Commands["about_info"]["result"] = {
  app_name: "CertDeck",
  app_version: "0.1.0",
  commit: "abc1234",
  tauri_version: "2.12.5",
  webview_engine: "WebKitGTK",
  webview_version: "2.50.6",
  os: "linux",
  arch: "x86_64",
  config_dir: "/tmp/cfg",
  data_dir: "/tmp/data",
  log_file: "/tmp/data/logs/certdeck.log",
};

const DAY = 86_400;
export const now = () => Math.floor(Date.now() / 1000);

export function localVault(id: VaultId, name: string): VaultEntry {
  return {
    id,
    name,
    url: `https://127.0.0.1:8443/${id}/`,
    credential: { kind: "local_vault", data_dir: "/tmp/data/local" },
    color: null,
    local_name: name.toLowerCase().replaceAll(" ", "-"),
  };
}

export function azureVault(id: VaultId, name: string): VaultEntry {
  return {
    id,
    name,
    url: `https://${name}.vault.azure.net/`,
    credential: { kind: "developer_tools" },
    color: "#3b82f6",
    local_name: null,
  };
}

/** A listing row; healthy for a year unless told otherwise. */
export function cert(
  name: string,
  overrides: Partial<CertificateSummary> = {},
): CertificateSummary {
  return {
    name,
    id: `https://vault.example/certificates/${name}`,
    version: null,
    enabled: true,
    not_before: now() - 30 * DAY,
    expires: now() + 365 * DAY,
    created: now() - 30 * DAY,
    updated: now() - 30 * DAY,
    thumbprint: `${name.toUpperCase().replaceAll("-", "").padEnd(8, "0").slice(0, 8)}${"AB".repeat(16)}`,
    tags: {},
    status: "Healthy",
    ...overrides,
  };
}

export function expiringIn(
  days: number,
  name: string,
  overrides: Partial<CertificateSummary> = {},
) {
  const status = days <= 0 ? "Expired" : days <= 30 ? "ExpiresSoon" : "Healthy";
  return cert(name, { expires: now() + days * DAY, status, ...overrides });
}

export function detailsOf(summary: CertificateSummary): CertificateDetails {
  return {
    summary,
    certificate: {
      subject: `CN=${summary.name}.example.com`,
      issuer: `CN=${summary.name}.example.com`,
      serial: "01AB",
      not_before: "2026-01-01T00:00:00Z",
      not_after: "2027-01-01T00:00:00Z",
      sha1: "A".repeat(40),
      sha256: "B".repeat(64),
      x5t: "x5t",
      san: {
        dns: [`${summary.name}.example.com`, "www.example.com"],
        ip: ["10.0.0.1"],
        email: ["ops@example.com"],
        uri: [],
        upn: [],
      },
      key: { type: "RSA", bits: 2048, curve: null },
      key_usage: ["digitalSignature", "keyEncipherment"],
      extended_key_usage: ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2", "1.2.3.4"],
      is_ca: false,
      self_signed: true,
    },
    policy: {
      issuer: "Self",
      subject: `CN=${summary.name}.example.com`,
      key_type: "RSA",
      key_size: 2048,
      curve: null,
      exportable: true,
      reuse_key: false,
      content_type: "application/x-pkcs12",
      validity_months: 12,
      lifetime_actions: ["AutoRenew at 80 % of lifetime"],
    },
  };
}

/** Sends a batch of rows on a listing's channel, as the backend does. */
export function sendRows(events: Events<"list_certificates">, rows: CertificateSummary[]) {
  events.onmessage(rows);
}

/** A listing handler that sends every row in batches, then completes with the row count. */
export function listing(rows: CertificateSummary[], batchSize = 25) {
  return (_args: Commands["list_certificates"]["args"], events: Events<"list_certificates">) => {
    for (let i = 0; i < rows.length; i += batchSize) {
      sendRows(events, rows.slice(i, i + batchSize));
    }
    return rows.length;
  };
}

/** A promise a test settles by hand. */
export function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (reason: unknown) => void = () => {};
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const YEAR_MS = 365 * DAY * 1000;

/** A leaf certificate as a file report lists it: issued by Contoso's CA, valid for a year. */
export function leafInfo(cn: string): CertificateInfo {
  return {
    subject: `C=US, O=Contoso, CN=${cn}`,
    issuer: "C=US, O=Contoso, CN=Contoso Issuing CA",
    serial: "0A1B2C",
    not_before: new Date(Date.now() - YEAR_MS / 12).toISOString(),
    not_after: new Date(Date.now() + YEAR_MS).toISOString(),
    sha1: "A".repeat(40),
    sha256: `${cn}-sha256`,
    x5t: "x5t",
    san: { dns: [cn], ip: [], email: [], uri: [], upn: [] },
    key: { type: "RSA", bits: 2048, curve: null },
    key_usage: ["digitalSignature", "keyEncipherment"],
    extended_key_usage: ["1.3.6.1.5.5.7.3.1"],
    is_ca: false,
    self_signed: false,
  };
}

const finding = (code: Finding["code"], message: string): Finding => ({ code, message });

/**
 * What the backend reports for a file holding a leaf for `cn` (none when null) and, unless
 * `key` is false, its private key; judged as Key Vault would.
 */
export function fileReport(cn: string | null, { key = true } = {}): Report {
  const certificates = cn ? [leafInfo(cn)] : [];
  const problems = [
    ...(cn ? [] : [finding("NoCertificate", "The file holds no certificate.")]),
    ...(key
      ? []
      : [
          finding(
            "NoPrivateKey",
            "The file holds no private key; Key Vault imports a certificate with its key.",
          ),
        ]),
  ];
  const issuer = "C=US, O=Contoso, CN=Contoso Issuing CA";
  return {
    format: cn && key ? "pkcs12" : cn ? "der_certificate" : "pem",
    certificates,
    private_keys: key
      ? [{ matches_certificate: cn ? 0 : null, type: "RSA", bits: 2048, curve: null }]
      : [],
    chain: {
      order_in_file: certificates.map((_, i) => i),
      complete: false,
      missing_issuers: cn ? [issuer] : [],
    },
    key_vault: {
      importable: problems.length === 0,
      problems,
      warnings: cn
        ? [finding("IncompleteChain", `The chain is missing its issuer: ${issuer}.`)]
        : [],
    },
    pkcs12: null,
  };
}

/** What plan_import answers for files reporting `report` (one file unless `files` says). */
export function planOf(report: Report, files = 1): ImportPlan {
  const cn = report.certificates[0]?.subject.split("CN=")[1];
  const pfx = report.format === "pkcs12" && files === 1;
  return {
    content_type: pfx ? "Pfx" : "Pem",
    report,
    repairs:
      files > 1
        ? [
            {
              code: "Combined",
              message: `The certificate and its private key come from ${files} files and are sent as one.`,
            },
          ]
        : [],
    sends: pfx
      ? "The PFX exactly as dropped, with its password."
      : "PEM: an unencrypted PKCS#8 key and 1 certificate(s), leaf first, LF line ends.",
    suggested_name: cn ? cn.replace(/[^0-9a-zA-Z]+/g, "-") : null,
  };
}

export interface FakeFile {
  report: Report;
  /** The file opens only with this password. */
  password?: string;
}

/**
 * The import commands over fake files by path, answering as the backend does: a protected
 * file asks for its password, several ids plan as one certificate (the first file's leaf with
 * every file's key), an import closes its files. `open` holds the ids not closed yet.
 */
export function fakeFiles(files: Record<string, FakeFile>) {
  const open = new Map<number, Report>();
  let nextId = 100;
  const reportOf = (id: number) => {
    const report = open.get(id);
    if (!report) throw { code: "NotFound", message: "This file is no longer open.", hint: null };
    return report;
  };
  const handlers = {
    open_file: ({ path, password }) => {
      const file = files[path];
      const name = path.split("/").pop() ?? path;
      if (!file) throw { code: "Forbidden", message: `${name} was not dropped.`, hint: null };
      if (file.password !== undefined && password === null) {
        throw { code: "PasswordRequired", message: `${name}: needs a password`, hint: null };
      }
      if (file.password !== undefined && password !== file.password) {
        throw {
          code: "WrongPassword",
          message: `${name}: wrong password, or the file is damaged`,
          hint: null,
        };
      }
      const id = nextId++;
      open.set(id, file.report);
      return { id, path, file_name: name, report: file.report };
    },
    plan_import: ({ files: ids, content_type }) => {
      const reports = ids.map(reportOf);
      const cn = reports[0]?.certificates[0]?.subject.split("CN=")[1] ?? null;
      const report =
        reports.length === 1
          ? (reports[0] as Report)
          : fileReport(cn, { key: reports.some((r) => r.private_keys.length > 0) });
      const plan = planOf(report, ids.length);
      return content_type ? { ...plan, content_type } : plan;
    },
    close_files: ({ files: ids }) => {
      for (const id of ids) open.delete(id);
      return null;
    },
    import_certificate: ({ files: ids, options }) => {
      ids.forEach(reportOf);
      for (const id of ids) open.delete(id);
      return cert(options.name, { version: "0123456789abcdef" });
    },
  } satisfies Handlers;
  return { handlers, open };
}

/** What the backend announces after a native drop of `paths` on the window. */
export const dropFiles = (paths: string[]) => act(() => emit(FILES_DROPPED, paths));

/** The webview's drag events, which only show and hide the overlay. */
export const dragEnter = () =>
  act(() => emit("tauri://drag-enter", { paths: [], position: { x: 10, y: 10 } }));
export const dragLeave = () => act(() => emit("tauri://drag-leave", null));

/**
 * A fake backend for views under test: typed like the real command map, with a working
 * settings store and no vaults unless a handler is overridden; events work (dropFiles).
 * Every call must send its args as the backend takes them, `{ args }` (plus `onEvent` for a
 * streaming command). Returns the list of calls made, with their args structs.
 */
export function mockBackend(overrides: Handlers = {}) {
  const calls: { command: string; args: unknown }[] = [];
  let settings: Commands["get_settings"]["result"] = { theme: "system" };
  const handlers: Handlers = {
    about_info: () => aboutFixture,
    get_settings: () => settings,
    set_theme: ({ theme }) => {
      settings = { ...settings, theme };
      return settings;
    },
    set_zoom: ({ percent }) => {
      settings = { ...settings, zoom_percent: percent === 100 ? null : percent };
      return settings;
    },
    list_vaults: () => [],
    list_accounts: () => [],
    cancel_request: () => null,
    close_files: () => null,
    take_opened_files: () => [],
    ...overrides,
  };
  mockWindows("main");
  mockIPC(
    (command, payload) => {
      const handler = handlers[command as CommandName] as
        | ((args: unknown, events: unknown) => unknown)
        | undefined;
      if (!handler) throw new Error(`unexpected command ${command}`);
      const { args, onEvent, ...rest } = (payload ?? {}) as Record<string, unknown>;
      if (args === undefined || Object.keys(rest).length > 0) {
        throw new Error(`${command} called with ${JSON.stringify(payload)}, not { args }`);
      }
      calls.push({ command, args });
      return handler(args, onEvent);
    },
    { shouldMockEvents: true },
  );
  return calls;
}

/** The arguments of every call to `command`, typed. */
export function callsOf<K extends CommandName>(
  calls: { command: string; args: unknown }[],
  command: K,
): Commands[K]["args"][] {
  return calls.filter((c) => c.command === command).map((c) => c.args as Commands[K]["args"]);
}
