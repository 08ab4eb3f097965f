// The app shell in the real webview: it renders, the theme switch works and persists, and
// About shows versions that only the backend can know.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { freshDirs, launchApp, repoRoot } from "./harness.mjs";

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
    assert.equal(await (await app.waitForTestId("app-version")).getText(), version);
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
