// Import in the real webview, every file arriving by a real X drag (the backend grants files only
// from the window's native drop): a password-protected PFX, a legacy PFX re-encoded, a PKCS#1
// PEM normalised, a lone .cer refused, a .cer + .key pair, a deleted name recovered in place,
// and twenty files at once.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { request } from "node:https";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { By, Key } from "selenium-webdriver";
import { dragAndDrop, launchApp, repoRoot, screenshotScreen } from "./harness.mjs";
import { makePfxFiles } from "./support/certs.mjs";
import { fixtureDir, usePrivateKeyFile, useSecret } from "./support/run.mjs";

const SUITE = "import";
const PASSWORD = useSecret("Secret-123", "import: the fixtures' PFX password");
const fixtures = join(process.env.CARGO_TARGET_DIR ?? join(repoRoot, "target"), "inspect-fixtures");
const work = fixtureDir("import");

/** Copies fixtures into a fresh folder under the names a user would drop. */
function files(pairs) {
  const dir = mkdtempSync(join(work, "drop-"));
  return pairs.map(([fixture, name]) => {
    const file = join(dir, name);
    copyFileSync(join(fixtures, fixture), file);
    if (readFileSync(file, "latin1").includes("PRIVATE KEY-----")) {
      usePrivateKeyFile(file, `import: ${fixture}`);
    }
    return realpathSync(file);
  });
}

const item = (app, fileName) =>
  app.waitFor(async () => {
    const found = await app.driver.findElements(
      By.css(`[data-testid="import-item"][data-file-name="${fileName}"]`),
    );
    return found[0];
  }, `import item ${fileName}`);

/** Read in one script in the page, so a card re-rendered meanwhile cannot go stale under us. */
const stateOf = async (app, fileName) => {
  await item(app, fileName);
  return app.run(
    (file) =>
      document.querySelector(`[data-testid="import-item"][data-file-name="${file}"]`)?.dataset
        .state,
    fileName,
  );
};

const waitForState = (app, fileName, state, timeout) =>
  app.waitFor(
    async () => (await stateOf(app, fileName)) === state,
    `${fileName} → ${state}`,
    timeout,
  );

const inItem = async (app, fileName, testId) =>
  (await item(app, fileName)).findElement(By.css(`[data-testid="${testId}"]`));

const textIn = (app, fileName, testId) =>
  app.run(
    (file, id) =>
      document.querySelector(
        `[data-testid="import-item"][data-file-name="${file}"] [data-testid="${id}"]`,
      )?.innerText ?? "",
    fileName,
    testId,
  );

const selectedRow = (app) =>
  app.run(
    () => document.querySelector('[data-testid="cert-row"][aria-selected="true"]')?.dataset.name,
  );

/** Sets a text input's value the way a user does: select all, type. */
const typeInto = async (input, text) => {
  await input.sendKeys(Key.chord(Key.CONTROL, "a"), Key.BACK_SPACE);
  if (text) await input.sendKeys(text);
};

/** Closes the import panel (which forgets the opened files). */
const closePanel = async (app) => {
  await (await app.waitForTestId("import-close")).click();
  await app.waitFor(
    async () =>
      (await app.driver.findElements(By.css('[data-testid="import-panel"]'))).length === 0,
    "the panel closes",
  );
};

