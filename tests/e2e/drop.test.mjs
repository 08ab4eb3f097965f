// Real X drag and drop onto the window: the backend grants only files from the window's native
// drop and then announces them as `certdeck://files-dropped`. A drop event the page emits itself
// must grant nothing: these tests watch the event and the backend's refusal.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { dragAndDrop, launchApp, screenshotScreen } from "./harness.mjs";

const SUITE = "drop";

/** Starts recording every `certdeck://files-dropped` payload in `window.__dropped`. */
const listenForDrops = (app) =>
  app.driver.executeAsyncScript((done) => {
    window.__dropped = [];
    const { invoke, transformCallback } = window.__TAURI_INTERNALS__;
    invoke("plugin:event|listen", {
      event: "certdeck://files-dropped",
      target: { kind: "Any" },
      handler: transformCallback((event) => window.__dropped.push(event.payload)),
    }).then(
      () => done(null),
      (err) => done(String(err)),
    );
  });

const drops = (app) => app.run(() => window.__dropped);

const tempRoot = mkdtempSync(join(tmpdir(), "certdeck-drop-"));

/** Creates `count` files in a fresh temp dir, with names a URI must escape. */
function tempFiles(count) {
  const dir = join(mkdtempSync(join(tempRoot, "set-")), "my certs #1");
  mkdirSync(dir);
  return Array.from({ length: count }, (_, i) => {
    const file = join(dir, `cert ${i} %20 é.pem`);
    writeFileSync(file, `not a certificate ${i}\n`);
    return realpathSync(file);
  });
}

describe("dropping files on the window", () => {
  let app;

  before(async () => {
    app = await launchApp({ suite: SUITE });
    assert.equal(await listenForDrops(app), null);
  });
  beforeEach(async () => {
    await app.run(() => {
      window.__dropped = [];
    });
  });
  after(async () => {
    await app?.close();
    rmSync(tempRoot, { recursive: true, force: true });
  });

  it("grants two files dragged from another window and announces their canonical paths", async () => {
    const files = tempFiles(2);
    const ms = await dragAndDrop(app, files, {
      whileHovering: async () => screenshotScreen(app, "drag-hover"),
    });
    await app.waitFor(async () => (await drops(app)).length > 0, "certdeck://files-dropped");
    assert.deepEqual(await drops(app), [files]);
    console.log(`drag of 2 files: ${ms} ms`);
  });

  it("grants twenty files dropped in one drag together", async () => {
    const files = tempFiles(20);
    const ms = await dragAndDrop(app, files, { x: 300, y: 200 });
    await app.waitFor(async () => (await drops(app)).length > 0, "certdeck://files-dropped");
    assert.deepEqual(await drops(app), [files]);
    console.log(`drag of 20 files: ${ms} ms`);
  });

  it("grants nothing for a drop event the page forges", async () => {
    const error = await app.driver.executeAsyncScript((done) => {
      window.__TAURI_INTERNALS__
        .invoke("plugin:event|emit", {
          event: "tauri://drag-drop",
          payload: { paths: ["/etc/hostname"], position: { x: 10, y: 10 } },
        })
        .then(
          () => done(null),
          (err) => done(String(err)),
        );
    });
    assert.equal(error, null, "the page may emit the event; the backend must ignore it");
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(await drops(app), []);
    const refused = await app.driver.executeAsyncScript((done) => {
      window.__TAURI_INTERNALS__
        .invoke("open_file", { args: { path: "/etc/hostname", password: null } })
        .then(
          () => done("opened"),
          (err) => done(err),
        );
    });
    assert.equal(refused.code, "Forbidden", JSON.stringify(refused));
    // The listener is still live: a real drop after the forged one is the only one heard.
    const files = tempFiles(1);
    await dragAndDrop(app, files);
    await app.waitFor(async () => (await drops(app)).length > 0, "certdeck://files-dropped");
    assert.deepEqual(await drops(app), [files]);
  });
});
