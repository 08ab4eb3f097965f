// End to end in the real webview: the needs-attention inbox over the embedded local vault,
// seeded through its REST and admin APIs with one certificate per problem (the samples, a CSR
// left two days, a create its issuer failed). Each problem is listed with its fixes; renew
// (the expired one), enable (the disabled one) and set contacts work, and once the rest are
// gone the inbox says nothing needs attention.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { By } from "selenium-webdriver";
import { launchApp } from "./harness.mjs";
import { localVaultRest } from "./support/rest.mjs";

const SUITE = "attention";

const ecPolicy = (issuer, cn) => ({
  policy: {
    key_props: { kty: "EC", crv: "P-256", exportable: true },
    x509_props: { subject: `CN=${cn}`, validity_months: 12 },
    issuer: { name: issuer },
  },
});

/** `[name, problem]` of every row shown, sorted. */
const shownRows = (app) =>
  app.run(() =>
    [...document.querySelectorAll('[data-testid="attention-row"]')]
      .map((row) => [
        row.dataset.name.replace(/ in .*$/, ""),
        row.querySelector(".badge")?.textContent ?? "",
      ])
      .sort((a, b) => `${a}`.localeCompare(`${b}`)),
  );

const rowCss = (name) => `[data-testid="attention-row"][data-name^="${name} in"]`;
/** A button of the row of certificate `name`. */
const rowButton = async (app, name, label) => {
  const row = await app.driver.wait(
    async () => (await app.driver.findElements(By.css(rowCss(name))))[0] ?? null,
    15_000,
    `no row ${name}`,
  );
  return row.findElement(By.xpath(`.//button[normalize-space()="${label}"]`));
};
const rowText = (app, name) =>
  app.run((css) => document.querySelector(css)?.textContent ?? "", rowCss(name));

/** The sidebar's entry (its name carries the count once there is one). */
const openInbox = async (app) =>
  (
    await app.driver.wait(
      async () => (await app.driver.findElements(By.css('a.nav-link[href$="/attention"]')))[0],
      15_000,
      "the Needs attention link",
    )
  ).click();

/** Clicks "Check again" and waits for the scan to end. */
async function checkAgain(app) {
  await (await app.byRole("button", "Check again")).click();
  await app.waitFor(
    async () =>
      (await app.run(() =>
        document.querySelector('[data-testid="attention-count"]')?.getAttribute("aria-busy"),
      )) === "false",
    "the scan ended",
  );
}

async function waitForOperation(app, name, status) {
  await app.waitFor(
    async () =>
      (await localVaultRest(app, "GET", `certificates/${name}/pending`)).body?.status === status,
    `${name}'s operation ${status}`,
    30_000,
  );
}

