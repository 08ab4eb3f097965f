// UI benchmark in the real webview: 100 PFX files dropped by a real X drag, then "Import all".
// Reports the time from the drop to every file previewed, the time to import them all, and the
// webview's frame times while importing, against the frame times of the same page idle
// (measured first, in the same webview).
//   node tests/e2e/bench/import.mjs [count]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dragAndDrop, launchApp } from "../harness.mjs";
import { makePfxFiles } from "../support/certs.mjs";

const COUNT = Number(process.argv[2] ?? 100);
const dir = mkdtempSync(join(tmpdir(), "certdeck-bench-import-"));
const files = makePfxFiles(dir, "bench", COUNT);

/** Starts recording frame intervals in the page. */
const startFrames = (app) =>
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
const stopFrames = (app) =>
  app.run(() => {
    const frames = window.__frames;
    window.__frames = null;
    return frames;
  });
const stats = (frames) => {
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: frames.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) };
};
const states = (app) =>
  app.run(() =>
    [...document.querySelectorAll('[data-testid="import-item"]')].map((i) => i.dataset.state),
  );

const app = await launchApp({ suite: "bench-import" });
try {
  await app.waitForTestId("vault-empty");
  await startFrames(app);
  await new Promise((r) => setTimeout(r, 3000));
  const idle = stats(await stopFrames(app));

  const dropped = Date.now();
  await dragAndDrop(app, files);
  await app.waitFor(
    async () => {
      const s = await states(app);
      return s.length === COUNT && s.every((state) => state === "ready");
    },
    "every file previewed",
    120_000,
  );
  const previewed = Date.now() - dropped;

  await startFrames(app);
  const started = Date.now();
  await (await app.waitForTestId("import-all")).click();
  await app.waitFor(
    async () => (await states(app)).every((state) => state === "done"),
    "every file imported",
    300_000,
  );
  const imported = Date.now() - started;
  const busy = stats(await stopFrames(app));

  const f = (x) => x.toFixed(1);
  console.log(`${COUNT} PFX files dropped on the window:`);
  console.log(`  drop → all previewed   ${previewed} ms`);
  console.log(
    `  Import all → all done  ${imported} ms (${f((COUNT / imported) * 1000)} imports/s)`,
  );
  console.log(
    `  frame time idle        p50 ${f(idle.p50)} ms, p95 ${f(idle.p95)} ms, max ${f(idle.max)} ms (${idle.n} frames)`,
  );
  console.log(
    `  frame time importing   p50 ${f(busy.p50)} ms, p95 ${f(busy.p95)} ms, max ${f(busy.max)} ms (${busy.n} frames)`,
  );
  console.log(
    `  ratio importing / idle p50 ${f(busy.p50 / idle.p50)}×, p95 ${f(busy.p95 / idle.p95)}×`,
  );
} finally {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
