import { mockIPC } from "@tauri-apps/api/mocks";
import type { CertificateDetails } from "../ipc/bindings/CertificateDetails";
import type { CertificateSummary } from "../ipc/bindings/CertificateSummary";
import type { VaultEntry } from "../ipc/bindings/VaultEntry";
import type { VaultId } from "../ipc/bindings/VaultId";
import type { CommandName, Commands } from "../ipc/commands";

type Handlers = {
  [K in CommandName]?: (
    args: Commands[K]["args"],
  ) => Commands[K]["result"] | Promise<Commands[K]["result"]>;
};

export const aboutFixture: Commands["about_info"]["result"] = {
  app_name: "CertDeck",
  app_version: "0.1.0",
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

/** Sends `page` on a listing's channel, as the backend does for each page it gets. */
export function sendPage(args: Commands["list_certificates"]["args"], page: CertificateSummary[]) {
  args.onPage.onmessage(page);
}

/** A listing handler that sends every page, then completes with the row count. */
export function listing(rows: CertificateSummary[], pageSize = 25) {
  return (args: Commands["list_certificates"]["args"]) => {
    for (let i = 0; i < rows.length; i += pageSize) sendPage(args, rows.slice(i, i + pageSize));
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

/**
 * A fake backend for views under test: typed like the real command map, with a working
 * settings store and no vaults unless a handler is overridden. Returns the list of calls made.
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
    list_vaults: () => [],
    cancel_request: () => null,
    ...overrides,
  };
  mockIPC((command, args) => {
    calls.push({ command, args });
    const handler = handlers[command as CommandName] as ((a: unknown) => unknown) | undefined;
    if (!handler) throw new Error(`unexpected command ${command}`);
    return handler(args);
  });
  return calls;
}

/** The arguments of every call to `command`, typed. */
export function callsOf<K extends CommandName>(
  calls: { command: string; args: unknown }[],
  command: K,
): Commands[K]["args"][] {
  return calls.filter((c) => c.command === command).map((c) => c.args as Commands[K]["args"]);
}
