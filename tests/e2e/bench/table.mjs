// UI benchmark in the real webview: a local vault with 10,000 certificates, listed by the
// app. Reports the time from a page's arrival to its rows on screen, the time to a filtered
// view, and how many rows the virtualised table keeps in the DOM — each also as a ratio to
// an empty frame (two animation frames) measured in the same webview.
//   node tests/e2e/bench/table.mjs [count]
import { readFileSync } from "node:fs";
import https, { Agent } from "node:https";
import { join } from "node:path";
import { launchApp } from "../harness.mjs";

const COUNT = Number(process.argv[2] ?? 10_000);
const app = await launchApp({ suite: "bench-table" });
try {
  await app.byRole("link", "Local vault");
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

  const started = Date.now();
  const policy = {
    policy: {
      issuer: { name: "Self" },
      x509_props: { subject: "CN=bench" },
      key_props: { kty: "EC", crv: "P-256" },
    },
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < COUNT) {
        const name = `bench-${String(next++).padStart(5, "0")}`;
        const reply = await request("POST", `certificates/${name}/create`, policy);
        if (reply.status !== 202) throw new Error(`${name}: ${reply.status} ${reply.text}`);
      }
    }),
  );
  console.log(`seeded ${COUNT} certificates in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const frame = await app.driver.executeAsyncScript((done) => {
    const t0 = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
  });
  const listStart = Date.now();
  await (await app.byRole("button", "Refresh")).click();
  const countText = () =>
    app.run(() => document.querySelector('[data-testid="cert-count"]')?.textContent ?? "");
  await app.waitFor(
    async () => {
      const text = await countText();
      return !text.includes("Listing") && text.replace(/\D/g, "") === String(COUNT);
    },
    "every row listed",
    600_000,
  );
  const listed = Date.now() - listStart;
  const perf = await app.run(() => ({ ...window.__certdeckPerf }));
  const domRows = await app.run(() => document.querySelectorAll('[data-testid="cert-row"]').length);

  const search = await app.byRole("textbox", "Search certificates");
  await search.sendKeys("bench-0999");
  await app.waitFor(
    async () => (await app.run(() => window.__certdeckPerf?.rows)) === 10,
    "filtered to 10 rows",
  );
  const filter = await app.run(() => window.__certdeckPerf.lastFilter);
  await app.screenshot("10k-filtered");

  const ratio = (ms) => (ms / frame).toFixed(1);
  console.log(`empty frame (2 rAF)             ${frame.toFixed(1)} ms`);
  console.log(`list ${COUNT} rows end to end      ${listed} ms`);
  console.log(
    `page arrival → rows rendered   ${perf.lastRender.toFixed(1)} ms (x${ratio(perf.lastRender)} of an empty frame)`,
  );
  console.log(
    `keystroke → filtered view      ${filter.toFixed(1)} ms (x${ratio(filter)} of an empty frame)`,
  );
  console.log(`rows in the DOM with ${COUNT} listed: ${domRows}`);
} finally {
  await app.close();
}
