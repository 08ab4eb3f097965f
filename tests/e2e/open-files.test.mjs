// Files opened from the file manager (`certdeck FILE…`) go to the import panel like a drop:
// the first launch's own files once the UI listens, and a second launch's in the running
// window (the single-instance plugin hands them over on the D-Bus session bus, and the second
// process exits). The suite runs its own session bus, so it needs none from the machine.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { basename, dirname } from "node:path";
import { after, before, describe, it } from "node:test";
import { By } from "selenium-webdriver";
import { appBinary, launchApp } from "./harness.mjs";
import { makePfxFiles } from "./support/certs.mjs";
import { fixtureDir } from "./support/run.mjs";

const SUITE = "open-files";

/** A private D-Bus session bus; resolves with its address and the daemon to stop. */
function sessionBus() {
  const daemon = spawn("dbus-daemon", ["--session", "--nofork", "--print-address=1"], {
    // Its complaints (fd limits, a11y bus activation) are noise here; an exit is reported.
    stdio: ["ignore", "pipe", "ignore"],
  });
  return new Promise((resolvePromise, reject) => {
    let out = "";
    daemon.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("\n")) resolvePromise({ address: out.trim(), daemon });
    });
    daemon.on("exit", (code) => reject(new Error(`dbus-daemon exited with ${code}`)));
  });
}

/** Starts `certdeck ...args` in `cwd` beside `app` (same display, bus and folders). */
function launchAgain(app, bus, cwd, args) {
  const child = spawn(appBinary, args, {
    cwd,
    env: {
      ...process.env,
      DISPLAY: app.display,
      DBUS_SESSION_BUS_ADDRESS: bus,
      CERTDECK_CONFIG_DIR: app.dirs.config,
      CERTDECK_DATA_DIR: app.dirs.data,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error("the second launch did not exit: it opened a window of its own"));
    }, 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, ms: Date.now() - started });
    });
  });
}

/** The import card of `fileName` with its state and text, read in one script. */
const card = (app, fileName) =>
  app.run((file) => {
    const item = document.querySelector(`[data-testid="import-item"][data-file-name="${file}"]`);
    return item && { state: item.dataset.state, text: item.innerText };
  }, fileName);

/** Scrolls the import panel to the card of `fileName`, so a screenshot shows it. */
const showCard = (app, fileName) =>
  app.run((file) => {
    document
      .querySelector(`[data-testid="import-item"][data-file-name="${file}"]`)
      ?.scrollIntoView({ block: "start" });
  }, fileName);

const cardIn = (app, fileName, state) =>
  app.waitFor(
    async () => (await card(app, fileName))?.state === state,
    `${fileName} → ${state}`,
    30_000,
  );

describe("files opened with CertDeck", () => {
  let bus;
  let app;
  let files;

  before(async () => {
    bus = await sessionBus();
    files = makePfxFiles(fixtureDir(SUITE), "opened", 2);
    app = await launchApp({
      suite: SUITE,
      env: { DBUS_SESSION_BUS_ADDRESS: bus.address },
      args: [files[0], "--a-flag-is-no-file"],
    });
  });
  after(async () => {
    await app?.close();
    bus?.daemon.kill("SIGTERM");
  });

  it("previews the files of its own command line in the import panel", async () => {
    await app.waitForTestId("import-panel");
    await cardIn(app, basename(files[0]), "ready");
    assert.match((await card(app, basename(files[0]))).text, /opened-00\.contoso\.test/);
    const cards = await app.driver.findElements(By.css('[data-testid="import-item"]'));
    assert.equal(cards.length, 1, "the flag opened nothing");
    await app.screenshot("first-launch");
  });

  it("takes a second launch's files in the running window, and the second launch exits", async () => {
    // A relative name, resolved against the second launch's folder, not the first's.
    const second = await launchAgain(app, bus.address, dirname(files[1]), [basename(files[1])]);
    assert.equal(second.code, 0);
    console.log(`second launch handed over and exited in ${second.ms} ms`);
    await cardIn(app, basename(files[1]), "ready");
    assert.match((await card(app, basename(files[1]))).text, /opened-01\.contoso\.test/);
    const titles = app.windowTitles().filter((title) => title === "CertDeck");
    assert.equal(titles.length, 1, `one CertDeck window: ${app.windowTitles()}`);
    await showCard(app, basename(files[1]));
    await app.screenshot("second-launch");
  });

  it("says a named file that is not there could not be read, as for a dropped one", async () => {
    const folder = dirname(files[1]);
    const second = await launchAgain(app, bus.address, folder, ["gone.pfx"]);
    assert.equal(second.code, 0);
    await app.waitFor(
      async () =>
        /Could not read .*gone\.pfx[\s\S]*Check that the file is still there/.test(
          (await card(app, "gone.pfx"))?.text ?? "",
        ),
      "gone.pfx → could not read",
    );
    await showCard(app, "gone.pfx");
    await app.screenshot("missing-file");
  });

  it("runs an app on other folders (another profile) on its own, even on the same bus", async () => {
    const other = await launchApp({
      suite: SUITE,
      env: { DBUS_SESSION_BUS_ADDRESS: bus.address },
    });
    try {
      await other.byRole("link", "Local vault");
      assert.notEqual(other.dirs.config, app.dirs.config);
    } finally {
      await other.close();
    }
    // The first app did not hear of it.
    const cards = await app.driver.findElements(By.css('[data-testid="import-item"]'));
    assert.equal(cards.length, 3);
  });
});
