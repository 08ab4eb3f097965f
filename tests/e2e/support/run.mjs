// One E2E run's folders and the secrets it uses, for the secret scan that follows the run
// (secret-scan.mjs). Everything lives under target/e2e-run/ (emptied by `secret-scan.mjs
// --clean` before a full run):
//   <suite>-XXXXXX/{config,data}  each launch's CertDeck dirs: scanned (the local vault's own
//                                 store excepted, whose files must be mode 0600)
//   fixtures/<name>-XXXXXX/       files a suite makes to feed the app (keys, PFX): not scanned
//   saved/<name>-XXXXXX/          files a suite saves as a user would (downloads): not scanned
//   secrets.jsonl                 what the scan looks for, one {kind, label, value} a line
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
/** CERTDECK_E2E_RUN moves it, e.g. to keep one suite's run apart from another's. */
export const runRoot =
  process.env.CERTDECK_E2E_RUN ??
  join(process.env.CARGO_TARGET_DIR ?? join(repoRoot, "target"), "e2e-run");
export const FIXTURES = "fixtures";
export const SAVED = "saved";
export const SECRETS_FILE = "secrets.jsonl";

function freshDir(parent, prefix) {
  mkdirSync(parent, { recursive: true, mode: 0o700 });
  return realpathSync(mkdtempSync(join(parent, `${prefix}-`)));
}

/** A new folder for one launch's config and data dirs. */
export function launchRoot(suite) {
  return freshDir(runRoot, suite);
}

/** A new folder for input files a suite makes (keys and certificates it then drops). */
export function fixtureDir(name) {
  return freshDir(join(runRoot, FIXTURES), name);
}

/** A new folder for files a suite saves through the app as a user would. */
export function savedDir(name) {
  return freshDir(join(runRoot, SAVED), name);
}

/**
 * Records a secret the run uses — a password typed into the app (kind "password") or a
 * private key in PEM (kind "private-key") — so the scan after the run can look for it.
 * Returns `value`, so a suite can write `const PASSWORD = useSecret("…", "import")`.
 */
export function useSecret(value, label, kind = "password") {
  mkdirSync(runRoot, { recursive: true, mode: 0o700 });
  // One write per line: O_APPEND keeps lines from suites running side by side whole.
  appendFileSync(join(runRoot, SECRETS_FILE), `${JSON.stringify({ kind, label, value })}\n`, {
    mode: 0o600,
  });
  return value;
}

/** Records the PEM private key in `path` (see useSecret). */
export function usePrivateKeyFile(path, label) {
  useSecret(readFileSync(path, "utf8"), label, "private-key");
}
