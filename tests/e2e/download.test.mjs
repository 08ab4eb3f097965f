// End to end in the real webview: downloading a certificate with its private key. The PFX is
// re-protected with a password chosen in the dialog, saved through the native GTK save dialog
// (driven with xdotool), and then read by CertDeck's own inspector and by `openssl pkcs12` with
// that password. A non-exportable key is explained in the dialog instead of offered, and the
// vault's refusals (no secret get permission, a certificate gone) are shown there with hints.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { By } from "selenium-webdriver";
import { appBinary, launchApp } from "./harness.mjs";
import { issueSelfSigned } from "./support/issue.mjs";
import { saveAs } from "./support/native-dialogs.mjs";
import { localVaultRest } from "./support/rest.mjs";
import { savedDir, useSecret } from "./support/run.mjs";

const SUITE = "download";
const PASSWORD = useSecret("Download-e2e-Secret-42", "download: the PFX password chosen");
const cliBinary = process.env.CERTDECK_CLI ?? join(dirname(appBinary), "certdeck-cli");

describe("downloading a certificate with its private key", () => {
  let app;
  // Saved as a user would: the secret scan after the run skips this folder.
  const out = savedDir("download");

  async function openDownload(name) {
    await (await app.byRole("button", "Refresh")).click();
    const row = await app.waitFor(
      async () =>
        (await app.driver.findElements(By.css(`[data-testid="cert-row"][data-name="${name}"]`)))[0],
      `${name} listed`,
    );
    await row.click();
    await app.waitForTestId("details-pane");
    await (await app.waitForTestId("download-certificate")).click();
    return app.waitForTestId("download-dialog");
  }

  before(async () => {
    app = await launchApp({ suite: SUITE });
    await app.waitForTestId("vault-empty");
    await issueSelfSigned(app, "e2e-web", { kty: "RSA", key_size: 2048, exportable: true });
    await issueSelfSigned(app, "e2e-locked", { kty: "RSA", key_size: 2048, exportable: false });
  });
  after(async () => {
    await app?.close();
  });

  it("saves a PFX protected by the chosen password that CertDeck and openssl both open", async () => {
    const dialog = await openDownload("e2e-web");
    await app.screenshot("dialog-opened");
    assert.equal(await (await app.waitForTestId("download-save")).isEnabled(), false);

    await (await app.waitForTestId("download-password")).sendKeys("weak1");
    await app.waitFor(
      async () =>
        (await (await app.waitForTestId("download-strength")).getAttribute("data-level")) ===
        "weak",
      "a weak password is called weak",
    );
    await app.screenshot("weak-password");
    const password = await app.waitForTestId("download-password");
    await password.clear();
    await password.sendKeys(PASSWORD);
    await (await app.waitForTestId("download-confirm-password")).sendKeys(PASSWORD);
    await app.waitFor(
      async () => (await app.waitForTestId("download-save")).isEnabled(),
      "Save enabled once the passwords match",
    );
    await app.screenshot("password-chosen");
    assert.match(await dialog.getText(), /Strong\./);

    const file = join(out, "e2e-web.pfx");
    await (await app.waitForTestId("download-save")).click();
    await saveAs(app, file);
    const toast = await app.byText(`Saved ${file}`);
    assert.match(await toast.getText(), /private key, protected by your password/);
    await app.screenshot("saved");
    await (await app.byRole("button", "Dismiss")).click();

    assert.equal(statSync(file).mode & 0o777, 0o600, "the file is the user's alone");
    const inspected = spawnSync(cliBinary, ["inspect", file, "--password-env", "E2E_PFX_PW"], {
      env: { ...process.env, E2E_PFX_PW: PASSWORD },
      encoding: "utf8",
    });
    assert.equal(inspected.status, 0, inspected.stderr);
    assert.match(inspected.stdout, /CN=e2e-web\.contoso\.test/);
    assert.match(inspected.stdout, /Private keys: 1/);
    assert.match(inspected.stdout, /PBES2 AES-256-CBC/);
    const openssl = spawnSync(
      "openssl",
      ["pkcs12", "-in", file, "-passin", `pass:${PASSWORD}`, "-noout"],
      { encoding: "utf8" },
    );
    assert.equal(openssl.status, 0, openssl.stderr);
    const wrong = spawnSync("openssl", ["pkcs12", "-in", file, "-passin", "pass:nope", "-noout"]);
    assert.notEqual(wrong.status, 0, "another password does not open it");
  });

  it("warns before saving the PFX as Key Vault stores it", async () => {
    await openDownload("e2e-web");
    await (await app.waitForTestId("download-as-stored")).click();
    const warning = await app.waitForTestId("download-no-password-warning");
    assert.match(await warning.getText(), /anyone who can read the file has the key/);
    await app.screenshot("as-stored-warning");
    await (await app.byRole("button", "Cancel")).click();
  });

  it("explains a key that is not exportable", async () => {
    await openDownload("e2e-locked");
    const note = await app.waitForTestId("download-not-exportable");
    assert.match(await note.getText(), /not exportable/);
    assert.equal(await (await app.waitForTestId("download-with-key")).isEnabled(), false);
    await app.screenshot("not-exportable");
    await (await app.byRole("button", "Cancel")).click();
  });

  it("names the missing permission when the vault refuses the private key", async () => {
    const deny = (on) => localVaultRest(app, "POST", "_certdeck/deny-secret-get", { deny: on });
    assert.equal((await deny(true)).status, 204);
    try {
      await openDownload("e2e-web");
      await (await app.waitForTestId("download-as-stored")).click();
      await (await app.waitForTestId("download-save")).click();
      const alert = await app.byRole("alert", /does not have secrets get permission/);
      const text = await alert.getText();
      assert.match(text, /secret permission "get"/);
      assert.match(text, /Key Vault Secrets User/);
      assert.match(text, /"Key Vault Certificates Officer" alone cannot/);
      assert.equal(await alert.getAttribute("data-error-code"), "Forbidden");
      await app.screenshot("forbidden");
      await (await app.byRole("button", "Cancel")).click();
    } finally {
      await deny(false);
    }
  });

  it("shows the vault's refusal in the dialog, with its hint", async () => {
    await openDownload("e2e-locked");
    await (await app.waitForTestId("download-format-ChainPem")).click();
    // Deleted elsewhere while the dialog is open: the secret read fails with a 404.
    const deleted = await localVaultRest(app, "DELETE", "certificates/e2e-locked");
    assert.equal(deleted.status, 200, deleted.text);
    await (await app.waitForTestId("download-save")).click();
    const alert = await app.byRole("alert", /was not found/);
    assert.match(await alert.getText(), /refresh the list/);
    assert.equal(await alert.getAttribute("data-error-code"), "NotFound");
    await app.screenshot("refused");
    await (await app.byRole("button", "Cancel")).click();
  });
});
