// Certificate files made at test time with the openssl CLI: nothing secret is committed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { usePrivateKeyFile } from "./run.mjs";

/**
 * `count` distinct PFX files `<prefix>-NN.pfx` (fresh EC P-256 keys, CN `<prefix>-NN.contoso.test`)
 * with no password, in a new folder under `parent`. Returns their canonical paths. Each key is
 * recorded for the secret scan after the run.
 */
export function makePfxFiles(parent, prefix, count) {
  const dir = mkdtempSync(join(parent, `${prefix}-`));
  const openssl = (...args) => {
    const run = spawnSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    if (run.status !== 0) throw new Error(`openssl ${args[0]} failed: ${run.stderr}`);
  };
  const width = String(count - 1).length;
  return Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(Math.max(2, width), "0");
    const name = `${prefix}-${n}`;
    openssl(
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-subj",
      `/CN=${name}.contoso.test`,
      "-keyout",
      `${name}.key`,
      "-out",
      `${name}.pem`,
    );
    usePrivateKeyFile(join(dir, `${name}.key`), `${name}.key (support/certs.mjs)`);
    openssl(
      "pkcs12",
      "-export",
      "-inkey",
      `${name}.key`,
      "-in",
      `${name}.pem`,
      "-passout",
      "pass:",
      "-out",
      `${name}.pfx`,
    );
    return realpathSync(join(dir, `${name}.pfx`));
  });
}
