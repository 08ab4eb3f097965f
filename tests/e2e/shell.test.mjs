// The app shell in the real webview: it renders, the theme switch works and persists, and
// About shows versions that only the backend can know.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Origin } from "selenium-webdriver";
import {
  appBinary,
  appWindowGeometry,
  dragAndDrop,
  freshDirs,
  launchApp,
  repoRoot,
  screenshotScreen,
} from "./harness.mjs";

const SUITE = "shell";
const bodyBackground = (app) => app.run(() => getComputedStyle(document.body).backgroundColor);
const themeAttr = (app) => app.run(() => document.documentElement.dataset.theme);

describe("app shell", () => {
  const dirs = freshDirs();
  let app;

  before(async () => {
    app = await launchApp({ suite: SUITE, dirs });
  });
  after(async () => {
    await app?.close();
  });

  it("opens a window titled CertDeck with the sidebar, header and welcome view", async () => {
    assert.ok(app.windowTitles().includes("CertDeck"), `titles: ${app.windowTitles()}`);
    await app.byRole("navigation", "Vaults");
    await app.byRole("link", "Local vault");
    await (await app.byRole("link", /CertDeck/)).click();
    await app.byRole("heading", "Welcome");
    await app.screenshot("shell");
  });

  it("switches between light and dark from the header", async () => {
    // Xvfb has no desktop theme, so "system" resolves to light.
    assert.equal(await themeAttr(app), "light");
    const light = await bodyBackground(app);
    await (await app.byRole("button", /^Theme: System/)).click();
    await app.waitFor(async () => (await themeAttr(app)) === "light", "theme stays light");
    await (await app.byRole("button", /^Theme: Light/)).click();
    await app.waitFor(async () => (await themeAttr(app)) === "dark", "theme turns dark");
    const dark = await bodyBackground(app);
    assert.notEqual(dark, light);
    assert.equal(dark, "rgb(20, 22, 27)");
    await app.screenshot("dark");
  });

  it("shows the backend's Tauri and WebKitGTK versions in About", async () => {
    await (await app.byRole("button", "About CertDeck")).click();
    const dialog = await app.waitForTestId("about-dialog");
    const tauri = await (await app.waitForTestId("tauri-version")).getText();
    const webkit = await (await app.waitForTestId("webview-version")).getText();
    const locked = readFileSync(join(repoRoot, "Cargo.lock"), "utf8").match(
      /name = "tauri"\nversion = "([^"]+)"/,
    )[1];
    assert.equal(tauri, locked);
    const installed = execFileSync("pkg-config", ["--modversion", "webkit2gtk-4.1"], {
      encoding: "utf8",
    }).trim();
    assert.equal(webkit, installed);
    const version = readFileSync(join(repoRoot, "Cargo.toml"), "utf8").match(
      /^version = "([^"]+)"/m,
    )[1];
    // The workspace version with the commit, as `certdeck-cli --version` says them.
    const shown = await (await app.waitForTestId("app-version")).getText();
    assert.match(
      shown,
      new RegExp(`^${version.replaceAll(".", "\\.")} \\(([0-9a-f]{7,}|unknown)\\)$`),
    );
    const cli = execFileSync(join(dirname(appBinary), "certdeck-cli"), ["--version"], {
      encoding: "utf8",
    });
    assert.equal(cli.trim().split(" ")[1], version);
    await app.screenshot("about");
    await (await app.byRole("button", "Close")).click();
    await app.waitFor(async () => !(await dialog.isDisplayed()), "About closes");
  });

  it("keeps the theme and the window size across a restart", async () => {
    await app.driver.manage().window().setRect({ width: 1000, height: 640 });
    const before = await app.driver.manage().window().getRect();
    const stateFile = join(dirs.config, "window-state.json");
    await app.waitFor(
      () =>
        existsSync(stateFile) && JSON.parse(readFileSync(stateFile, "utf8")).main?.width === 1000,
      "the new window size is saved",
    );
    await app.close();
    app = await launchApp({ suite: SUITE, dirs });
    await app.waitFor(async () => (await themeAttr(app)) === "dark", "theme still dark");
    const after = await app.driver.manage().window().getRect();
    assert.equal(after.width, before.width);
    assert.equal(after.height, before.height);
    await app.screenshot("restarted-dark");
  });
});