describe("needs attention", () => {
  let app;

  before(async () => {
    app = await launchApp({ suite: SUITE });
    await app.waitForTestId("vault-empty");
    const ok = (response) => {
      assert.ok(response.status < 300, `${response.status} ${response.text}`);
      return response;
    };
    ok(await localVaultRest(app, "POST", "_certdeck/samples"));
    ok(await localVaultRest(app, "POST", "_certdeck/clock", { shift_days: -2 }));
    ok(
      await localVaultRest(
        app,
        "POST",
        "certificates/stale-csr/create",
        ecPolicy("Unknown", "csr.test"),
      ),
    );
    ok(await localVaultRest(app, "POST", "_certdeck/clock", { shift_days: 2 }));
    ok(await localVaultRest(app, "PUT", "certificates/issuers/digi", { provider: "DigiCert" }));
    ok(
      await localVaultRest(
        app,
        "POST",
        "certificates/failed-digi/create",
        ecPolicy("digi", "digi.test"),
      ),
    );
    await waitForOperation(app, "failed-digi", "failed");
  });
  after(async () => {
    await app?.close();
  });

  it("lists each seeded problem once, with its fixes", async () => {
    await openInbox(app);
    await app.waitFor(async () => (await shownRows(app)).length === 7, "seven rows");
    // The vault has no contacts: one row for the vault ("—"), and by name only the
    // certificate expiring soon, whose policy emails them.
    assert.deepEqual(await shownRows(app), [
      ["—", "No contacts"],
      ["failed-digi", "Issuance failed"],
      ["sample-disabled", "Disabled"],
      ["sample-expired", "Expired"],
      ["sample-expiring", "Expires soon"],
      ["sample-expiring", "No contacts"],
      ["stale-csr", "Pending > 1 day"],
    ]);
    assert.match(await rowText(app, "—"), /has no certificate contacts/);
    assert.match(await rowText(app, "failed-digi"), /ProviderNotSupported/);
    assert.match(await rowText(app, "stale-csr"), /Pending since 2 days ago/);
    assert.match(
      await (await app.waitForTestId("attention-count")).getText(),
      /7 need attention · 7 certificates in 1 vault/,
    );
    await app.waitForTestId("attention-badge");
    assert.equal(
      await app.run(() => document.querySelector('[data-testid="attention-badge"]').textContent),
      ": 7",
    );
    await app.screenshot("inbox");
  });

  it("renews the expired certificate from its row", async () => {
    await (await rowButton(app, "sample-expired", "Renew now")).click();
    await (await app.byRole("button", "Renew")).click();
    await app.waitFor(
      async () => (await rowText(app, "sample-expired")).includes("Renewal started"),
      "the row says the renewal started",
    );
    await waitForOperation(app, "sample-expired", "completed");
    await app.screenshot("renewed");
  });

  it("enables the disabled certificate from its row", async () => {
    await (await rowButton(app, "sample-disabled", "Enable")).click();
    await app.waitFor(
      async () => (await rowText(app, "sample-disabled")).includes("Enabled"),
      "the row says it is enabled",
    );
    const cert = await localVaultRest(app, "GET", "certificates/sample-disabled");
    assert.equal(cert.body.attributes.enabled, true);
  });

  it("goes to the vault's contacts; with contacts set, only the unfixed problems remain", async () => {
    await (await rowButton(app, "—", "Set contacts")).click();
    await app.waitFor(
      async () => (await app.run(() => window.location.hash)).endsWith("/contacts"),
      "the contacts view",
    );
    const contacts = { contacts: [{ email: "pki@contoso.test" }] };
    assert.equal((await localVaultRest(app, "PUT", "certificates/contacts", contacts)).status, 200);
    await openInbox(app);
    await app.waitFor(async () => (await shownRows(app)).length === 3, "three rows left");
    assert.deepEqual(await shownRows(app), [
      ["failed-digi", "Issuance failed"],
      ["sample-expiring", "Expires soon"],
      ["stale-csr", "Pending > 1 day"],
    ]);
  });

  it("says nothing needs attention once the rest are gone", async () => {
    for (const name of ["failed-digi", "sample-expiring", "stale-csr"]) {
      assert.equal((await localVaultRest(app, "DELETE", `certificates/${name}`)).status, 200);
    }
    await checkAgain(app);
    const empty = await app.waitForTestId("attention-empty");
    assert.match(await empty.getText(), /Nothing needs attention in 1 vault/);
    await app.screenshot("empty");
  });

  it("reports a vault that cannot be checked as a row of its own", async () => {
    await (await app.byRole("button", "Add vault")).click();
    const dialog = await app.waitForTestId("add-vault-dialog");
    await (await app.byRole("textbox", "Vault URL")).sendKeys(
      "https://certdeck-e2e-nowhere.vault.azure.net",
    );
    await (await dialog.findElement(By.css('button[type="submit"]'))).click();
    await app.waitFor(
      async () => (await app.run(() => window.location.hash)).match(/#\/vaults\/\d+$/) !== null,
      "the new vault opened",
    );
    await openInbox(app);
    await app.screenshot("checking");
    const row = await app.driver.wait(
      async () => (await app.driver.findElements(By.css(rowCss("—"))))[0] ?? null,
      60_000,
      "no row for the vault that cannot be checked",
    );
    assert.match(await row.getText(), /Not checked/);
    assert.match(await row.getAttribute("data-name"), /^— in certdeck-e2e-nowhere/);
    const why = await app.waitForTestId("attention-failures");
    assert.match(await why.getText(), /certdeck-e2e-nowhere.* could not be checked/);
    await app.waitFor(
      async () =>
        /1 needs attention · 4 certificates in 2 vaults/.test(
          await (await app.waitForTestId("attention-count")).getText(),
        ),
      "the scan of both vaults ended",
      60_000,
    );
    await app.screenshot("vault-error");
  });
});
