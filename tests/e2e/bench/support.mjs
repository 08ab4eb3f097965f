// What the UI benchmarks share: the app's embedded local vault over REST (as another client
// would reach it), and the webview's frame times.
import { readFileSync } from "node:fs";
import https, { Agent } from "node:https";
import { join } from "node:path";

/** `request(method, path, body)` against the app's first vault, with its token and CA. */
export function localVaultRest(app) {
  const localDir = join(app.dirs.data, "local-vault");
  const [vault] = JSON.parse(readFileSync(join(app.dirs.config, "vaults.json"), "utf8")).vaults;
  const agent = new Agent({ ca: readFileSync(join(localDir, "ca.pem")), keepAlive: true });
  const token = readFileSync(join(localDir, "token"), "utf8").trim();
  const request = (method, path, body) =>
    new Promise((resolve, reject) => {
      const url = new URL(`${path}?api-version=2025-07-01`, vault.url);
      const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
      const req = https.request(url, { method, agent, headers }, (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode, text }));
      });
      req.on("error", reject);
      req.end(body ? JSON.stringify(body) : undefined);
    });
  return { vault, localDir, request };
}

/** Runs `one(i)` for i in 0..count, `concurrency` at a time. */
export async function pool(count, concurrency, one) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await one(next++);
    }),
  );
}

/** Starts recording frame intervals in the page. */
export const startFrames = (app) =>
  app.run(() => {
    const frames = [];
    window.__frames = frames;
    let last = performance.now();
    const tick = (now) => {
      frames.push(now - last);
      last = now;
      if (window.__frames === frames) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });

/** Stops recording; resolves to the intervals. */
export const stopFrames = (app) =>
  app.run(() => {
    const frames = window.__frames;
    window.__frames = null;
    return frames;
  });

export const frameStats = (frames) => {
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: frames.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) };
};

export const printFrames = (label, { p50, p95, max, n }) =>
  console.log(
    `  ${label} p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${max.toFixed(1)} ms (${n} frames)`,
  );

/**
 * Waits for the page to set `window[name]` (a duration in ms), asking four times a second:
 * WebDriver calls in a tight loop would load the webview they are measuring.
 */
export async function pageResult(app, name, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await app.run((key) => window[key], name);
    if (value !== null && value !== undefined) return Math.round(value);
    if (Date.now() > deadline) throw new Error(`${name}: no result in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
