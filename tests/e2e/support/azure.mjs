// What the sign-in suite runs beside the app: standalone local vaults, the Entra- and
// ARM-shaped mock (certdeck-azure-mock) listing them, and a script playing the browser.
import { spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { join } from "node:path";
import { repoRoot } from "../harness.mjs";

const binDir = join(process.env.CARGO_TARGET_DIR ?? join(repoRoot, "target"), "debug");

/**
 * Spawns a server that prints one JSON line once it serves; resolves to that line parsed, with
 * `stop()`. The server is stopped when the test process exits too.
 */
function startServer(binary, args) {
  const child = spawn(join(binDir, binary), args, { stdio: ["ignore", "pipe", "inherit"] });
  process.on("exit", () => child.kill("SIGTERM"));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const line = out.split("\n")[0];
      if (out.includes("\n")) {
        resolve({
          ...JSON.parse(line),
          stop: () =>
            new Promise((done) => {
              child.once("exit", done);
              child.kill("SIGTERM");
            }),
        });
      }
    });
    child.once("exit", (code) => reject(new Error(`${binary} exited with ${code}: ${out}`)));
  });
}

/** `certdeck-cli local-vault serve` with vaults `names`: {vaults: [{name, url}], ca_file, token_file}. */
export const startLocalVaults = (dataDir, names) =>
  startServer("certdeck-cli", [
    "local-vault",
    "serve",
    "--data-dir",
    dataDir,
    "--operation-delay-ms",
    "0",
    ...names.flatMap((name) => ["--vault", name]),
  ]);

/** certdeck-azure-mock serving `configFile`: {url, ca_file}. */
export const startAzureMock = (configFile) => startServer("certdeck-azure-mock", [configFile]);

/** GET `url` (https trusting `ca`, or http); resolves to {status, location, body}. */
function get(url, ca) {
  const send = url.startsWith("https:") ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: "GET", ca }, (res) => {
      let body = "";
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () =>
        resolve({ status: res.statusCode, location: res.headers.location ?? null, body }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * Plays the browser on the authorize URL the app opened: the mock approves at once and
 * redirects to the app's loopback listener, whose answer (the page a user would see) resolves.
 */
export async function playBrowser(authorizeUrl, ca) {
  const approved = await get(authorizeUrl, ca);
  if (approved.status !== 302 || !approved.location) {
    throw new Error(`authorize answered ${approved.status}: ${approved.body}`);
  }
  return get(approved.location);
}
