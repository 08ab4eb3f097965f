import type { AppError } from "./bindings/AppError";

export type { AppError };

/** Whether `value` already has the `{code, message, hint}` shape of a backend error. */
export function isAppError(value: unknown): value is AppError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AppError).code === "string" &&
    typeof (value as AppError).message === "string"
  );
}

/** Tauri's words when a command's args do not deserialize; the rest is the backend's reason. */
const INVALID_ARGS = /^invalid args `[^`]*` for command `[^`]*`: (.+)$/s;

/**
 * Normalises anything thrown across IPC into an AppError. The backend always sends the
 * `{code, message, hint}` shape; args refused while deserializing (a certificate name or
 * version outside Key Vault's rules) become InvalidInput with the backend's reason; anything
 * else (a runtime failure, a missing permission) becomes an Internal error that still reads well.
 */
export function toAppError(value: unknown): AppError {
  if (isAppError(value)) return { ...value, hint: value.hint ?? null };
  const message =
    typeof value === "string" ? value : value instanceof Error ? value.message : String(value);
  const refused = INVALID_ARGS.exec(message)?.[1];
  if (refused) {
    return {
      code: "InvalidInput",
      message: refused,
      hint: "Nothing was sent to the vault. Correct the value and try again.",
    };
  }
  return {
    code: "Internal",
    message: message || "Something went wrong in CertDeck.",
    hint: "If this keeps happening, the log file (Settings → Storage) has the details.",
  };
}
