// End to end in the real webview: a vault's settings views. An issuer created, listed, edited
// and deleted (its password sent but never read back), the certificate contacts set, re-read
// after a reload and deleted, and a CSR create's operation in the Pending view with its CSR.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { By, Key } from "selenium-webdriver";
import { launchApp } from "./harness.mjs";
import { localVaultRest } from "./support/rest.mjs";
import { useSecret } from "./support/run.mjs";

const SUITE = "vault-settings";

/** Replaces an input's text the way a user does. */
async function typeInto(input, text) {
  await input.click();
  await input.sendKeys(Key.chord(Key.CONTROL, "a"), Key.BACK_SPACE);
  if (text) await input.sendKeys(text);
}

describe("a vault's pending operations, issuers and contacts", () => {
  let app;
  const rest = (method, path, body) => localVaultRest(app, method, path, body);
  const tab = async (name) => (await app.waitForTestId(`vault-tab-${name}`)).click();
  const textbox = (name) => app.byRole("textbox", name);
  /** Clicks after scrolling to the middle, clear of toasts at the window's foot. */
  const press = async (element) => {
    await app.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    await element.click();
  };
  /** A person row's input (e-mail and phone inputs are no "textbox" to the harness). */
  const cell = (label) =>
    app.driver.wait(
      async () => (await app.driver.findElements(By.css(`input[aria-label="${label}"]`)))[0],
      15_000,
      `no input labelled ${label}`,
    );
  const rows = (testId) =>
    app.run(
      (id) => [...document.querySelectorAll(`[data-testid="${id}"]`)].map((r) => r.dataset.name),
      testId,
    );

  before(async () => {
    app = await launchApp({ suite: SUITE });
    await app.waitForTestId("vault-empty");
  });
  after(async () => {
    await app?.close();
  });

  it("shows no pending operation, then a CSR create's operation with its CSR", async () => {
    await tab("pending");
    await app.waitForTestId("pending-empty");
    await app.screenshot("pending-empty");

    const created = await rest("POST", "certificates/e2e-csr/create", {
      policy: {
        key_props: { kty: "EC", crv: "P-256", exportable: true },
        x509_props: { subject: "CN=csr.contoso.test", validity_months: 12 },
        issuer: { name: "Unknown" },
      },
    });
    assert.equal(created.status, 202, created.text);
    await (await app.byRole("button", "Refresh")).click();
    const row = await app.waitForTestId("pending-row");
    assert.equal(await row.getAttribute("data-name"), "e2e-csr");
    await app.waitFor(
      async () => /Waiting for merge/.test(await row.getText()),
      "the operation waits for a merge",
    );
    assert.match(await row.getText(), /Your certificate authority \(CSR to merge\)/);
    assert.match(await row.getText(), /just now|\d+ min/);
    await (await app.byRole("button", "e2e-csr")).click();
    const pane = await app.waitForTestId("operation-pane");
    const csr = await pane.findElement(By.css('[data-testid="csr"]'));
    assert.match(await csr.getAttribute("value"), /^-----BEGIN CERTIFICATE REQUEST-----/);
    await pane.findElement(By.css('[data-testid="merge-zone"]'));
    await app.screenshot("pending-operation");
  });

  it("creates an issuer, lists it, edits it and deletes it", async () => {
    await tab("issuers");
    await app.waitForTestId("issuers-empty");
    await app.screenshot("issuers-empty");
    await (await app.byRole("button", "New issuer")).click();
    await app.waitForTestId("issuer-form");

    // Refused before sending: no name, an administrator without an e-mail.
    await (await app.byRole("button", "Add administrator")).click();
    await press(await app.waitForTestId("issuer-save"));
    const name = await textbox("Name");
    await app.waitFor(
      async () => (await name.getAttribute("aria-invalid")) === "true",
      "the name is refused on its field",
    );
    assert.equal(await (await cell("Administrator 1 e-mail")).getAttribute("aria-invalid"), "true");
    await app.screenshot("issuer-refused");
    assert.equal((await rest("GET", "certificates/issuers")).body.value.length, 0, "nothing sent");

    await typeInto(name, "e2e-ca");
    const provider = await app.byRole("combobox", "Provider");
    await (
      await provider.findElement(By.xpath(".//option[contains(., 'Local vault test CA')]"))
    ).click();
    await typeInto(await textbox("Account id"), "ops");
    await typeInto(
      await app.byRole("textbox", /^Password/),
      useSecret("s3cret-key", "vault settings: the issuer's password"),
    );
    await typeInto(await cell("Administrator 1 first name"), "Ada");
    await typeInto(await cell("Administrator 1 e-mail"), "ada@contoso.test");
    await app.screenshot("issuer-form");
    await press(await app.waitForTestId("issuer-save"));
    await app.waitFor(async () => (await rows("issuer-row")).includes("e2e-ca"), "listed");

    const stored = await rest("GET", "certificates/issuers/e2e-ca");
    assert.equal(stored.status, 200);
    assert.equal(stored.body.provider, "CertDeckLocalCA");
    assert.equal(stored.body.credentials.account_id, "ops");
    assert.equal(stored.body.org_details.admin_details[0].email, "ada@contoso.test");
    assert.doesNotMatch(stored.text, /s3cret-key/, "the password is never read back");

    // The edit form shows no password, and keeps the stored one unless one is typed.
    await app.waitFor(
      async () =>
        (await app.run(
          () => document.querySelector("[data-testid=issuer-form] input[type=password]")?.value,
        )) === "",
      "the password field is empty",
    );
    assert.match(await (await app.waitForTestId("password-state")).getText(), /unchanged/);
    await press(await app.byRole("checkbox", "Enabled"));
    // Enter in a field saves, as in any form (the Save button may sit under the last toast).
    await typeInto(await textbox("Account id"), "ops2");
    await (await textbox("Account id")).sendKeys(Key.ENTER);
    await app.waitFor(
      async () =>
        (await rest("GET", "certificates/issuers/e2e-ca")).body?.credentials?.account_id === "ops2",
      "the edit is stored",
    );
    assert.equal((await rest("GET", "certificates/issuers/e2e-ca")).body.attributes.enabled, false);
    await app.screenshot("issuers-list");

    await press(await app.waitForTestId("issuer-delete"));
    await app.waitForTestId("issuer-delete-confirm");
    await app.screenshot("issuer-delete");
    await press(await app.byRole("button", "Delete issuer e2e-ca"));
    await app.waitForTestId("issuers-empty");
    assert.equal((await rest("GET", "certificates/issuers/e2e-ca")).status, 404);
  });

  it("links the policy editor's EmailContacts warning to the contacts", async () => {
    const created = await rest("POST", "certificates/e2e-mail/create", {
      policy: {
        key_props: { kty: "EC", crv: "P-256" },
        x509_props: { subject: "CN=mail.contoso.test", validity_months: 12 },
        issuer: { name: "Self" },
        lifetime_actions: [
          { trigger: { days_before_expiry: 30 }, action: { action_type: "EmailContacts" } },
        ],
      },
    });
    assert.equal(created.status, 202, created.text);
    const vault = await app.run(() => window.location.hash.match(/#\/vaults\/(\d+)/)?.[1]);
    await app.run((id) => {
      window.location.hash = `#/vaults/${id}/policy/e2e-mail`;
    }, vault);
    const link = await app.waitForTestId("set-contacts-link");
    await app.driver.executeScript("arguments[0].scrollIntoView({block: 'nearest'})", link);
    await app.screenshot("policy-contacts-link");
    await link.click();
    await app.waitForTestId("contacts-page");
    assert.match(await app.run(() => window.location.hash), /\/contacts$/);
  });

  it("sets the certificate contacts, reads them again after a reload, and deletes them", async () => {
    await tab("contacts");
    await app.waitForTestId("contacts-empty");
    await (await app.byRole("button", "Add contact")).click();
    await typeInto(await cell("Contact 1 e-mail"), "pki@contoso.test");
    await typeInto(await cell("Contact 1 name"), "PKI team");
    await (await app.waitForTestId("contacts-save")).click();
    await app.waitFor(
      async () => (await rest("GET", "certificates/contacts")).status === 200,
      "contacts stored",
    );
    const stored = await rest("GET", "certificates/contacts");
    assert.deepEqual(stored.body.contacts, [{ email: "pki@contoso.test", name: "PKI team" }]);

    await app.driver.navigate().refresh();
    await app.waitForTestId("contacts-rows");
    await app.waitFor(
      async () =>
        (await (await cell("Contact 1 e-mail")).getAttribute("value")) === "pki@contoso.test",
      "re-read after a reload",
    );
    await app.screenshot("contacts");

    await (await app.waitForTestId("contacts-delete")).click();
    await (await app.byRole("button", "Delete all contacts")).click();
    await app.waitForTestId("contacts-empty");
    assert.equal((await rest("GET", "certificates/contacts")).status, 404);
    await app.screenshot("contacts-empty");
  });
});
