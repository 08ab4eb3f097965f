// The app against a misbehaving vault: the embedded local vault injects faults (429 with
// Retry-After, 500, 503, dropped connections before and after the handler ran, slow answers)
// through its admin API, and the app must end each run in the right state — every
// certificate listed once, every file imported once, no edit lost — with each failure shown
// and a Retry that works.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { By, Key } from "selenium-webdriver";
import { dragAndDrop, launchApp } from "./harness.mjs";
import { makePfxFiles } from "./support/certs.mjs";
import { localVaultRest } from "./support/rest.mjs";

const SUITE = "faults";
const LISTED = 50;
const IMPORTED = 20;
const work = mkdtempSync(join(tmpdir(), "certdeck-faults-"));

/** Replaces the vault's fault rules (see crates/local-vault/src/http/faults.rs). */
async function setFaults(app, rules) {
  const reply = await localVaultRest(app, "POST", "_certdeck/faults", { rules });
  assert.equal(reply.status, 200, reply.text);
}

/** How many requests each rule in force hit. */
async function injected(app) {
  const reply = await localVaultRest(app, "GET", "_certdeck/faults");
  return reply.body.rules.map((rule) => rule.injected);
}

/** An input's current value (the property the user typed into, not the attribute). */
const inputValue = (app, input) => app.driver.executeScript("return arguments[0].value", input);

const countText = (app) =>
  app.run(() => document.querySelector('[data-testid="cert-count"]')?.textContent ?? "");

/** The names of the rows in the DOM (the grid is virtualised: those on screen). */
const rowNames = (app) =>
  app.run(() =>
    [...document.querySelectorAll('[data-testid="cert-row"]')].map((row) => row.dataset.name),
  );

async function waitForFullListing(app) {
  await app.waitFor(
    async () => (await countText(app)) === `${LISTED} certificates`,
    `${LISTED} certificates listed`,
    60_000,
  );
  const names = await rowNames(app);
  assert.ok(names.length > 0, "rows on screen");
  assert.equal(new Set(names).size, names.length, `no row twice: ${names}`);
}

/** Imports one PFX under `count` names `list-NN` through the REST API. */
async function seed(app, count) {
  const [pfx] = makePfxFiles(work, "seed", 1);
  const value = readFileSync(pfx).toString("base64");
  for (let i = 0; i < count; i++) {
    const name = `list-${String(i).padStart(2, "0")}`;
    const reply = await localVaultRest(app, "POST", `certificates/${name}/import`, {
      value,
      pwd: "",
    });
    assert.equal(reply.status, 200, reply.text);
  }
}

/** The card of `fileName`, scrolled into the virtualised list first. */
async function card(app, fileName) {
  const css = `[data-testid="import-item"][data-file-name="${fileName}"]`;
  return app.waitFor(async () => {
    const found = await app.driver.findElements(By.css(css));
    if (found[0]) {
      await app.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", found[0]);
      return found[0];
    }
    await app.run(() => {
      const list = document.querySelector(".import-list");
      if (list)
        list.scrollTop = list.scrollTop + 300 >= list.scrollHeight ? 0 : list.scrollTop + 300;
    });
    return null;
  }, `the card of ${fileName}`);
}

/** Every card's state, by file name (read in one go from the queue's header and cards). */
const progress = (app) =>
  app.run(() => {
    const bar = document.querySelector('[data-testid="import-progress"]');
    return bar ? Number(bar.getAttribute("aria-valuenow")) : 0;
  });

const stateCounts = (app) =>
  app.run(() => document.querySelector(".state-counts")?.textContent ?? "");

