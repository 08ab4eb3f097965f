// Drives the real CertDeck binary in the real webview: Xvfb + tauri-driver + WebKitWebDriver.
// Each launch gets its own config/data dirs and its own WebDriver ports; each process its own
// X display, so suites can run beside other work. Screenshots land in target/e2e-screenshots/.
import { execFile, spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Builder, By, error, until } from "selenium-webdriver";
import { launchRoot } from "./support/run.mjs";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const targetDir = process.env.CARGO_TARGET_DIR ?? join(repoRoot, "target");
export const appBinary = process.env.CERTDECK_APP ?? join(targetDir, "debug", "certdeck");
const screenshotRoot = join(targetDir, "e2e-screenshots");
const TIMEOUT_MS = 20_000;

/** The screen an app is launched on unless a suite asks for another. */
export const DEFAULT_SCREEN = "1280x800";
const displays = new Map();

/**
 * One Xvfb per test process and screen size (`WIDTHxHEIGHT`); `-displayfd` lets the server
 * pick a free display number.
 */
async function ensureDisplay(screen = DEFAULT_SCREEN) {
  if (!displays.has(screen)) displays.set(screen, startXvfb(screen));
  return displays.get(screen);
}

async function startXvfb(screen) {
  const xvfb = spawn(
    "Xvfb",
    ["-displayfd", "3", "-screen", "0", `${screen}x24`, "-nolisten", "tcp"],
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
  return { name: `:${number}`, process: xvfb };
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

/**
 * Creates fresh, isolated CertDeck config and data dirs, under the run's root
 * (target/e2e-run/<suite>-XXXXXX) so the secret scan after the run finds every launch.
 */
export function freshDirs(suite = "launch") {
  const root = launchRoot(suite);
  return { config: join(root, "config"), data: join(root, "data") };
}

/**
 * Launches CertDeck. `dirs` (from freshDirs) may be passed again to relaunch on the same
 * state; `env` adds environment variables; `screen` ("1366x768") picks the X screen's size;
 * `args` are the app's command line (files to open). Returns an App handle.
 */
export async function launchApp({ suite, dirs = freshDirs(suite), env = {}, screen, args = [] }) {
  const { name: displayName } = await ensureDisplay(screen);
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
        "tauri:options": { application: appBinary, args },
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
              spinbutton: "input[type=number]",
              combobox: "select",
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

  /**
   * Polls `fn` until it returns a truthy value. An element that React replaced while `fn` held
   * it (stale) is "not yet", as between two renders: the next poll finds the new one.
   */
  async waitFor(fn, message, timeout = TIMEOUT_MS) {
    const attempt = async () => {
      try {
        return await fn();
      } catch (err) {
        if (err instanceof error.StaleElementReferenceError) return false;
        throw err;
      }
    };
    return this.driver.wait(attempt, timeout, message);
  }

  /** Runs a function in the page. */
  async run(fn, ...args) {
    return this.driver.executeScript(fn, ...args);
  }

  /**
   * Saves a PNG of the window, as the X server shows it, under target/e2e-screenshots/<suite>/.
   * (WebKitWebDriver's own screenshot hangs when WebKit draws without compositing, as the app
   * does on machines without a GPU.)
   */
  async screenshot(step) {
    // Let images decode and two frames paint, so the picture shows what a user sees.
    await this.driver.executeAsyncScript((done) => {
      Promise.all([...document.images].map((img) => img.decode().catch(() => {}))).then(() =>
        requestAnimationFrame(() => requestAnimationFrame(() => done())),
      );
    });
    const { x, y, width, height } = await appWindowGeometry(this);
    return capture(this, step, ["-crop", `${width}x${height}+${x}+${y}`, "+repage"]);
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

const dragSource = join(repoRoot, "tests/e2e/support/drag_source.py");

/** Runs xdotool on `display`; resolves with its stdout, rejects with its stderr. */
export function xdotool(display, args) {
  return new Promise((resolvePromise, reject) => {
    execFile(
      "xdotool",
      args,
      { env: { ...process.env, DISPLAY: display } },
      (err, stdout, stderr) =>
        err
          ? reject(new Error(`xdotool ${args.join(" ")}: ${stderr || err.message}`))
          : resolvePromise(stdout),
    );
  });
}

/** The app window's outer geometry on the root window: { x, y, width, height }. */
export async function appWindowGeometry(app) {
  const ids = (await xdotool(app.display, ["search", "--onlyvisible", "--name", "^CertDeck$"]))
    .split("\n")
    .filter(Boolean);
  if (ids.length === 0) throw new Error(`no visible CertDeck window on ${app.display}`);
  const shell = await xdotool(app.display, ["getwindowgeometry", "--shell", ids[0]]);
  const get = (key) => Number(shell.match(new RegExp(`^${key}=(-?\\d+)`, "m"))[1]);
  return { x: get("X"), y: get("Y"), width: get("WIDTH"), height: get("HEIGHT") };
}

/**
 * Drops files on the app window with a real X drag and drop, the only kind the backend grants:
 * a GTK window offering the files as text/uri-list is dragged with xdotool to (x, y), relative
 * to the app window (default: its centre). `whileHovering` runs with the pointer held over the
 * target, before the button is released. Resolves with the drag's duration in ms once the
 * source saw the drop accepted; rejects with the reason otherwise.
 */
export async function dragAndDrop(
  app,
  paths,
  { x, y, steps = 20, timeoutMs = 15_000, whileHovering } = {},
) {
  const started = Date.now();
  const win = await appWindowGeometry(app);
  const target = {
    x: win.x + (x ?? Math.floor(win.width / 2)),
    y: win.y + (y ?? Math.floor(win.height / 2)),
  };
  // The source sits in the bottom-left corner, or top-right when the target is down there.
  const screen = (await xdotool(app.display, ["getdisplaygeometry"])).trim().split(" ").map(Number);
  const size = 96;
  const corner =
    target.x < 2 * size && target.y > screen[1] - 2 * size
      ? [screen[0] - size, 0]
      : [0, screen[1] - size];
  const source = spawn(
    "/usr/bin/python3",
    [
      dragSource,
      "--geometry",
      `${corner},${size},${size}`,
      "--timeout",
      `${timeoutMs / 1000}`,
      ...paths.map((p) => resolve(p)),
    ],
    {
      env: { ...process.env, DISPLAY: app.display, GDK_BACKEND: "x11" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  source.stdout.on("data", (chunk) => (out += chunk));
  source.stderr.on("data", (chunk) => (err += chunk));
  const exited = new Promise((r) => source.once("exit", r));
  /** Waits for a stdout line starting with `word`; returns its remaining fields. */
  const line = (word) =>
    new Promise((resolveLine, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`drag source: no ${word} in ${timeoutMs} ms; it said: ${out.trim()}`)),
        timeoutMs,
      );
      const check = () => {
        const found = out.match(new RegExp(`^${word}(.*)$`, "m"));
        if (found) {
          clearTimeout(timer);
          source.stdout.off("data", check);
          resolveLine(found[1].trim().split(" "));
        } else if (source.exitCode !== null) {
          clearTimeout(timer);
          reject(
            new Error(`drag source exited with ${source.exitCode} before ${word}: ${err.trim()}`),
          );
        }
      };
      source.stdout.on("data", check);
      source.once("exit", check);
      check();
    });
  try {
    const [sx, sy, sw, sh, xid] = (await line("READY")).map(Number);
    // No window manager stacks windows; make sure the source is not under the app.
    await xdotool(app.display, ["windowraise", `${xid}`]);
    const from = { x: sx + Math.floor(sw / 2), y: sy + Math.floor(sh / 2) };
    const move = (px, py, pause = 0.02) => ["mousemove", `${px}`, `${py}`, "sleep", `${pause}`];
    const path = [];
    for (let i = 1; i <= steps; i++) {
      path.push(
        ...move(
          Math.round(from.x + ((target.x - from.x) * i) / steps),
          Math.round(from.y + ((target.y - from.y) * i) / steps),
        ),
      );
    }
    // Small moves at the target let the XDND position/status round trip settle before the drop.
    await xdotool(app.display, [
      ...move(from.x, from.y, 0),
      "mousedown",
      "1",
      ...path,
      ...move(target.x + 1, target.y, 0.05),
      ...move(target.x, target.y, 0.1),
    ]);
    await line("ACCEPTED");
    await whileHovering?.();
    await xdotool(app.display, ["mouseup", "1"]);
    const [result] = await line("DONE");
    if (result !== "ok") throw new Error(`the drag ended without a drop: ${result}`);
    await exited;
    return Date.now() - started;
  } catch (error) {
    source.kill("SIGTERM");
    // Leave no button held down for the next test.
    await xdotool(app.display, ["mouseup", "1"]).catch(() => {});
    throw error;
  }
}

/**
 * Saves a PNG of the whole X screen (other windows, the drag icon) under
 * target/e2e-screenshots/<suite>/; WebDriver's screenshot shows only the page.
 */
export function screenshotScreen(app, step) {
  return capture(app, step, []);
}

/** Captures the X screen (with `crop` options, if any) into the suite's screenshot folder. */
function capture(app, step, crop) {
  const dir = join(screenshotRoot, app.suite);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${String(++shotCounter).padStart(2, "0")}-${step}.png`);
  const { status, stderr } = spawnSync("import", ["-window", "root", ...crop, file], {
    env: { ...process.env, DISPLAY: app.display },
    encoding: "utf8",
  });
  if (status !== 0) throw new Error(`import -window root: ${stderr}`);
  return file;
}
