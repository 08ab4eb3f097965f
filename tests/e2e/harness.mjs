// Drives the real CertDeck binary in the real webview: Xvfb + tauri-driver + WebKitWebDriver.
// Each launch gets its own config/data dirs and its own WebDriver ports; each process its own
// X display, so suites can run beside other work. Screenshots land in target/e2e-screenshots/.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Builder, By, until } from "selenium-webdriver";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const targetDir = process.env.CARGO_TARGET_DIR ?? join(repoRoot, "target");
export const appBinary = process.env.CERTDECK_APP ?? join(targetDir, "debug", "certdeck");
const screenshotRoot = join(targetDir, "e2e-screenshots");
const TIMEOUT_MS = 20_000;

let display;

/** One Xvfb per test process; `-displayfd` lets the server pick a free display number. */
async function ensureDisplay() {
  if (display) return display;
  const xvfb = spawn(
    "Xvfb",
    ["-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
    {
      stdio: ["ignore", "ignore", "pipe", "pipe"],
    },
  );
  const number = await new Promise((resolvePromise, reject) => {
    let out = "";
    xvfb.stdio[3].on("data", (chunk) => {
      out += chunk;
      if (out.includes("\n")) resolvePromise(out.trim());
    });
    xvfb.on("exit", (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
  // Let the test process exit when its tests are done; Xvfb goes with it.
  for (const stream of xvfb.stdio) stream?.destroy();
  xvfb.unref();
  process.on("exit", () => xvfb.kill("SIGTERM"));
  display = { name: `:${number}`, process: xvfb };
  return display;
}

function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

async function waitForDriver(port, child) {
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("tauri-driver did not start");
}

/** Creates fresh, isolated CertDeck config and data dirs. */
export function freshDirs() {
  const root = mkdtempSync(join(tmpdir(), "certdeck-e2e-"));
  return { config: join(root, "config"), data: join(root, "data") };
}

/**
 * Launches CertDeck. `dirs` (from freshDirs) may be passed again to relaunch on the same
 * state; `env` adds environment variables. Returns an App handle.
 */
export async function launchApp({ suite, dirs = freshDirs(), env = {} }) {
  const { name: displayName } = await ensureDisplay();
  const port = await freePort();
  const nativePort = await freePort();
  const driverProcess = spawn(
    "tauri-driver",
    ["--port", `${port}`, "--native-port", `${nativePort}`],
    {
      env: {
        ...process.env,
        DISPLAY: displayName,
        CERTDECK_CONFIG_DIR: dirs.config,
        CERTDECK_DATA_DIR: dirs.data,
        ...env,
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  try {
    await waitForDriver(port, driverProcess);
    const driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}/`)
      .withCapabilities({
        browserName: "wry",
        "tauri:options": { application: appBinary },
      })
      .build();
    const app = new App({
      driver,
      driverProcess,
      dirs,
      suite,
      display: displayName,
    });
    await app.waitForTestId("app-shell");
    return app;
  } catch (err) {
    driverProcess.kill("SIGTERM");
    throw err;
  }
}

let shotCounter = 0;

export class App {
  constructor({ driver, driverProcess, dirs, suite, display }) {
    Object.assign(this, { driver, driverProcess, dirs, suite, display });
  }

  /** Waits for an element with `data-testid` and returns it. */
  async waitForTestId(testId, timeout = TIMEOUT_MS) {
    const element = await this.driver.wait(
      until.elementLocated(By.css(`[data-testid="${testId}"]`)),
      timeout,
      `no element with data-testid="${testId}"`,
    );
    await this.driver.wait(until.elementIsVisible(element), timeout);
    return element;
  }

  /** Finds a visible element by ARIA role and accessible name (exact string or RegExp). */
  async byRole(role, name, timeout = TIMEOUT_MS) {
    const pattern = name instanceof RegExp ? { source: name.source, flags: name.flags } : null;
    const found = await this.driver.wait(
      async () =>
        this.driver.executeScript(
          (roleArg, exact, regex) => {
            const implicit = {
              button: "button",
              link: "a[href]",
              heading: "h1,h2,h3,h4,h5,h6",
              radio: "input[type=radio]",
              checkbox: "input[type=checkbox]",
              textbox:
                "input:not([type]),input[type=text],input[type=search],input[type=url],input[type=password],textarea",
              dialog: "dialog",
              navigation: "nav",
              alert: "[role=alert]",
            };
            const selector = [`[role="${roleArg}"]`, implicit[roleArg]].filter(Boolean).join(",");
            const nameOf = (el) => {
              const labelledBy = el.getAttribute("aria-labelledby");
              if (labelledBy) return document.getElementById(labelledBy)?.textContent?.trim() ?? "";
              if (el.getAttribute("aria-label")) return el.getAttribute("aria-label");
              if (el.labels?.length) return el.labels[0].textContent.trim();
              return el.textContent.trim();
            };
            const matches = (text) =>
              regex ? new RegExp(regex.source, regex.flags).test(text) : text === exact;
            return (
              [...document.querySelectorAll(selector)].find(
                (el) => el.getClientRects().length > 0 && matches(nameOf(el)),
              ) ?? null
            );
          },
          role,
          pattern ? null : name,
          pattern,
        ),
      timeout,
      `no visible ${role} named ${name}`,
    );
    return found;
  }

  /** Waits until some visible element's text contains `text`; returns that element. */
  async byText(text, timeout = TIMEOUT_MS) {
    return this.driver.wait(
      until.elementLocated(
        By.xpath(
          `//*[contains(normalize-space(.), ${xpathString(text)}) and not(*[contains(normalize-space(.), ${xpathString(text)})])]`,
        ),
      ),
      timeout,
      `no element containing "${text}"`,
    );
  }

  /** Polls `fn` until it returns a truthy value. */
  async waitFor(fn, message, timeout = TIMEOUT_MS) {
    return this.driver.wait(fn, timeout, message);
  }

  /** Runs a function in the page. */
  async run(fn, ...args) {
    return this.driver.executeScript(fn, ...args);
  }

  /**
   * Drops files on the window the way the runtime reports an OS drop: the `tauri://drag-drop`
   * event with absolute paths, so the UI and the backend see exactly what a real drop gives.
   */
  async dropFiles(paths, position = { x: 400, y: 300 }) {
    await this.driver.executeAsyncScript(
      (files, pos, done) => {
        const emit = (event, payload) =>
          window.__TAURI_INTERNALS__.invoke("plugin:event|emit", {
            event,
            payload,
          });
        emit("tauri://drag-enter", { paths: files, position: pos })
          .then(() => emit("tauri://drag-drop", { paths: files, position: pos }))
          .then(
            () => done(null),
            (err) => done(String(err)),
          );
      },
      paths.map((p) => resolve(p)),
      position,
    );
  }

  /** Saves a PNG of the window under target/e2e-screenshots/<suite>/. */
  async screenshot(step) {
    // Let images decode and two frames paint, so the picture shows what a user sees.
    await this.driver.executeAsyncScript((done) => {
      Promise.all([...document.images].map((img) => img.decode().catch(() => {}))).then(() =>
        requestAnimationFrame(() => requestAnimationFrame(() => done())),
      );
    });
    const dir = join(screenshotRoot, this.suite);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${String(++shotCounter).padStart(2, "0")}-${step}.png`);
    writeFileSync(file, await this.driver.takeScreenshot(), "base64");
    return file;
  }

  /** The X window titles on this app's display (what a window manager would show). */
  windowTitles() {
    const out = spawnSync("xwininfo", ["-root", "-tree"], {
      env: { ...process.env, DISPLAY: this.display },
      encoding: "utf8",
    }).stdout;
    return [...out.matchAll(/0x[0-9a-f]+ "([^"]*)"/g)].map((m) => m[1]);
  }

  async close() {
    try {
      await this.driver.quit();
    } finally {
      // SIGTERM, not SIGKILL: tauri-driver then stops its WebKitWebDriver child too.
      this.driverProcess.kill("SIGTERM");
      await new Promise((r) =>
        this.driverProcess.exitCode !== null ? r() : this.driverProcess.once("exit", r),
      );
    }
  }
}

function xpathString(text) {
  return text.includes('"') ? `concat("${text.split('"').join(`", '"', "`)}")` : `"${text}"`;
}
