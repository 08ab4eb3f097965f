// Browsing in the real webview: the built-in local vault on first start, samples, search,
// details parsed from the certificate, the expiry view across vaults, and a vault that
// fails while the others keep listing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { By } from "selenium-webdriver";
import { launchApp } from "./harness.mjs";

const SUITE = "browse";

/** The names of the rows a list shows, in order. */
const rowNames = (app, testId) =>
  app.run(
    (id) => [...document.querySelectorAll(`[data-testid="${id}"]`)].map((r) => r.dataset.name),
    testId,
  );

const submitDialog = async (app) => {
  await app.driver
    .findElement(By.css('[data-testid="add-vault-dialog"] button[type="submit"]'))
    .click();
};

describe("browsing vaults", () => {
  let app;

  before(async () => {
    app = await launchApp({ suite: SUITE });
  });
  after(async () => {
    await app?.close();
  });

  it("shows the built-in Local vault on first start, empty, with samples on offer", async () => {
    await app.byRole("link", "Local vault");
    await app.waitForTestId("vault-empty");
    await app.screenshot("first-start");
  });

  it("fills the table with the five samples", async () => {
    await (await app.byRole("button", "Add samples")).click();
    await app.waitFor(
      async () => (await rowNames(app, "cert-row")).length === 5,
      "five sample rows",
    );
    const names = await rowNames(app, "cert-row");
    assert.deepEqual([...names].sort(), [
      "sample-disabled",
      "sample-expired",
      "sample-expiring",
      "sample-healthy",
      "sample-pending",
    ]);
    assert.equal(names[0], "sample-expired", "the most urgent row comes first");
    await app.screenshot("samples");
  });

  it("filters as the user types", async () => {
    const search = await app.byRole("textbox", "Search certificates");
    await search.sendKeys("expir");
    await app.waitFor(
      async () => (await rowNames(app, "cert-row")).length === 2,
      "only the expired and expiring samples",
    );
    assert.deepEqual((await rowNames(app, "cert-row")).sort(), [
      "sample-expired",
      "sample-expiring",
    ]);
    await app.screenshot("search");
    await app.run(() => {
      const input = document.querySelector('[aria-label="Search certificates"]');
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(input, "");
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await app.waitFor(async () => (await rowNames(app, "cert-row")).length === 5, "all rows back");
  });

  it("shows the parsed subject and SANs of a clicked certificate", async () => {
    await app.driver
      .findElement(By.css('[data-testid="cert-row"][data-name="sample-healthy"]'))
      .click();
    const pane = await app.waitForTestId("details-pane");
    await app.waitFor(
      async () => (await pane.getText()).includes("CN=sample-healthy.certdeck.local"),
      "the subject from the parsed certificate",
    );
    const text = await pane.getText();
    assert.match(text, /sample-healthy\.certdeck\.local/);
    assert.match(text, /Versions/i);
    await app.screenshot("details");
  });

  it("lists the expired sample first in the expiry view", async () => {
    await (await app.byRole("link", /Expiry/)).click();
    await app.waitFor(
      async () => (await rowNames(app, "expiry-row")).length >= 4,
      "the dated samples in the expiry view",
    );
    assert.equal((await rowNames(app, "expiry-row"))[0], "sample-expired");
    await app.screenshot("expiry");
  });

  it("adds a second local vault and shows both", async () => {
    await (await app.byRole("button", "Add vault")).click();
    await (await app.byRole("radio", "Local vault")).click();
    await (await app.byRole("textbox", /^Name/)).sendKeys("Team B");
    await submitDialog(app);
    await app.byRole("link", "Team B");
    await app.byRole("link", "Local vault");
    await (await app.byRole("link", "Team B")).click();
    await app.waitForTestId("vault-empty");
    await app.screenshot("second-vault");
  });

  it("shows an unreachable vault's error in place while the other still lists", async () => {
    await (await app.byRole("button", "Add vault")).click();
    await (await app.byRole("radio", "Azure vault")).click();
    await (await app.byRole("textbox", "Vault URL")).sendKeys("https://127.0.0.1:9/");
    await (await app.byRole("textbox", /^Display name/)).sendKeys("Unreachable");
    await submitDialog(app);
    await (await app.byRole("link", "Unreachable")).click();
    const error = await app.waitForTestId("vault-error");
    assert.match(await error.getText(), /Could not reach|network/i);
    await app.screenshot("unreachable");

    await (await app.byRole("link", /Expiry/)).click();
    await app.waitForTestId("vault-error");
    await app.waitFor(
      async () => (await rowNames(app, "expiry-row"))[0] === "sample-expired",
      "the local vault still lists",
    );
    await app.screenshot("expiry-with-failing-vault");
  });
});