/** Sends `method path` to the embedded local vault's REST API; resolves to the status. */
function localVault(app, method, path) {
  const { vaults } = JSON.parse(readFileSync(join(app.dirs.config, "vaults.json"), "utf8"));
  const local = vaults.find((v) => v.local_name);
  const dir = join(app.dirs.data, "local-vault");
  const url = new URL(`${path}?api-version=7.5`, local.url.replace(/\/?$/, "/"));
  return new Promise((resolvePromise, reject) => {
    const req = request(
      url,
      {
        method,
        ca: readFileSync(join(dir, "ca.pem")),
        headers: { authorization: `Bearer ${readFileSync(join(dir, "token"), "utf8").trim()}` },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolvePromise(res.statusCode));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/**
 * Soft-deletes a certificate through the REST API (no UI for it yet) and waits until it is
 * listed as deleted: like Key Vault, the built-in vault takes seconds to settle a delete.
 */
async function deleteCertificate(app, name) {
  const status = await localVault(app, "DELETE", `certificates/${name}`);
  if (status !== 200) throw new Error(`DELETE ${status}`);
  await app.waitFor(
    async () => (await localVault(app, "GET", `deletedcertificates/${name}`)) === 200,
    `${name} listed as deleted`,
  );
}

describe("importing dropped files", () => {
  let app;

  before(async () => {
    const made = spawnSync(
      "bash",
      [join(repoRoot, "crates/inspect/tests/fixtures/make-fixtures.sh"), fixtures],
      { stdio: "inherit" },
    );
    assert.equal(made.status, 0, "make-fixtures.sh");
    app = await launchApp({ suite: SUITE });
    await app.waitForTestId("vault-empty");
  });
  after(async () => {
    await app?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("asks for a PFX's password, says when it is wrong, previews and imports it", async () => {
    const [pfx] = files([["modern.pfx", "contoso web.pfx"]]);
    await dragAndDrop(app, [pfx], {
      whileHovering: async () => {
        const overlay = await app.waitForTestId("drop-overlay");
        assert.match(await overlay.getText(), /Local vault/);
        await screenshotScreen(app, "overlay");
      },
    });
    await app.waitForTestId("import-panel");
    await waitForState(app, "contoso web.pfx", "needs-password");
    await app.screenshot("needs-password");

    await (await inItem(app, "contoso web.pfx", "password-input")).sendKeys("wrong");
    await (await inItem(app, "contoso web.pfx", "password-submit")).click();
    await app.waitFor(
      async () => /wrong password/i.test(await textIn(app, "contoso web.pfx", "item-error")),
      "wrong password message",
    );
    assert.equal(await stateOf(app, "contoso web.pfx"), "needs-password");
    await app.screenshot("wrong-password");

    await typeInto(await inItem(app, "contoso web.pfx", "password-input"), PASSWORD);
    await (await inItem(app, "contoso web.pfx", "password-submit")).click();
    await waitForState(app, "contoso web.pfx", "ready");
    assert.match(await textIn(app, "contoso web.pfx", "subject"), /www\.contoso\.com/);
    assert.match(await textIn(app, "contoso web.pfx", "key-match"), /matches/i);
    const name = await inItem(app, "contoso web.pfx", "name-input");
    assert.equal(await name.getAttribute("value"), "www-contoso-com");
    assert.match(await textIn(app, "contoso web.pfx", "name-status"), /new certificate/i);
    await app.screenshot("preview");

    await typeInto(name, "web_01");
    await app.waitFor(
      async () => /'_'/.test(await textIn(app, "contoso web.pfx", "name-error")),
      "the name rule in words",
    );
    await typeInto(name, "contoso-web");
    await waitForState(app, "contoso web.pfx", "ready");

    await (await inItem(app, "contoso web.pfx", "import-item-button")).click();
    await waitForState(app, "contoso web.pfx", "done");
    await closePanel(app);
    await app.waitFor(
      async () => (await selectedRow(app)) === "contoso-web",
      "the new row selected",
    );
    await app.waitForTestId("details-pane");
    await app.screenshot("imported-selected");
  });

  it("re-encodes a legacy RC2 PFX and says so", async () => {
    const [pfx] = files([["legacy.pfx", "legacy.pfx"]]);
    await dragAndDrop(app, [pfx]);
    await waitForState(app, "legacy.pfx", "needs-password");
    await (await inItem(app, "legacy.pfx", "password-input")).sendKeys(PASSWORD);
    await (await inItem(app, "legacy.pfx", "password-submit")).click();
    await app.waitFor(
      async () => ["ready", "blocked"].includes(await stateOf(app, "legacy.pfx")),
      "legacy opened",
    );
    assert.match(await textIn(app, "legacy.pfx", "repairs"), /RC2/);
    await typeInto(await inItem(app, "legacy.pfx", "name-input"), "legacy-web");
    await waitForState(app, "legacy.pfx", "ready");
    await app.screenshot("legacy-reencoded");
    await (await inItem(app, "legacy.pfx", "import-item-button")).click();
    await waitForState(app, "legacy.pfx", "done");
    await closePanel(app);
  });

  it("imports a PEM with a PKCS#1 key after normalising it, and refuses a lone .cer", async () => {
    const [pem, cer] = files([
      ["pem-pkcs1.pem", "rsa-key.pem"],
      ["leaf.cer", "alone.cer"],
    ]);
    await dragAndDrop(app, [pem, cer]);
    await waitForState(app, "alone.cer", "blocked");
    assert.match(await textIn(app, "alone.cer", "problems"), /private key/i);
    await app.waitFor(
      async () => ["ready", "blocked"].includes(await stateOf(app, "rsa-key.pem")),
      "PEM opened",
    );
    assert.match(await textIn(app, "rsa-key.pem", "repairs"), /PKCS#8/);
    await typeInto(await inItem(app, "rsa-key.pem", "name-input"), "pkcs1-web");
    await waitForState(app, "rsa-key.pem", "ready");
    await app.screenshot("pem-and-lone-cer");
    await (await inItem(app, "rsa-key.pem", "import-item-button")).click();
    await waitForState(app, "rsa-key.pem", "done");
    assert.equal(await stateOf(app, "alone.cer"), "blocked", "nothing was sent for the .cer");
    await closePanel(app);
  });

  it("pairs a .cer with its separately dropped .key", async () => {
    const [cer, key] = files([
      ["leaf.cer", "web.cer"],
      ["leaf-pkcs1.key", "web.key"],
    ]);
    await dragAndDrop(app, [cer, key]);
    await waitForState(app, "web.cer", "blocked");
    await (await inItem(app, "web.cer", "pair-button")).click();
    await app.waitFor(
      async () => /matches/i.test(await textIn(app, "web.cer", "key-match")),
      "the pair's key matches",
    );
    await typeInto(await inItem(app, "web.cer", "name-input"), "paired-web");
    await waitForState(app, "web.cer", "ready");
    await app.screenshot("paired");
    await (await inItem(app, "web.cer", "import-item-button")).click();
    await waitForState(app, "web.cer", "done");
    await closePanel(app);
  });

  it("offers to recover a deleted name in place, then imports a new version", async () => {
    await deleteCertificate(app, "contoso-web");
    const [pfx] = files([["empty-password.pfx", "again.pfx"]]);
    await dragAndDrop(app, [pfx]);
    await app.waitFor(
      async () => ["ready", "blocked"].includes(await stateOf(app, "again.pfx")),
      "opened without a password",
    );
    await typeInto(await inItem(app, "again.pfx", "name-input"), "contoso-web");
    await app.waitFor(
      async () => /deleted/i.test(await textIn(app, "again.pfx", "name-status")),
      "the deleted state",
    );
    assert.equal(await stateOf(app, "again.pfx"), "blocked", "a choice is needed first");
    await app.screenshot("deleted-name");
    await (await inItem(app, "again.pfx", "recover-button")).click();
    await waitForState(app, "again.pfx", "ready");
    await (await inItem(app, "again.pfx", "import-item-button")).click();
    await waitForState(app, "again.pfx", "done", 60_000);
    await closePanel(app);
    await app.waitFor(async () => (await selectedRow(app)) === "contoso-web", "recovered row");
    const versions = await app.waitForTestId("versions");
    await app.waitFor(async () => /2/.test(await versions.getText()), "two versions");
  });

  it("imports twenty files at once with the progress bar reaching the end", async () => {
    const bulk = makePfxFiles(work, "bulk", 20);
    await dragAndDrop(app, bulk);
    // The queue is virtualised: the header counts all twenty, the DOM only the cards on screen.
    const importAll = await app.waitForTestId("import-all");
    await app.waitFor(
      async () => (await importAll.getText()) === "Import all ready (20)",
      "twenty ready items",
      60_000,
    );
    await app.screenshot("twenty-ready");
    await importAll.click();
    const progress = await app.waitForTestId("import-progress");
    await app.waitFor(
      async () =>
        (await progress.getAttribute("aria-valuenow")) === "20" &&
        (await progress.getAttribute("aria-valuemax")) === "20",
      "progress at 20 of 20",
      60_000,
    );
    const counts = await app.run(() => document.querySelector(".state-counts")?.textContent);
    assert.equal(counts, "20 imported");
    const shown = await app.run(() =>
      [...document.querySelectorAll('[data-testid="import-item"]')].map((i) => i.dataset.state),
    );
    assert.ok(
      shown.length > 0 && shown.length < 20,
      `virtualised: ${shown.length} cards in the DOM`,
    );
    assert.deepEqual(new Set(shown), new Set(["done"]));
    await app.screenshot("twenty-done");
    await closePanel(app);
    const count = await app.waitForTestId("cert-count");
    await app.waitFor(async () => /\b24\b/.test(await count.getText()), "the table lists them");
  });
});
