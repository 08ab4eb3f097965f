// The secret scan after the E2E run: no password, private key (PEM, DER or base64 of DER, or
// its bare private value), bearer token or client secret the run used may be found in any
// launch's config and data dirs (logs and web data included), the temp dir or the user's cache —
// except inside the local vault's own store, whose files must be mode 0600 instead, and the
// folders where suites keep their inputs and what they saved as a user would (support/run.mjs).
//
//   node tests/e2e/secret-scan.mjs --clean   empties target/e2e-run/ before a run
//   node tests/e2e/secret-scan.mjs           self-test, then the scan; exit 1 on any finding
import assert from "node:assert/strict";
import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { FIXTURES, runRoot, SAVED, SECRETS_FILE } from "./support/run.mjs";

const STARTED = "started";
const STORE = join("data", "local-vault");
/** Store files that are public certificates, readable by design. */
const PUBLIC_STORE_FILES = new Set(["ca.pem", "issuing-ca.pem"]);
/** Larger files are not read (none of ours come near). */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** The byte strings that betray `secret`, each with a label that does not repeat it. */
function needlesOf({ kind, label, value }) {
  if (kind !== "private-key") return [{ label: `${kind} (${label})`, bytes: Buffer.from(value) }];
  const needles = [];
  const blocks = value.match(/-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----[\s\S]+?-----END \1-----/g);
  for (const block of blocks ?? []) {
    const add = (form, bytes) =>
      needles.push({ label: `private key (${label}) as ${form}`, bytes });
    const body = block.replace(/-----[A-Z0-9 ]+-----/g, "").replace(/\s+/g, "");
    const der = Buffer.from(body, "base64");
    add("PEM", Buffer.from(block));
    add("JSON-escaped PEM", Buffer.from(JSON.stringify(block).slice(1, -1)));
    add("DER", der);
    add("base64 of DER", Buffer.from(body));
    let key;
    try {
      key = createPrivateKey(block);
    } catch {
      continue; // encrypted: its text and DER are all there is to look for
    }
    const pkcs8 = key.export({ type: "pkcs8", format: "der" });
    add("PKCS#8 DER", pkcs8);
    add("base64 of PKCS#8 DER", Buffer.from(pkcs8.toString("base64")));
    const native = key.asymmetricKeyType === "rsa" ? "pkcs1" : "sec1";
    if (key.asymmetricKeyType === "rsa" || key.asymmetricKeyType === "ec") {
      add(`${native} DER`, key.export({ type: native, format: "der" }));
    }
    const { d } = key.export({ format: "jwk" });
    if (d) {
      add("private value", Buffer.from(d, "base64url"));
      add("base64url private value", Buffer.from(d));
    }
  }
  return needles;
}

/** Regular files under `dir`, not following links; `skip(path)` prunes folders. */
function* files(dir, skip = () => false) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // gone or unreadable: another process's temp folder
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (skip(path)) continue;
    if (entry.isDirectory()) yield* files(path, skip);
    else if (entry.isFile()) yield path;
  }
}

/** Findings `{path, label}` for every needle found in the files given. */
function search(paths, needles, since = 0) {
  const found = [];
  for (const path of paths) {
    let bytes;
    try {
      const stat = statSync(path);
      if (stat.mtimeMs < since || stat.size > MAX_FILE_BYTES) continue;
      bytes = readFileSync(path);
    } catch {
      continue;
    }
    for (const { label, bytes: needle } of needles) {
      if (needle.length > 0 && bytes.includes(needle)) found.push({ path, label });
    }
  }
  return found;
}

/** What is wrong with a local vault store's modes: 0700 for it, 0600 for its files. */
function storeProblems(store) {
  const problems = [];
  const mode = (path) => lstatSync(path).mode & 0o777;
  if (mode(store) !== 0o700) {
    problems.push({ path: store, label: `mode ${mode(store).toString(8)}, expected 700` });
  }
  for (const path of files(store)) {
    const name = relative(store, path);
    if (PUBLIC_STORE_FILES.has(name)) {
      if (readFileSync(path, "latin1").includes("PRIVATE KEY")) {
        problems.push({ path, label: "a public certificate file holds a private key" });
      }
    } else if (mode(path) !== 0o600) {
      problems.push({ path, label: `mode ${mode(path).toString(8)}, expected 600` });
    }
  }
  return problems;
}

/** Each launch's folder (its config and data dirs) under the run's root. */
function launchesOf(root) {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== FIXTURES && e.name !== SAVED)
    .map((e) => join(root, e.name));
}

/** The run's secrets: the registry's, and each launch's local vault token. */
function secretsOf(root, launches) {
  const registry = join(root, SECRETS_FILE);
  const secrets = existsSync(registry)
    ? readFileSync(registry, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];
  for (const launch of launches) {
    const token = join(launch, STORE, "token");
    if (existsSync(token)) {
      secrets.push({
        kind: "bearer token",
        label: `local vault of ${relative(root, launch)}`,
        value: readFileSync(token, "utf8").trim(),
      });
    }
  }
  return secrets;
}

