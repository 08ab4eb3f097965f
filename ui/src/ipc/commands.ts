// The commands the backend exposes, with their argument and result types. Argument and
// result types are generated from Rust (./bindings); a misspelt command or a wrong argument
// is a compile error here.
import type { AboutInfo } from "./bindings/AboutInfo";
import type { Settings } from "./bindings/Settings";
import type { ThemePreference } from "./bindings/ThemePreference";

export interface Commands {
  about_info: { args: Record<string, never>; result: AboutInfo };
  get_settings: { args: Record<string, never>; result: Settings };
  set_theme: { args: { theme: ThemePreference }; result: Settings };
}

export type CommandName = keyof Commands;
