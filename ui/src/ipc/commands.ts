// The backend's commands, declared once in Rust: their argument, result and event types are
// generated into ./bindings/Commands.ts, so a misspelt command or a wrong argument is a
// compile error.
import type { Commands } from "./bindings/Commands";

export type CommandName = keyof Commands;

/** Commands that stream events on a channel before they resolve. */
export type StreamingCommand = {
  [K in CommandName]: [Commands[K]["event"]] extends [never] ? never : K;
}[CommandName];

/** Commands that answer once. */
export type PlainCommand = Exclude<CommandName, StreamingCommand>;

/** The event a native drop on the window raises, with the granted canonical paths. */
export const FILES_DROPPED = "certdeck://files-dropped";
