// UI benchmark in the real webview: a bulk policy change (validity) of N certificates in the
// embedded local vault, from the Policies view. Reports the Apply time (click → every result
// on screen) as a ratio to the same N bare policy updates sent over REST 4 at a time in the
// same run, and the webview's frame times while applying against the page idle and the page
// during the REST updates: the UI must stay responsive while a bulk run streams results.
//   node tests/e2e/bench/bulk.mjs [count]
import { launchApp } from "../harness.mjs";
import {
  frameStats,
  localVaultRest,
  pageResult,
  pool,
  printFrames,
  startFrames,
  stopFrames,
} from "./support.mjs";

const COUNT = Number(process.argv[2] ?? 500);
const name = (i) => `bulk-${String(i).padStart(4, "0")}`;

const app = await launchApp({ suite: "bench-bulk" });
try {
  await app.byRole("link", "Local vault");
  const { request } = localVaultRest(app);
  const started = Date.now();
  const create = {
    policy: {
      issuer: { name: "Self" },
      x509_props: { subject: "CN=bulk.bench.test", validity_months: 12 },
      key_props: { kty: "EC", crv: "P-256" },
    },
  };
  await pool(COUNT, 16, async (i) => {
    const reply = await request("POST", `certificates/${name(i)}/create`, create);
    if (reply.status !== 202) throw new Error(`${name(i)}: ${reply.status} ${reply.text}`);
  });
  await pool(COUNT, 16, async (i) => {
    for (;;) {
      const reply = await request("GET", `certificates/${name(i)}/pending`);
      if (JSON.parse(reply.text).status === "completed") return;
      await new Promise((r) => setTimeout(r, 250));
    }
  });
  console.log(`seeded ${COUNT} certificates in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Seeded behind the app's back: its cached listing learns of them on Refresh.
  await (await app.byRole("link", "Local vault")).click();
  await (await app.byRole("button", "Refresh")).click();
  const listed = await app.waitForTestId("cert-count");
  await app.waitFor(
    async () => (await listed.getText()).replace(/\D/g, "") === String(COUNT),
    "every certificate listed",
    120_000,
  );
  await (await app.byRole("link", "Policies")).click();
  const chip = await app.byRole("checkbox", /^Local vault/);
  if (!(await chip.isSelected())) await chip.click();
  const selected = await app.waitForTestId("selected-count");
  await app.waitFor(
    async () => (await selected.getAttribute("aria-busy")) !== "true",
    "every certificate listed",
    120_000,
  );
  await (await app.byRole("checkbox", "Select all shown")).click();
  const include = await app.driver.executeScript(() =>
    document.querySelector('[data-testid="patch-validity_months"] input[type="checkbox"]'),
  );
  const press = async (element) => {
    await app.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    await element.click();
  };
  await press(include);
  const months = await app.byRole("spinbutton", "Validity in months");
  await app.waitFor(async () => months.isEnabled(), "validity included");
  await months.clear();
  await months.sendKeys("24");
  await press(await app.byRole("button", /^Preview/));
  const counts = await app.waitForTestId("bulk-counts");
  await app.waitFor(
    async () => new RegExp(`^${COUNT} would change`).test(await counts.getText()),
    `${COUNT} would change`,
    300_000,
  );

  await startFrames(app);
  await new Promise((r) => setTimeout(r, 3000));
  const idle = frameStats(await stopFrames(app));

  // The same change straight over REST: the floor, on the same machine and server.
  await startFrames(app);
  const restStart = Date.now();
  await pool(COUNT, 4, async (i) => {
    const body = { x509_props: { validity_months: 36 } };
    const reply = await request("PATCH", `certificates/${name(i)}/policy`, body);
    if (reply.status !== 200) throw new Error(`${name(i)}: ${reply.status} ${reply.text}`);
  });
  const rest = Date.now() - restStart;
  const restFrames = frameStats(await stopFrames(app));

  // Timed in the page, from the click to the frame showing every result.
  await app.run((count) => {
    window.__applied = null;
    const button = [...document.querySelectorAll("button")].find((b) =>
      b.textContent?.startsWith(`Apply to ${count}`),
    );
    button.addEventListener(
      "click",
      () => {
        const clicked = performance.now();
        const poll = () => {
          const text = document.querySelector('[data-testid="bulk-counts"]')?.textContent ?? "";
          if (text.startsWith(`${count} changed`)) window.__applied = performance.now() - clicked;
          else requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      },
      { capture: true, once: true },
    );
  }, COUNT);
  await startFrames(app);
  await press(await app.byRole("button", new RegExp(`^Apply to ${COUNT}`)));
  const applied = await pageResult(app, "__applied");
  const busy = frameStats(await stopFrames(app));
  await app.screenshot("applied");

  console.log(`bulk policy change of ${COUNT} certificates from the Policies view:`);
  console.log(`  Apply → every result shown  ${applied} ms`);
  console.log(`  same updates over REST      ${rest} ms (4 at a time)`);
  console.log(`  apply UI/REST ratio ${(applied / rest).toFixed(2)} (goal ≤ 1.2)`);
  printFrames("frame time idle        ", idle);
  printFrames("frame time REST updates", restFrames);
  printFrames("frame time UI apply    ", busy);
  const f = (x) => x.toFixed(1);
  console.log(
    `  frame ratio UI apply / idle p50 ${f(busy.p50 / idle.p50)}×, p95 ${f(busy.p95 / idle.p95)}×`,
  );
} catch (err) {
  await app.screenshot("failed");
  throw err;
} finally {
  await app.close();
}
