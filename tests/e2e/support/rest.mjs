// The embedded local vault's REST API, for end-to-end tests to set up and check what the UI
// did, over HTTPS with the vault's own CA and token.
import { readFileSync } from "node:fs";
import { request } from "node:https";
import { join } from "node:path";

/**
 * `method path` on a vault of the app's embedded local vault (the first, or the one named
 * `localName`); resolves to {status, body}, the body parsed from JSON.
 */
export function localVaultRest(app, method, path, body, localName) {
  const { vaults } = JSON.parse(readFileSync(join(app.dirs.config, "vaults.json"), "utf8"));
  const local = vaults.find((v) => v.local_name && (!localName || v.local_name === localName));
  const dir = join(app.dirs.data, "local-vault");
  return vaultRest(
    {
      url: local.url,
      ca: readFileSync(join(dir, "ca.pem")),
      token: readFileSync(join(dir, "token"), "utf8").trim(),
    },
    method,
    path,
    body,
  );
}

/**
 * `method path` on the vault at `url` over HTTPS trusting `ca`, with bearer `token`; resolves
 * to {status, body, text}, the body parsed from JSON.
 */
export function vaultRest({ url, ca, token }, method, path, body) {
  const target = new URL(`${path}?api-version=2025-07-01`, url.replace(/\/?$/, "/"));
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method,
        ca,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null, text }),
        );
      },
    );
    req.on("error", reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}