/**
 * Scans the run under `root`: its launches (their stores checked, not searched) and the files
 * `elsewhere` changed since the run started. Returns the findings.
 */
export function scan(root, elsewhere) {
  const launches = launchesOf(root);
  const needles = secretsOf(root, launches).flatMap(needlesOf);
  const findings = [];
  for (const launch of launches) {
    const store = join(launch, STORE);
    if (existsSync(store)) findings.push(...storeProblems(store));
    findings.push(
      ...search(
        files(launch, (path) => path === store),
        needles,
      ),
    );
  }
  const since = existsSync(join(root, STARTED)) ? statSync(join(root, STARTED)).mtimeMs : 0;
  const outsideRun = (path) => path === root || path.startsWith(`${root}/`);
  for (const dir of elsewhere) findings.push(...search(files(dir, outsideRun), needles, since));
  return findings;
}

/** A run with a planted secret of every kind, where the scan must find each and no more. */
function selfTest() {
  const root = mkdtempSync(join(tmpdir(), "certdeck-secret-scan-self-test-"));
  const elsewhere = mkdtempSync(join(tmpdir(), "certdeck-secret-scan-elsewhere-"));
  try {
    const password = "planted-Passw0rd-9f3c";
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" });
    const der = privateKey.export({ type: "pkcs8", format: "der" });
    writeFileSync(
      join(root, SECRETS_FILE),
      `${JSON.stringify({ kind: "password", label: "planted", value: password })}\n${JSON.stringify(
        { kind: "private-key", label: "planted", value: pem },
      )}\n`,
    );
    writeFileSync(join(root, STARTED), "");
    const launch = join(root, "selftest-1");
    const store = join(launch, STORE);
    mkdirSync(store, { recursive: true, mode: 0o700 });
    writeFileSync(join(store, "token"), "planted-token-5e1d7a", { mode: 0o600 });
    writeFileSync(join(store, "vault.db"), pem, { mode: 0o644 });
    writeFileSync(join(store, "ca.pem"), "-----BEGIN CERTIFICATE-----\n", { mode: 0o644 });
    mkdirSync(join(launch, "data", "logs"), { recursive: true });
    writeFileSync(join(launch, "data", "logs", "certdeck.log"), `pwd=${password} ok\n`);
    mkdirSync(join(launch, "config"));
    writeFileSync(join(launch, "config", "x.json"), `{"t":"Bearer planted-token-5e1d7a"}`);
    writeFileSync(join(launch, "data", "clean.txt"), "nothing to see");
    writeFileSync(join(elsewhere, "dump.bin"), Buffer.concat([Buffer.from([1, 2, 3]), der]));
    writeFileSync(join(elsewhere, "b64.txt"), `x${der.toString("base64")}y`);
    mkdirSync(join(root, SAVED, "download-1"), { recursive: true });
    writeFileSync(join(root, SAVED, "download-1", "saved.pem"), pem);

    const found = scan(root, [elsewhere]).map(
      ({ path, label }) => `${relative("/", path)}: ${label}`,
    );
    const has = (pattern) =>
      assert.ok(
        found.some((f) => pattern.test(f)),
        `${pattern} in ${found}`,
      );
    has(/local-vault\/vault\.db: mode 644/);
    has(/logs\/certdeck\.log: password \(planted\)/);
    has(/config\/x\.json: bearer token/);
    has(/dump\.bin: private key \(planted\) as PKCS#8 DER/);
    has(/b64\.txt: private key \(planted\) as base64 of PKCS#8 DER/);
    assert.ok(!found.some((f) => /clean\.txt|saved\.pem|ca\.pem|token:/.test(f)), `${found}`);
    assert.ok(!found.some((f) => /vault\.db: private key/.test(f)), "the store is not searched");
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  }
}

function main() {
  if (process.argv.includes("--clean")) {
    rmSync(runRoot, { recursive: true, force: true });
    mkdirSync(runRoot, { recursive: true, mode: 0o700 });
    writeFileSync(join(runRoot, STARTED), `${new Date().toISOString()}\n`);
    return 0;
  }
  selfTest();
  console.log("secret scan: self-test found every planted secret");
  if (!existsSync(runRoot)) {
    console.error(`secret scan: no E2E run under ${runRoot}`);
    return 1;
  }
  const elsewhere = [tmpdir(), join(homedir(), ".cache"), join(homedir(), ".local", "share")];
  const findings = scan(runRoot, elsewhere);
  const launches = launchesOf(runRoot).length;
  for (const { path, label } of findings) console.error(`  ${path}: ${label}`);
  if (findings.length > 0) {
    console.error(`secret scan: ${findings.length} finding(s)`);
    return 1;
  }
  console.log(
    `secret scan: nothing found in ${launches} launches under ${runRoot}, nor in ${elsewhere}`,
  );
  return 0;
}

process.exitCode = main();
