// End to end in the real webview: a certificate backed up to a file through the native save
// dialog, restored by a real X drop into a second local vault (added through the UI) and found
// there; the same drop again explained as a conflict; a copy to the other vault planned, then
// run.
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { By } from "selenium-webdriver";
import { dragAndDrop, launchApp } from "./harness.mjs";
import { issueSelfSigned } from "./support/issue.mjs";
import { saveAs } from "./support/native-dialogs.mjs";
import { localVaultRest } from "./support/rest.mjs";
import { savedDir } from "./support/run.mjs";

const SUITE = "backup";
const SECOND = "Team B";
const SECOND_LOCAL = "team-b";

describe("backup, restore by drop, and copy to another vault", () => {
  let app;
  const out = savedDir("backup");
  const file = join(out, "e2e-kept.kvbackup");
  const rest = (method, path, body, vault) => localVaultRest(app, method, path, body, vault);

  const row = (name) =>
    app.waitFor(
      async () =>
        (await app.driver.findElements(By.css(`[data-testid="cert-row"][data-name="${name}"]`)))[0],
      `${name} listed`,
    );

  async function openDetails(vault, name) {
    await (await app.byRole("link", vault)).click();
    await (await app.byRole("button", "Refresh")).click();
    await (await row(name)).click();
    await app.waitForTestId("details-pane");
  }

  before(async () => {
    app = await launchApp({ suite: SUITE });
    await app.waitForTestId("vault-empty");
    for (const name of ["e2e-kept", "e2e-copied"]) {
      await issueSelfSigned(app, name, { kty: "EC", crv: "P-256", exportable: true });
    }
    await (await app.byRole("button", "Add vault")).click();
    await (await app.byRole("radio", "Local vault")).click();
    await (await app.byRole("textbox", /^Name/)).sendKeys(SECOND);
    await (
      await app.driver.findElement(By.css('[data-testid="add-vault-dialog"] button[type="submit"]'))
    ).click();
    await app.byRole("link", SECOND);
  });
  after(async () => {
    await app?.close();
  });

  it("backs a certificate up to a file chosen in the native save dialog", async () => {
    await openDetails("Local vault", "e2e-kept");
    await (await app.waitForTestId("backup-certificate")).click();
    const dialog = await app.waitForTestId("backup-dialog");
    assert.match(await dialog.getText(), /any vault of this local vault server/);
    await app.screenshot("backup-dialog");
    await (await app.waitForTestId("backup-save")).click();
    await saveAs(app, file);
    const saved = await app.waitForTestId("backup-saved");
    assert.match(await saved.getText(), /e2e-kept\.kvbackup/);
    await app.screenshot("backup-saved");
    const stat = statSync(file);
    assert.ok(stat.size > 100, `${stat.size} bytes`);
    assert.equal(stat.mode & 0o777, 0o600, "readable by the user alone");
    await (await app.byRole("button", "Close")).click();
  });

  it("restores the file dropped on the second vault, after a confirmation, and lists it there", async () => {
    await (await app.byRole("link", SECOND)).click();
    await app.waitForTestId("vault-empty");
    await dragAndDrop(app, [file]);
    const dialog = await app.waitForTestId("restore-dialog");
    await app.waitFor(
      async () => /Named after the certificate e2e-kept/.test(await dialog.getText()),
      "the file described",
    );
    assert.match(await dialog.getText(), new RegExp(`Restore into ${SECOND}\\?`));
    assert.match(await dialog.getText(), /encrypted by Key Vault/);
    await app.screenshot("restore-confirmation");
    assert.equal(
      (await rest("GET", "certificates/e2e-kept", null, SECOND_LOCAL)).status,
      404,
      "nothing sent before the confirmation",
    );

    await (await app.waitForTestId("restore-confirm")).click();
    const result = await app.waitForTestId("restore-result");
    assert.match(await result.getText(), /Restored e2e-kept/);
    await app.screenshot("restored");
    await (await app.byRole("link", "Show it")).click();
    await row("e2e-kept");
    await app.waitForTestId("details-pane");
    await app.screenshot("restored-listed");
    const restored = await rest("GET", "certificates/e2e-kept", null, SECOND_LOCAL);
    const original = await rest("GET", "certificates/e2e-kept");
    assert.equal(restored.status, 200);
    assert.equal(restored.body.x5t, original.body.x5t, "the same certificate");
  });

  it("explains the conflict when the same backup is dropped again", async () => {
    await dragAndDrop(app, [file]);
    const dialog = await app.waitForTestId("restore-dialog");
    await app.waitForTestId("restore-file");
    await (await app.waitForTestId("restore-confirm")).click();
    const error = await app.waitFor(
      async () => (await dialog.findElements(By.css('[data-error-code="AlreadyExists"]')))[0],
      "the conflict",
    );
    assert.match(await error.getText(), /named e2e-kept exists in Team B/);
    assert.match(await error.getText(), /purge it first/);
    await app.screenshot("restore-conflict");
    await (await app.byRole("button", "Close")).click();
  });

  it("copies a certificate to the other vault, explained before it runs", async () => {
    await openDetails("Local vault", "e2e-copied");
    await (await app.waitForTestId("copy-certificate")).click();
    const dialog = await app.waitForTestId("copy-dialog");
    const plan = await app.waitForTestId("copy-plan");
    assert.match(await plan.getText(), /By backup and restore/);
    assert.match(await plan.getText(), /same local vault server/);
    await app.screenshot("copy-plan");
    assert.equal((await rest("GET", "certificates/e2e-copied", null, SECOND_LOCAL)).status, 404);

    await (await app.waitForTestId("copy-confirm")).click();
    const done = await app.waitForTestId("copy-done");
    assert.match(await done.getText(), new RegExp(`Copied e2e-copied to ${SECOND}`));
    await app.screenshot("copy-done");
    const copied = await rest("GET", "certificates/e2e-copied", null, SECOND_LOCAL);
    assert.equal(copied.status, 200);
    assert.ok(await dialog.isDisplayed());
    await (await app.byRole("link", "Open it there")).click();
    await row("e2e-copied");
  });

  it("refuses a copy where the name is taken, before sending", async () => {
    await openDetails("Local vault", "e2e-kept");
    await (await app.waitForTestId("copy-certificate")).click();
    const plan = await app.waitForTestId("copy-plan");
    await app.waitFor(async () => /exists in Team B/.test(await plan.getText()), "the refusal");
    assert.equal(await (await app.waitForTestId("copy-confirm")).isEnabled(), false);
    await app.screenshot("copy-refused");
    await (await app.byRole("button", "Cancel")).click();
  });
});