describe("faults injected by the vault", () => {
  let app;

  before(async () => {
    app = await launchApp({ suite: SUITE });
    await app.waitForTestId("vault-empty");
    await seed(app, LISTED);
  });
  after(async () => {
    await app?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("lists every certificate once through an expired token, throttling, a dropped connection and slow pages", async () => {
    await setFaults(app, [
      // The token "expires": the client takes a new one on the challenge and resends.
      { kind: "expired_token", method: "GET", path_prefix: "/certificates", count: 1 },
      {
        kind: "throttle",
        retry_after_secs: 1,
        method: "GET",
        path_prefix: "/certificates",
        count: 1,
      },
      { kind: "drop_before", method: "GET", path_prefix: "/certificates", count: 1 },
      {
        kind: "delay",
        delay_ms: 300,
        method: "GET",
        path_prefix: "/certificates",
        fraction: 0.5,
        seed: 11,
      },
    ]);
    await (await app.byRole("button", "Refresh")).click();
    await waitForFullListing(app);
    const [expired, throttled, dropped] = await injected(app);
    assert.deepEqual([expired, throttled, dropped], [1, 1, 1], "each fault met and recovered from");
    assert.equal(
      (await app.driver.findElements(By.css('[data-testid="vault-error"]'))).length,
      0,
      "recovered inside the client: no error shown",
    );
    await app.screenshot("listing-recovered");
  });

  it("says when the vault stays unavailable, and Retry lists every certificate once", async () => {
    await setFaults(app, [
      { kind: "unavailable", method: "GET", path_prefix: "/certificates", count: 3 },
    ]);
    await (await app.byRole("button", "Refresh")).click();
    const error = await app.waitForTestId("vault-error", 30_000);
    assert.match(await error.getText(), /503|unavailable/i);
    assert.deepEqual(await injected(app), [3], "the client's three tries, no more");
    await app.screenshot("listing-error");
    await (await error.findElement(By.css("button"))).click();
    await waitForFullListing(app);
    await app.waitFor(
      async () =>
        (await app.driver.findElements(By.css('[data-testid="vault-error"]'))).length === 0,
      "the error is gone",
    );
    await app.screenshot("listing-retried");
  });

  it("imports twenty files once each through lost answers, throttling and a failing card's Retry", async () => {
    await setFaults(app, []);
    const files = makePfxFiles(work, "faults", IMPORTED);
    await dragAndDrop(app, files);
    const importAll = await app.waitForTestId("import-all");
    await app.waitFor(
      async () => (await importAll.getText()) === `Import all ready (${IMPORTED})`,
      "twenty ready items",
      60_000,
    );
    const failing = "faults-07-contoso-test";
    await setFaults(app, [
      // One file fails all three of the client's tries: its card must offer Retry.
      {
        kind: "internal",
        method: "POST",
        path_prefix: `/certificates/${failing}/import`,
        count: 3,
      },
      // Imports that land with their answer lost: the client must not send them again.
      {
        kind: "drop_after",
        method: "POST",
        path_prefix: "/certificates/faults-",
        fraction: 0.3,
        seed: 3,
        count: 5,
      },
      {
        kind: "throttle",
        retry_after_secs: 1,
        method: "POST",
        path_prefix: "/certificates/faults-",
        count: 2,
      },
      { kind: "drop_before", method: "POST", path_prefix: "/certificates/faults-", count: 2 },
      { kind: "delay", delay_ms: 200, method: "GET", fraction: 0.3, seed: 9 },
    ]);
    await importAll.click();
    await app.waitFor(
      async () => (await progress(app)) === IMPORTED,
      "every file finished",
      120_000,
    );
    const hits = await injected(app);
    assert.equal(hits[0], 3, "the failing file met its three 500s");
    assert.ok(hits[1] > 0, `answers were lost after the import landed (${hits})`);
    assert.match(await stateCounts(app), /\d+ failed/);

    const failed = await card(app, `faults-07.pfx`);
    assert.equal(await failed.getAttribute("data-state"), "failed");
    const message = await failed.findElement(By.css('[data-testid="item-error"]'));
    assert.match(await message.getText(), /500|internal/i);
    await app.screenshot("import-card-failed");

    // Retry every failed card from the card itself.
    for (;;) {
      const names = await app.run(() =>
        [...document.querySelectorAll('[data-testid="import-item"][data-state="failed"]')].map(
          (c) => c.dataset.fileName,
        ),
      );
      if (names.length === 0) break;
      const retry = await (await card(app, names[0])).findElement(
        By.css('[data-testid="import-item-button"]'),
      );
      assert.equal(await retry.getText(), "Retry");
      await retry.click();
      await app.waitFor(
        async () => (await (await card(app, names[0])).getAttribute("data-state")) === "done",
        `${names[0]} imported on Retry`,
        60_000,
      );
    }
    await app.waitFor(
      async () => (await stateCounts(app)) === `${IMPORTED} imported`,
      "all twenty imported",
      60_000,
    );
    await app.screenshot("import-all-done");

    // Nothing twice, nothing lost: each name holds exactly one version.
    await setFaults(app, []);
    for (let i = 0; i < IMPORTED; i++) {
      const name = `faults-${String(i).padStart(2, "0")}-contoso-test`;
      const versions = await localVaultRest(app, "GET", `certificates/${name}/versions`);
      assert.equal(versions.status, 200, `${name}: ${versions.text}`);
      assert.equal(versions.body.value.length, 1, `${name} imported once`);
    }
    await (await app.waitForTestId("import-close")).click();
    await app.waitFor(
      async () =>
        (await app.driver.findElements(By.css('[data-testid="import-panel"]'))).length === 0,
      "the panel closes",
    );
  });

  it("keeps every edit when a policy save meets a 503, and Retry saves it through a dropped connection", async () => {
    const search = await app.driver.findElement(By.css('input[aria-label="Search certificates"]'));
    await search.sendKeys("list-00");
    const row = await app.waitFor(
      async () =>
        (await app.driver.findElements(By.css('[data-testid="cert-row"][data-name="list-00"]')))[0],
      "the row of list-00",
    );
    await row.click();
    await (await app.byRole("link", "Edit policy")).click();
    await app.waitForTestId("policy-editor");
    const months = await app.byRole("spinbutton", "Validity (months)");
    await months.click();
    await months.sendKeys(Key.chord(Key.CONTROL, "a"), Key.BACK_SPACE);
    await months.sendKeys("13");
    assert.equal(await inputValue(app, months), "13");
    const save = await app.byRole("button", "Save…");
    await app.waitFor(async () => save.isEnabled(), "Save enabled");
    await save.click();
    await app.waitFor(
      async () =>
        (await app.driver.findElements(By.css('[data-testid="policy-change"]'))).length > 0,
      "the changes listed",
    );
    await setFaults(app, [
      {
        kind: "unavailable",
        method: "PATCH",
        path_prefix: "/certificates/list-00/policy",
        count: 3,
      },
      {
        kind: "drop_before",
        method: "PATCH",
        path_prefix: "/certificates/list-00/policy",
        count: 1,
      },
    ]);
    const dialog = await app.waitForTestId("policy-save-dialog");
    await (await dialog.findElement(By.xpath(".//button[normalize-space()='Save']"))).click();
    const retry = await app.waitFor(
      async () => (await dialog.findElements(By.xpath(".//button[normalize-space()='Retry']")))[0],
      "Retry offered",
      30_000,
    );
    assert.match(await dialog.getText(), /503|unavailable/i);
    assert.equal(await inputValue(app, months), "13", "the edit is kept");
    await app.screenshot("policy-save-failed");
    await retry.click();
    await app.byText("Policy saved");
    assert.deepEqual(await injected(app), [3, 1]);
    const policy = await localVaultRest(app, "GET", "certificates/list-00/policy");
    assert.equal(policy.body.x509_props.validity_months, 13);
    assert.equal(await inputValue(app, months), "13");
    await app.screenshot("policy-saved-after-retry");
  });
});
