import { mockIPC } from "@tauri-apps/api/mocks";
import type { CommandName, Commands } from "../ipc/commands";

type Handlers = {
  [K in CommandName]?: (args: Commands[K]["args"]) => Commands[K]["result"];
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

/**
 * A fake backend for views under test: typed like the real command map, with a working
 * settings store unless a handler is overridden. Returns the list of calls made.
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
