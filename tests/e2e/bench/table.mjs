// UI benchmark in the real webview: a local vault with 10,000 certificates, listed by the
// app. Reports the listing time against `certdeck-cli list` over the same vault in the same
// run (the vault layer without IPC or UI), the time from a page's arrival to its rows on
// screen, the time to a filtered view, and how many rows the virtualised table keeps in the
// DOM — the last ones also as a ratio to an empty frame (two animation frames).
//   node tests/e2e/bench/table.mjs [count]
// CERTDECK_CLI names the CLI binary (default: target/release/certdeck-cli, else the debug one).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { launchApp, repoRoot } from "../harness.mjs";
import { localVaultRest, pool } from "./support.mjs";

const COUNT = Number(process.argv[2] ?? 10_000);
const RUNS = 3;
const releaseCli = join(repoRoot, "target/release/certdeck-cli");
const cli =
  process.env.CERTDECK_CLI ??
  (existsSync(releaseCli) ? releaseCli : join(repoRoot, "target/debug/certdeck-cli"));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs certdeck-cli with `args`, its output to /dev/null; resolves to its wall time in ms. */
function timeCli(args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cli, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolve(ms);
      else reject(new Error(`${cli} ${args.join(" ")} exited with ${code}: ${stderr}`));
    });
  });
}

/**
 * Clicks Refresh and resolves to the time, measured in the page, from the click until the
 * count stops being busy and says every row is listed.
 */
async function timeAppListing(app) {
  await app.run((count) => {
    window.__listed = undefined;
    const label = document.querySelector('[data-testid="cert-count"]');
    const refresh = document.querySelector('button[aria-label="Refresh"]');
    let started;
    const onClick = () => {
      started = performance.now();
    };
    refresh.addEventListener("click", onClick, { capture: true, once: true });
    // aria-busy is watched too: a listing done within one frame may leave the text as it was.
    const observer = new MutationObserver(() => {
      const text = label.textContent ?? "";
      if (started === undefined || label.getAttribute("aria-busy") === "true") return;
      if (text.includes("Listing") || text.replace(/\D/g, "") !== String(count)) return;
      observer.disconnect();
      window.__listed = performance.now() - started;
    });
    observer.observe(label, {
      attributes: true,
      attributeFilter: ["aria-busy"],
      childList: true,
      characterData: true,
      subtree: true,
    });
  }, COUNT);
  await (await app.byRole("button", "Refresh")).click();
  return app.waitFor(() => app.run(() => window.__listed), "every row listed", 600_000);
}

const app = await launchApp({ suite: "bench-table" });
try {
  await app.byRole("link", "Local vault");
  const { vault, localDir, request } = localVaultRest(app);

  const started = Date.now();
  const policy = {
    policy: {
      issuer: { name: "Self" },
      x509_props: { subject: "CN=bench" },
      key_props: { kty: "EC", crv: "P-256" },
    },
  };
  await pool(COUNT, 32, async (i) => {
    const name = `bench-${String(i).padStart(5, "0")}`;
    const reply = await request("POST", `certificates/${name}/create`, policy);
    if (reply.status !== 202) throw new Error(`${name}: ${reply.status} ${reply.text}`);
  });
  console.log(`seeded ${COUNT} certificates in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // The embedded local vault writes no serve.json, so `--vault NAME` cannot find it: the CLI
  // gets the vault's URL, and signs in with the token and CA in the data dir as the app does.
  const cliArgs = ["list", "--vault-url", vault.url, "--local-data-dir", localDir, "--json"];
  const cliTimes = [];
  for (let run = 0; run < RUNS; run++) cliTimes.push(await timeCli(cliArgs));
  const cliListed = median(cliTimes);

  const frame = await app.driver.executeAsyncScript((done) => {
    const t0 = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
  });
  const appTimes = [];
  for (let run = 0; run < RUNS; run++) appTimes.push(await timeAppListing(app));
  const listed = median(appTimes);
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
  const runs = (times) => times.map((ms) => ms.toFixed(0)).join(", ");
  console.log(`empty frame (2 rAF)             ${frame.toFixed(1)} ms`);
  console.log(
    `certdeck-cli list ${COUNT} rows    ${cliListed.toFixed(0)} ms (median of ${runs(cliTimes)}; ${cli})`,
  );
  console.log(
    `app: Refresh → ${COUNT} listed    ${listed.toFixed(0)} ms (median of ${runs(appTimes)})`,
  );
  console.log(`app/cli ratio ${(listed / cliListed).toFixed(2)} (goal ≤ 1.3)`);
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
