// End to end in the real webview: a new self-signed certificate from the portal's template,
// its policy edited (a SAN, the lifetime action) through the review of changes and read back,
// invalid input refused on its field, a pending create cancelled and its operation deleted,
// the CSR flow: the CSR signed outside, merged by a real drop on the pending certificate, and
// a bulk change to three certificates in two vaults, one of which is deleted before it applies.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { By, Key } from "selenium-webdriver";
import { dragAndDrop, launchApp } from "./harness.mjs";
import { localVaultRest as localVault } from "./support/rest.mjs";
import { fixtureDir, usePrivateKeyFile } from "./support/run.mjs";

const SUITE = "policy";
const work = fixtureDir("policy");

const testId = (app, id) => app.waitForTestId(id);
const byCss = (app, css) =>
  app.driver.wait(
    async () => (await app.driver.findElements(By.css(css)))[0] ?? null,
    15_000,
    `no element ${css}`,
  );
/** Clicks `element` after scrolling it to the middle, clear of toasts at the window's foot. */
async function press(app, element) {
  await app.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
  await element.click();
}
/** Replaces an input's text the way a user does. */
async function typeInto(input, text) {
  await input.click();
  await input.sendKeys(Key.chord(Key.CONTROL, "a"), Key.BACK_SPACE);
  if (text) await input.sendKeys(text);
}
const selectedRow = (app) =>
  app.run(
    () =>
      document.querySelector('[data-testid="cert-row"][aria-selected="true"]')?.dataset.name ??
      null,
  );
async function selectRow(app, name) {
  const row = await byCss(app, `[data-testid="cert-row"][data-name="${name}"]`);
  await row.click();
  await app.waitFor(async () => (await selectedRow(app)) === name, `${name} selected`);
}

/** Clicks `testId` once it is enabled (Create waits for the policy's check, Save for its own). */
async function clickWhenEnabled(app, id) {
  const button = await testId(app, id);
  await app.waitFor(async () => button.isEnabled(), `${id} enabled`);
  await button.click();
}

/** Opens "New certificate", names it, fills the CN; the caller picks the rest and creates. */
async function newCertificate(app, name, cn) {
  await (await testId(app, "new-certificate-button")).click();
  await typeInto(await testId(app, "name-input"), name);
  await app.waitFor(
    async () =>
      /free|new certificate|available/i.test(await (await testId(app, "name-status")).getText()),
    "the name is free",
  );
  await typeInto(await app.byRole("textbox", "Common name (CN)"), cn);
}

