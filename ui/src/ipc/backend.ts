import { invoke } from "@tauri-apps/api/core";
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
};
