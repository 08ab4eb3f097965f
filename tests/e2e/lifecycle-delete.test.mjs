// Delete, recover and purge in the real webview against the built-in local vault (which, like
// Key Vault, settles a deletion or a recovery seconds later): the delete explained first, the
// certificate found in Deleted, recovered until readable again, and another purged after its
// name is typed.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { By } from "selenium-webdriver";
import { launchApp } from "./harness.mjs";
import { issueSelfSigned } from "./support/issue.mjs";
import { localVaultRest } from "./support/rest.mjs";

const SUITE = "lifecycle-delete";

const rowNames = (app, testId) =>
  app.run(
    (id) => [...document.querySelectorAll(`[data-testid="${id}"]`)].map((r) => r.dataset.name),
    testId,
  );

const row = (app, testId, name) =>
  app.driver.findElement(By.css(`[data-testid="${testId}"][data-name="${name}"]`));

/** The text of deleted row `name`, or null while it is not shown. */
const deletedRowText = (app, name) =>
  app.run(
    (n) =>
      document.querySelector(`[data-testid="deleted-row"][data-name="${n}"]`)?.textContent ?? null,
    name,
  );

/** Opens `name`'s details and its delete dialog; returns the consequence's text. */
async function openDelete(app, name) {
  await (await row(app, "cert-row", name)).click();
  const pane = await app.waitForTestId("details-pane");
  // Once the details are in, the pane stops moving under the pointer.
  await app.waitFor(
    async () => (await pane.getText()).includes(`CN=${name}.`),
    `${name}'s details`,
  );
  const button = await app.waitForTestId("delete-certificate");
  await app.run((el) => el.scrollIntoView({ block: "center" }), button);
  await button.click();
  return (await app.waitForTestId("delete-consequence")).getText();
}

async function deleteFromDetails(app, name, step) {
  const text = await openDelete(app, name);
  assert.match(text, /You can recover them from Deleted until/);
  assert.match(text, /keeps deleted certificates 90 days/);
  assert.match(
    await (await app.waitForTestId("delete-purge-note")).getText(),
    /Recoverable\+Purgeable/,
  );
  if (step) await app.screenshot(step);
  await (await app.waitForTestId("delete-confirm")).click();
  await app.waitFor(
    async () => !(await rowNames(app, "cert-row")).includes(name),
    `${name} leaves the table`,
  );
}