describe("policies and new certificates", () => {
  let app;

  before(async () => {
    app = await launchApp({ suite: SUITE });
    await app.waitForTestId("vault-empty");
  });
  after(async () => {
    await app?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("creates a self-signed certificate from the portal's template and watches it complete", async () => {
    await newCertificate(app, "e2e-web", "e2e.contoso.test");
    const template = await testId(app, "template-select");
    assert.match(await template.getText(), /portal/i, "the portal's defaults come first");
    await app.screenshot("new-certificate");
    await clickWhenEnabled(app, "create-button");
    await testId(app, "create-progress");
    await app.screenshot("create-progress");
    await app.waitFor(
      async () =>
        (await app.driver.findElements(By.css('[data-testid="create-issued"]'))).length > 0,
      "issued",
      30_000,
    );
    await app.screenshot("create-issued");
    await (await testId(app, "close-create")).click();
    await byCss(app, '[data-testid="cert-row"][data-name="e2e-web"]');
    const policy = await localVault(app, "GET", "certificates/e2e-web/policy");
    assert.equal(policy.status, 200);
    assert.equal(policy.body.x509_props.validity_months, 12);
    assert.equal(policy.body.key_props.kty, "RSA");
    assert.equal(policy.body.lifetime_actions[0].trigger.lifetime_percentage, 80);
  });

  it("edits a SAN and the lifetime action, shows the changes, saves, and reads them back", async () => {
    await selectRow(app, "e2e-web");
    await (await app.byRole("link", "Edit policy")).click();
    await testId(app, "policy-editor");
    await (await app.byRole("button", "Add DNS name")).click();
    await typeInto(await app.byRole("textbox", "DNS name 1"), "www.e2e.contoso.test");
    const trigger = await byCss(app, 'select[aria-label="Action 1 trigger"]');
    await trigger.sendKeys("days");
    await trigger.click();
    const amount = await byCss(app, 'input[aria-label="Action 1 days before expiry"]');
    await typeInto(amount, "30");
    await app.screenshot("policy-editor");
    const save = await app.byRole("button", "Save…");
    await app.waitFor(async () => save.isEnabled(), "Save enabled");
    await save.click();
    await app.waitFor(
      async () =>
        (await app.driver.findElements(By.css('[data-testid="policy-change"]'))).length >= 2,
      "the changes listed",
    );
    const fields = await app.run(() =>
      [...document.querySelectorAll('[data-testid="policy-change"]')].map((r) => r.dataset.field),
    );
    assert.ok(
      fields.some((f) => f.startsWith("x509_props.sans")),
      String(fields),
    );
    assert.ok(
      fields.some((f) => f.startsWith("lifetime_actions")),
      String(fields),
    );
    await app.screenshot("policy-diff");
    await (await app.byRole("button", "Save")).click();
    await app.byText("Policy saved");
    await app.screenshot("policy-saved");
    const policy = await localVault(app, "GET", "certificates/e2e-web/policy");
    assert.deepEqual(policy.body.x509_props.sans.dns_names, ["www.e2e.contoso.test"]);
    assert.equal(policy.body.lifetime_actions[0].trigger.days_before_expiry, 30);
  });

  it("refuses an invalid validity on its field before any request", async () => {
    const months = await app.byRole("spinbutton", "Validity (months)");
    await typeInto(months, "0");
    await app.waitFor(
      async () =>
        (
          await app.run(() =>
            [...document.querySelectorAll('[data-testid="field-issue"]')]
              .map((e) => e.textContent)
              .join(" "),
          )
        ).match(/1.*1,?200|month/i) !== null,
      "the issue shown on the field",
    );
    assert.equal(await (await app.byRole("button", "Save…")).isEnabled(), false);
    assert.notEqual(await (await testId(app, "save-why")).getText(), "");
    await app.screenshot("policy-invalid");
    await (await app.byRole("button", "Discard changes")).click();
  });

  it("puts a refusal from the service on the field it names, and changes nothing", async () => {
    // Key Vault takes P-256K; the built-in vault does not, so this is a real 400 from the
    // vault that the editor's own rules let through.
    const choose = (label, value) =>
      app.run(
        (text, v) => {
          const select = [...document.querySelectorAll("select")].find(
            (el) => el.labels?.[0]?.textContent.trim() === text,
          );
          select.value = v;
          select.dispatchEvent(new Event("change", { bubbles: true }));
          return select.value;
        },
        label,
        value,
      );
    assert.equal(await choose("Key type", "EC"), "EC");
    await app.waitFor(
      async () => (await app.run(() => document.querySelectorAll("select").length)) > 0,
      "the form",
    );
    await app.byRole("combobox", "Curve");
    assert.equal(await choose("Curve", "P-256K"), "P-256K");
    const save = await app.byRole("button", "Save…");
    await app.waitFor(async () => save.isEnabled(), "Save enabled");
    await save.click();
    await app.waitFor(
      async () =>
        (await app.driver.findElements(By.css('[data-testid="policy-change"]'))).length > 0,
      "the changes listed",
    );
    await (await app.byRole("button", "Save")).click();
    await testId(app, "policy-refusal");
    await app.waitFor(
      async () =>
        /P-256K/.test(
          await app.run(() =>
            [...document.querySelectorAll('[data-testid="field-issue"]')]
              .map((e) => e.textContent)
              .join(" "),
          ),
        ),
      "the refusal on the curve field",
    );
    await app.screenshot("policy-service-refusal");
    const policy = await localVault(app, "GET", "certificates/e2e-web/policy");
    assert.equal(policy.body.key_props.kty, "RSA", "nothing changed");
    await (await app.byRole("button", "Discard changes")).click();
  });

  it("cancels a pending create and deletes its operation", async () => {
    await (await app.byRole("link", "Local vault")).click();
    await newCertificate(app, "e2e-cancel", "cancel.contoso.test");
    await clickWhenEnabled(app, "create-button");
    await (await testId(app, "cancel-operation")).click();
    await testId(app, "create-cancelled");
    await app.screenshot("create-cancelled");
    await (await testId(app, "delete-operation")).click();
    await (await testId(app, "delete-operation-confirm")).click();
    await testId(app, "create-deleted");
    assert.equal((await localVault(app, "GET", "certificates/e2e-cancel/pending")).status, 404);
    const left = await localVault(app, "GET", "certificates/e2e-cancel");
    assert.equal(left.status, 200, "the certificate stays");
    assert.equal(left.body.attributes.enabled, false);
    await (await testId(app, "close-create")).click();
  });

  it("shows a CSR, and merges the certificate signed from it when it is dropped on the pending certificate", async () => {
    await newCertificate(app, "e2e-csr", "csr.contoso.test");
    await (await app.byRole("radio", "Unknown (CSR)")).click();
    // Key Vault renews nothing it cannot sign: the portal's AutoRenew becomes an e-mail.
    await (await byCss(app, '[data-testid="field-issue"]')).getText();
    const action = await byCss(app, 'select[aria-label="Action 1"]');
    await action.sendKeys("E-mail");
    await action.click();
    await app.screenshot("csr-policy");
    await clickWhenEnabled(app, "create-button");
    const csr = await testId(app, "csr");
    const pem = (await csr.getText()).trim();
    assert.match(pem, /BEGIN CERTIFICATE REQUEST/);
    await app.screenshot("csr");
    writeFileSync(join(work, "req.csr"), `${pem}\n`);
    const openssl = (...args) => execFileSync("openssl", args, { cwd: work, stdio: "pipe" });
    openssl(
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-subj",
      "/CN=E2E Test CA",
      "-days",
      "30",
    );
    usePrivateKeyFile(join(work, "ca.key"), "policy: the E2E test CA's key");
    openssl(
      "x509",
      "-req",
      "-in",
      "req.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "signed.pem",
      "-days",
      "30",
    );
    writeFileSync(
      join(work, "chain.pem"),
      readFileSync(join(work, "signed.pem"), "utf8") + readFileSync(join(work, "ca.pem"), "utf8"),
    );
    await (await testId(app, "close-create")).click();
    await selectRow(app, "e2e-csr");
    await testId(app, "merge-zone");
    await dragAndDrop(app, [join(work, "chain.pem")]);
    await testId(app, "merge-plan");
    await app.screenshot("merge-plan");
    const merge = await testId(app, "merge-button");
    await app.waitFor(async () => merge.isEnabled(), "ready to merge");
    await merge.click();
    await app.waitFor(
      async () => (await localVault(app, "GET", "certificates/e2e-csr")).body?.cer !== undefined,
      "merged",
      30_000,
    );
    await app.screenshot("merged");
    const operation = await localVault(app, "GET", "certificates/e2e-csr/pending");
    assert.equal(operation.body.status, "completed", "as Key Vault keeps a merged operation");
  });

  it("applies a field to three certificates across two vaults, with one failure said as such", async () => {
    await (await app.byRole("button", "Add vault")).click();
    await (await app.byRole("radio", "Local vault")).click();
    await (await app.byRole("textbox", /^Name/)).sendKeys("Team B");
    await (
      await app.driver.findElement(By.css('[data-testid="add-vault-dialog"] button[type="submit"]'))
    ).click();
    await app.byRole("link", "Team B");
    const created = await localVault(
      app,
      "POST",
      "certificates/teamb-web/create",
      { policy: { issuer: { name: "Self" }, x509_props: { subject: "CN=teamb" } } },
      "team-b",
    );
    assert.equal(created.status, 202);
    await app.waitFor(
      async () =>
        (await localVault(app, "GET", "certificates/teamb-web", null, "team-b")).body?.cer,
      "teamb-web issued",
      30_000,
    );

    // Made behind the app's back: the vault's cached listing learns of it on Refresh.
    await (await app.byRole("link", "Team B")).click();
    await (await app.byRole("button", "Refresh")).click();
    await byCss(app, '[data-testid="cert-row"][data-name="teamb-web"]');
    await (await app.byRole("link", "Policies")).click();
    for (const vault of [/^Local vault/, /^Team B/]) {
      const chip = await app.byRole("checkbox", vault);
      if (!(await chip.isSelected())) await chip.click();
    }
    for (const row of ["e2e-web in Local vault", "e2e-csr in Local vault", "teamb-web in Team B"]) {
      await (await app.byRole("checkbox", `Select ${row}`, 30_000)).click();
    }
    const validity = await byCss(
      app,
      '[data-testid="patch-validity_months"] input[type="checkbox"]',
    );
    await press(app, validity);
    const months = await app.byRole("spinbutton", "Validity in months");
    await app.waitFor(async () => months.isEnabled(), "validity included");
    await typeInto(months, "24");
    await press(app, await app.byRole("button", /^Preview/));
    const counts = await testId(app, "bulk-counts");
    await app.waitFor(async () => /^3 would change/.test(await counts.getText()), "3 would change");
    await app.screenshot("bulk-preview");

    // Deleted between the preview and the apply: that one fails, the others still change.
    assert.equal(
      (await localVault(app, "DELETE", "certificates/teamb-web", null, "team-b")).status,
      200,
    );
    await press(app, await app.byRole("button", /^Apply to 3/));
    await app.waitFor(
      async () => /^2 changed .* 1 failed/.test(await counts.getText()),
      "two changed, one failed",
      30_000,
    );
    await app.byRole("button", "Retry failed (1)");
    await app.screenshot("bulk-applied");
    for (const name of ["e2e-web", "e2e-csr"]) {
      const policy = await localVault(app, "GET", `certificates/${name}/policy`);
      assert.equal(policy.body.x509_props.validity_months, 24, name);
    }
  });

  it("checks every certificate of the open vaults against the portal template", async () => {
    await (await app.byRole("link", "Compliance")).click();
    const template = await app.byRole("combobox", "Template");
    await app.waitFor(
      async () => /portal/i.test(await template.getText()),
      "the portal's defaults are the first template",
    );
    await press(app, await app.byRole("button", "Check compliance"));
    const count = await testId(app, "compliance-count");
    await app.waitFor(
      async () => /^\d+ checked · \d+ compliant · [1-9]\d* deviating/.test(await count.getText()),
      "checked, some deviating",
      30_000,
    );
    // Bulk apply set 24 months on e2e-web; the template says 12.
    const row = await byCss(
      app,
      '[data-testid="compliance-row"][data-name="e2e-web in Local vault"]',
    );
    assert.match(await row.getText(), /deviation[\s\S]*Validity: 24 months → 12 months/);
    await app.screenshot("compliance");
  });
});