/** Each column header whose text does not fit its cell (ellipsised or cut): name and widths. */
const clippedHeaders = (app) =>
  app.run(() =>
    [...document.querySelectorAll('[data-testid="cert-table"] th')]
      .filter((th) => th.scrollWidth > th.clientWidth)
      .map((th) => `${th.textContent}: ${th.scrollWidth} > ${th.clientWidth}`),
  );
/** How far the table scrolls sideways (0 when every column is in view). */
const tableOverflow = (app) =>
  app.run(() => {
    const grid = document.querySelector('[data-testid="cert-table"]');
    return grid.scrollWidth - grid.clientWidth;
  });
const paneWidth = (app) =>
  app.run(
    () => document.querySelector('[data-testid="details-pane"]').getBoundingClientRect().width,
  );

async function addSamples(app) {
  await (await app.byRole("button", "Add samples")).click();
  await app.waitFor(
    async () =>
      (await app.run(() => document.querySelectorAll('[data-testid="cert-row"]').length)) === 5,
    "five sample rows",
  );
}

async function openDetails(app, name) {
  await app.run(
    (row) => document.querySelector(`[data-testid="cert-row"][data-name="${row}"]`).click(),
    name,
  );
  await app.waitForTestId("details-pane");
}

describe("the layout on a 1366×768 screen", () => {
  const dirs = freshDirs();
  let app;

  before(async () => {
    app = await launchApp({ suite: SUITE, dirs, screen: "1366x768" });
  });
  after(async () => {
    await app?.close();
  });

  it("opens the first window inside the screen, with the sidebar's Settings in view", async () => {
    const win = await appWindowGeometry(app);
    assert.ok(win.x >= 0 && win.y >= 0, `window at ${win.x},${win.y}`);
    assert.ok(win.x + win.width <= 1366, `window ${win.width} wide at x ${win.x}`);
    assert.ok(win.y + win.height <= 768, `window ${win.height} high at y ${win.y}`);
    assert.ok(win.width >= 1200 && win.height >= 600, `${win.width}×${win.height} is too small`);
    const settings = await app.byRole("link", "Settings");
    const bottom = await app.run(
      (link) => link.getBoundingClientRect().bottom <= window.innerHeight,
      settings,
    );
    assert.ok(bottom, "Settings is below the window's bottom edge");
  });

  it("reads every column header in full, and every status chip in words", async () => {
    await addSamples(app);
    assert.deepEqual(await clippedHeaders(app), []);
    assert.equal(await tableOverflow(app), 0);
    const chips = await app.run(() =>
      [...document.querySelectorAll(".segmented button")].map((chip) => {
        const label = chip.querySelector(".segment-label");
        const shown = label.getClientRects().length > 0 && label.scrollWidth <= label.clientWidth;
        return `${chip.innerText.replace(/\s+/g, " ").trim()}${shown ? "" : " (label hidden)"}`;
      }),
    );
    assert.deepEqual(chips, [
      "All 5",
      "Expired 1",
      "Expires soon 1",
      "Pending 1",
      "Disabled 1",
      "Healthy 1",
    ]);
    await app.screenshot("1366x768-table");
  });

  it("keeps the table unclipped beside the details pane and resizes the pane by keyboard", async () => {
    await openDetails(app, "sample-healthy");
    assert.deepEqual(await clippedHeaders(app), []);
    assert.equal(await tableOverflow(app), 0);
    const splitter = await app.byRole("separator", "Resize details");
    const before = await paneWidth(app);
    assert.equal(Number(await splitter.getAttribute("aria-valuenow")), before);
    const min = Number(await splitter.getAttribute("aria-valuemin"));
    const max = Number(await splitter.getAttribute("aria-valuemax"));
    assert.ok(min < before && before < max, `${min} < ${before} < ${max}`);
    await app.run((el) => el.focus(), splitter);
    await splitter.sendKeys("\uE011"); // Home: the narrowest pane
    await app.waitFor(async () => (await paneWidth(app)) === min, "pane at its minimum");
    await splitter.sendKeys("\uE012", "\uE012", "\uE012"); // ArrowLeft ×3: wider
    await app.waitFor(async () => (await paneWidth(app)) === min + 48, "pane 48 px wider");
    assert.equal(Number(await splitter.getAttribute("aria-valuenow")), min + 48);
    await splitter.sendKeys("\uE010"); // End: the widest the table allows
    await app.waitFor(async () => (await paneWidth(app)) === max, "pane at its maximum");
    // Beside the widest pane the table still shows name, status and expiry without scrolling.
    assert.deepEqual(await clippedHeaders(app), []);
    assert.equal(await tableOverflow(app), 0);
    await app.screenshot("1366x768-widest-details");
    await splitter.sendKeys("\uE012", "\uE012"); // a chosen width, to find again after restart
    await app.waitFor(
      async () => (await paneWidth(app)) === max,
      "the pane cannot pass its maximum",
    );
    await splitter.sendKeys("\uE014", "\uE014", "\uE014", "\uE014"); // ArrowRight ×4
    await app.waitFor(async () => (await paneWidth(app)) === max - 64, "pane 64 px narrower");
    await app.screenshot("1366x768-details");
  });

  it("resizes the pane with the mouse, and the version timeline fits in it", async () => {
    const splitter = await app.byRole("separator", "Resize details");
    const before = await paneWidth(app);
    await app.driver
      .actions()
      .move({ origin: splitter })
      .press()
      .move({ origin: Origin.POINTER, x: 10, y: 0, duration: 100 })
      .move({ origin: Origin.POINTER, x: 30, y: 0, duration: 100 })
      .release()
      .perform();
    // Dragged right: 40 px narrower.
    await app.waitFor(async () => (await paneWidth(app)) === before - 40, "pane 40 px narrower");
    assert.equal(await tableOverflow(app), 0);
    const timeline = await app.waitForTestId("version-timeline");
    await app.run((el) => el.scrollIntoView({ block: "center" }), timeline);
    const overflow = await app.run(() => {
      const scroll = document.querySelector(".details-scroll");
      return scroll.scrollWidth - scroll.clientWidth;
    });
    assert.equal(overflow, 0, "the details pane does not scroll sideways");
    await app.screenshot("1366x768-timeline");
  });

  it("draws a tooltip next to its control, during and after a drag too", async () => {
    const about = await app.byRole("button", "About CertDeck");
    const win = await appWindowGeometry(app);
    const rect = await app.run((el) => el.getBoundingClientRect().toJSON(), about);
    const env = { ...process.env, DISPLAY: app.display };
    execFileSync(
      "xdotool",
      [
        "mousemove",
        `${Math.round(win.x + rect.x + rect.width / 2)}`,
        `${Math.round(win.y + rect.y + rect.height / 2)}`,
      ],
      { env },
    );
    const tip = await app.waitFor(
      () =>
        app.run(() => {
          const el = document.querySelector('[role="tooltip"]');
          return el && { text: el.textContent, ...el.getBoundingClientRect().toJSON() };
        }),
      "the About tooltip shows",
    );
    assert.equal(tip.text, "About CertDeck (F1)");
    assert.ok(tip.y >= rect.bottom && tip.y <= rect.bottom + 12, `tooltip top ${tip.y}`);
    assert.ok(tip.x < rect.right && tip.right > rect.left, "tooltip beside the button");
    await app.screenshot("tooltip");

    const file = join(mkdtempSync(join(tmpdir(), "certdeck-shell-")), "not-a-cert.pem");
    writeFileSync(file, "not a certificate\n");
    const table = await app.run(() =>
      document.querySelector('[data-testid="cert-table"]').getBoundingClientRect().toJSON(),
    );
    let during;
    await dragAndDrop(app, [file], {
      x: Math.round(table.x + table.width / 2),
      y: Math.round(table.y + table.height / 2),
      whileHovering: async () => {
        during = await app.run(
          () => document.querySelector('[role="tooltip"]')?.textContent ?? null,
        );
        screenshotScreen(app, "drag-over-table");
      },
    });
    assert.equal(during, null, "no tooltip while dragging");
    // The panel slides in: a click during the slide can miss its moving button, so click
    // again until it has closed.
    await app.waitFor(async () => {
      if (await app.run(() => document.querySelector("dialog[open]") === null)) return true;
      await (await app.byRole("button", "Close import")).click();
      return false;
    }, "the import panel closes");
    // A tooltip may show now (WebDriver's click left the page's pointer where Close import
    // was, over About): wherever the pointer is, it is drawn beside its own control.
    await new Promise((r) => setTimeout(r, 800));
    const left = await app.run(() => {
      const tip = document.querySelector('[role="tooltip"]');
      if (!tip) return null;
      const anchor = [...document.querySelectorAll("[data-tooltip]")].find(
        (el) => el.dataset.tooltip === tip.textContent && el.matches(":hover, :focus"),
      );
      const box = tip.getBoundingClientRect();
      const near = anchor?.getBoundingClientRect();
      return {
        text: tip.textContent,
        near: !!near && Math.abs(box.top - near.bottom) <= 12 && box.left < near.right,
      };
    });
    screenshotScreen(app, "after-drag");
    if (left) assert.ok(left.near, `"${left.text}" is drawn beside its control`);
  });

  it("reopens with the details pane at the width last chosen", async () => {
    const chosen = await paneWidth(app);
    await app.close();
    app = await launchApp({ suite: SUITE, dirs, screen: "1366x768" });
    await (await app.byRole("link", "Local vault")).click();
    await app.waitFor(
      async () =>
        (await app.run(() => document.querySelectorAll('[data-testid="cert-row"]').length)) === 5,
      "the samples are listed again",
    );
    await openDetails(app, "sample-expired");
    assert.equal(await paneWidth(app), chosen);
  });
});