describe("delete, recover and purge", () => {
  let app;

  before(async () => {
    app = await launchApp({ suite: SUITE });
    await (await app.byRole("button", "Add samples")).click();
    await app.waitFor(
      async () => (await rowNames(app, "cert-row")).length === 5,
      "the five samples",
    );
  });
  after(async () => {
    await app?.close();
  });

  it("shows an empty Deleted view with what soft delete keeps", async () => {
    await (await app.waitForTestId("vault-tab-deleted")).click();
    const empty = await app.waitForTestId("deleted-empty");
    assert.match(await empty.getText(), /No deleted certificates/);
    await app.screenshot("deleted-empty");
    await (await app.waitForTestId("vault-tab-certificates")).click();
    await app.waitFor(async () => (await rowNames(app, "cert-row")).length === 5, "rows again");
  });

  it("explains the delete, then the row leaves the table", async () => {
    await deleteFromDetails(app, "sample-healthy", "delete-dialog");
    await deleteFromDetails(app, "sample-expired");
    await app.screenshot("after-delete");
  });

  it("finds both in Deleted once Key Vault has settled the deletions", async () => {
    await (await app.waitForTestId("vault-tab-deleted")).click();
    await app.waitForTestId("deleted-table");
    await app.waitFor(async () => {
      const texts = await Promise.all(
        ["sample-healthy", "sample-expired"].map((n) => deletedRowText(app, n)),
      );
      return texts.every((t) => t !== null && !t.includes("Being deleted"));
    }, "both listed by the vault as deleted");
    const text = await deletedRowText(app, "sample-healthy");
    assert.match(text, /Recoverable\+Purgeable/);
    await app.screenshot("deleted-rows");
  });

  it("recovers one until it is readable again, and opens it", async () => {
    await (await row(app, "deleted-row", "sample-healthy")).click();
    await (await app.waitForTestId("recover-selected")).click();
    await app.waitForTestId("deleted-results");
    const state = () =>
      app.run(
        () =>
          document.querySelector('[data-testid="deleted-result"][data-name="sample-healthy"]')
            ?.dataset.state,
      );
    await app.waitFor(async () => (await state()) === "recovered", "recovered and readable");
    assert.deepEqual(await rowNames(app, "deleted-row"), ["sample-expired"]);
    await app.screenshot("recovered");

    const result = await row(app, "deleted-result", "sample-healthy");
    await (await result.findElement(By.linkText("Open"))).click();
    const pane = await app.waitForTestId("details-pane");
    await app.waitFor(
      async () => (await pane.getText()).includes("CN=sample-healthy.certdeck.local"),
      "the recovered certificate's details, read from the vault",
    );
    assert.ok((await rowNames(app, "cert-row")).includes("sample-healthy"), "back in the table");
    await app.screenshot("recovered-details");
  });

  it("purges the other after its name is typed, and it is gone", async () => {
    await (await app.waitForTestId("vault-tab-deleted")).click();
    await app.waitForTestId("deleted-table");
    await (await row(app, "deleted-row", "sample-expired")).click();
    await (await app.waitForTestId("purge-selected")).click();
    const typed = await app.waitForTestId("purge-typed");
    const confirm = await app.waitForTestId("purge-confirm");
    await typed.sendKeys("sample-expire");
    assert.equal(await confirm.isEnabled(), false, "a partial name does not confirm");
    await typed.sendKeys("d");
    await app.screenshot("purge-confirm");
    await confirm.click();
    await app.waitFor(
      async () =>
        (await app.run(
          () =>
            document.querySelector('[data-testid="deleted-result"][data-name="sample-expired"]')
              ?.dataset.state,
        )) === "purged",
      "purged",
    );
    await app.waitForTestId("deleted-empty");
    await app.screenshot("deleted-after-purge");

    // Listed again from the vault: nothing deleted remains, and it is not a certificate either.
    await (await app.byRole("button", "Refresh deleted certificates")).click();
    await app.waitForTestId("deleted-empty");
    await (await app.waitForTestId("vault-tab-certificates")).click();
    await app.waitFor(async () => (await rowNames(app, "cert-row")).length === 4, "four rows");
    assert.ok(!(await rowNames(app, "cert-row")).includes("sample-expired"));
  });

  it("under purge protection, says so before the delete and offers no purge after", async () => {
    const created = await localVaultRest(app, "POST", "_certdeck/vaults", {
      name: "guarded",
      recovery_level: "CustomizedRecoverable",
      retention_days: 7,
    });
    assert.equal(created.status, 201, created.text);
    await (await app.byRole("button", "Add vault")).click();
    await (await app.byRole("radio", "Local vault")).click();
    await (await app.byRole("textbox", /^Name/)).sendKeys("guarded");
    await app.driver
      .findElement(By.css('[data-testid="add-vault-dialog"] button[type="submit"]'))
      .click();
    await (await app.byRole("link", "guarded")).click();
    await issueSelfSigned(app, "kept", { kty: "EC", crv: "P-256" }, "guarded");
    await (await app.byRole("button", "Refresh")).click();
    await app.waitFor(
      async () => (await rowNames(app, "cert-row")).includes("kept"),
      "kept listed",
    );

    const text = await openDelete(app, "kept");
    assert.match(text, /keeps deleted certificates 7 days/);
    const note = await (await app.waitForTestId("delete-purge-note")).getText();
    assert.match(note, /Purge protection is on \(recovery level CustomizedRecoverable\)/);
    await app.screenshot("delete-dialog-purge-protected");
    await (await app.waitForTestId("delete-confirm")).click();
    await app.waitFor(async () => !(await rowNames(app, "cert-row")).includes("kept"), "kept gone");

    await (await app.waitForTestId("vault-tab-deleted")).click();
    await app.waitFor(async () => {
      const t = await deletedRowText(app, "kept");
      return t !== null && !t.includes("Being deleted");
    }, "kept listed as deleted");
    assert.match(
      await (await app.waitForTestId("purge-protected-note")).getText(),
      /deleted certificates cannot be purged/,
    );
    await (await row(app, "deleted-row", "kept")).click();
    assert.equal(await (await app.waitForTestId("purge-selected")).isEnabled(), false);
    assert.equal(await (await app.waitForTestId("recover-selected")).isEnabled(), true);
    await app.screenshot("deleted-purge-protected");
  });
});
