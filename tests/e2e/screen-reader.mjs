// A screen-reader pass, by hand (not a test: it needs Orca, and reads what Orca would say):
//   dbus-run-session -- node tests/e2e/screen-reader.mjs
// Starts CertDeck with the AT-SPI bridge on and Orca beside it, walks the certificate table and
// the Add vault dialog with real keys (xdotool), then prints what Orca spoke at each step (from
// its debug log) and the app's accessibility tree as AT-SPI shows it. Needs the orca and
// at-spi2-core packages; speech goes nowhere (no speech server), the debug log records it.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launchApp, repoRoot, xdotool } from "./harness.mjs";
import { fixtureDir } from "./support/run.mjs";

const work = fixtureDir("screen-reader");
const log = join(work, "orca.log");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const app = await launchApp({
  suite: "screen-reader",
  env: { NO_AT_BRIDGE: "0", GTK_MODULES: "gail:atk-bridge" },
});
const orca = spawn("orca", ["--replace", "-u", join(work, "prefs"), "--debug-file", log], {
  env: { ...process.env, DISPLAY: app.display },
  stdio: "ignore",
});
/** Steps by the UTC time they began, as Orca's log stamps what it says. */
const steps = [];
const step = (title) => steps.push({ at: new Date().toISOString().slice(11, 23), title });
const keys = async (...names) => {
  for (const name of names) {
    await xdotool(app.display, ["key", "--clearmodifiers", name]);
    await sleep(700);
  }
};
const focus = (selector) =>
  app.run((css) => document.querySelector(css).focus(), selector).then(() => sleep(1500));

try {
  await sleep(5000); // Orca starts and finds the app
  await (await app.byRole("button", "Add samples")).click();
  await app.waitFor(
    async () =>
      (await app.run(() => document.querySelectorAll("[data-testid=cert-row]").length)) === 5,
    "the samples",
  );
  const [id] = (await xdotool(app.display, ["search", "--onlyvisible", "--name", "^CertDeck$"]))
    .trim()
    .split("\n");
  await xdotool(app.display, ["windowfocus", "--sync", id]);
  step("the certificate table gets focus");
  await focus('[role="grid"]');
  step("Down, Down, Down");
  await keys("Down", "Down", "Down");
  step("Enter opens the details");
  await keys("Return");
  await sleep(1500);
  step("Add vault, then Tab through the dialog");
  await focus('button[aria-label="Add vault"]');
  await keys("Return");
  await sleep(1000);
  await keys("Tab", "Tab", "Tab", "Tab");
  step("Escape");
  await keys("Escape");
  await sleep(1000);
  const tree = spawnSync("/usr/bin/python3", [join(repoRoot, "tests/e2e/support/atspi_tree.py")], {
    env: { ...process.env, DISPLAY: app.display },
    encoding: "utf8",
  });
  console.log(
    "AT-SPI tree:\n",
    tree.stdout
      .split("\n")
      .filter((l) => l.trim())
      .join("\n"),
  );
} finally {
  orca.kill("SIGTERM");
  await app.close();
}
console.log("\nWhat Orca said:");
const said = readFileSync(log, "utf8").matchAll(
  /^(\d\d:\d\d:\d\d\.\d+) - SPEECH OUTPUT: '([\s\S]*?)' ?\{'established/gm,
);
for (const [, at, text] of said) {
  while (steps.length > 0 && steps[0].at <= at) console.log(`== ${steps.shift().title}`);
  console.log(`  ${text.replace(/\s+/g, " ").trim()}`);
}