describe("a window saved on a monitor that is gone", () => {
  let app;

  after(async () => {
    await app?.close();
  });

  it("opens on the screen there is, at its saved size", async () => {
    const dirs = freshDirs();
    mkdirSync(dirs.config, { recursive: true });
    // Saved on a second monitor, right of this 1360×768 one.
    writeFileSync(
      join(dirs.config, "window-state.json"),
      JSON.stringify({
        main: { width: 1000, height: 600, x: 2400, y: 300, prev_x: 0, prev_y: 0, maximized: false },
      }),
    );
    // A screen of its own: the app of another test may still be closing on the 1366×768 one.
    app = await launchApp({ suite: SUITE, dirs, screen: "1360x768" });
    const win = await appWindowGeometry(app);
    assert.deepEqual([win.width, win.height], [1000, 600]);
    assert.ok(win.x >= 0 && win.x + win.width <= 1360, `x ${win.x}`);
    assert.ok(win.y >= 0 && win.y + win.height <= 768, `y ${win.y}`);
  });
});

describe("the layout on a 1280×800 screen", () => {
  let app;

  before(async () => {
    app = await launchApp({ suite: SUITE, screen: "1280x800" });
  });
  after(async () => {
    await app?.close();
  });

  it("fits the window, the table's headers and the details pane", async () => {
    const win = await appWindowGeometry(app);
    assert.ok(win.x + win.width <= 1280 && win.y + win.height <= 800, JSON.stringify(win));
    await addSamples(app);
    assert.deepEqual(await clippedHeaders(app), []);
    await app.screenshot("1280x800-table");
    await openDetails(app, "sample-expiring");
    assert.deepEqual(await clippedHeaders(app), []);
    assert.equal(await tableOverflow(app), 0);
    await app.screenshot("1280x800-details");
  });
});
