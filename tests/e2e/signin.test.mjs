// Sign-in and vault discovery in the real webview, offline: an Entra- and ARM-shaped mock
// (certdeck-azure-mock) over HTTPS from its own CA lists two tenants — Contoso, whose two
// subscriptions hold two standalone local vaults, and Fabrikam, which needs MFA — and the
// test plays the browser: it reads the authorize URL the app opened and follows the mock's
// redirect to the app's loopback listener. Then discover → add → the vault's certificates.
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { launchApp } from "./harness.mjs";
import { playBrowser, startAzureMock, startLocalVaults } from "./support/azure.mjs";
import { makePfxFiles } from "./support/certs.mjs";
import { vaultRest } from "./support/rest.mjs";
import { fixtureDir, useSecret } from "./support/run.mjs";

const SUITE = "signin";
const CONTOSO = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const FABRIKAM = "0b1d7e3c-5a8e-4f2b-9c1d-3e4f5a6b7c8d";
const PROD = "11111111-aaaa-4bbb-8ccc-000000000001";
const DEV = "11111111-aaaa-4bbb-8ccc-000000000002";
const SHARED = "22222222-aaaa-4bbb-8ccc-000000000003";

/** The mock's directory: Ada, at home in Contoso and a guest in Fabrikam (which needs MFA). */
function mockConfig(vaults, vaultToken) {
  return {
    tenants: [
      { id: CONTOSO, name: "Contoso", domain: "contoso.onmicrosoft.com" },
      {
        id: FABRIKAM,
        name: "Fabrikam",
        domain: "fabrikam.onmicrosoft.com",
        requires_interaction: true,
      },
    ],
    users: [
      {
        oid: "5f1c8a52-3d4e-4f60-9a7b-8c9d0e1f2a3b",
        home_tenant: CONTOSO,
        username: "ada@contoso.onmicrosoft.com",
        name: "Ada Lovelace",
        tenants: [FABRIKAM],
      },
    ],
    subscriptions: [
      { id: PROD, name: "Production", tenant: CONTOSO },
      { id: DEV, name: "Development", tenant: CONTOSO },
      { id: SHARED, name: "Fabrikam shared", tenant: FABRIKAM },
    ],
    vaults: [
      {
        name: "team-a",
        uri: vaults[0].url,
        subscription: PROD,
        resource_group: "rg-certs",
        rbac: true,
        public_network_access: "Enabled",
        retention_days: 90,
      },
      {
        name: "team-b",
        uri: vaults[1].url,
        subscription: DEV,
        resource_group: "rg-dev",
        purge_protection: true,
        public_network_access: "Disabled",
        retention_days: 30,
      },
    ],
    vault_access_token: vaultToken,
  };
}

describe("sign-in and discovery", () => {
  let app;
  let mock;
  let local;
  let mockCa;
  const work = fixtureDir(SUITE);
  const openedUrlFile = join(work, "opened-url");

  /** The next URL the app opens "in the browser" (the shell appends it to openedUrlFile). */
  const nextOpenedUrl = async () => {
    let url = "";
    await app.waitFor(async () => {
      const lines = existsSync(openedUrlFile) ? readFileSync(openedUrlFile, "utf8").trim() : "";
      url = lines.split("\n").at(-1) ?? "";
      return url !== "";
    }, "the app opened the sign-in page");
    rmSync(openedUrlFile, { force: true });
    return url;
  };
  const noDialogOpen = async (what) =>
    app.waitFor(async () => !(await app.run(() => document.querySelector("dialog[open]"))), what);

  before(async () => {
    local = await startLocalVaults(join(work, "local-vault"), ["team-a", "team-b"]);
    const localCa = readFileSync(local.ca_file);
    // The token the local vaults accept is what the mock hands out for Key Vault: the app must
    // keep it in memory only (the secret scan after the run looks for it).
    const token = useSecret(readFileSync(local.token_file, "utf8").trim(), "signin: vault token");
    const [pfx] = makePfxFiles(work, "signin", 1);
    const imported = await vaultRest(
      { url: local.vaults[0].url, ca: localCa, token },
      "POST",
      "certificates/web-contoso/import",
      { value: readFileSync(pfx).toString("base64"), pwd: "" },
    );
    assert.equal(imported.status, 200, imported.text);

    const configFile = join(work, "azure-mock.json");
    writeFileSync(configFile, JSON.stringify(mockConfig(local.vaults, token)));
    mock = await startAzureMock(configFile);
    mockCa = readFileSync(mock.ca_file);
    // One file of extra roots: the mock's (Entra, ARM) and the local vaults' (the data plane).
    const roots = join(work, "roots.pem");
    writeFileSync(roots, `${mockCa}\n${localCa}`);
    app = await launchApp({
      suite: SUITE,
      env: {
        CERTDECK_AUTHORITY_HOST: mock.url,
        CERTDECK_ARM_ENDPOINT: mock.url,
        CERTDECK_EXTRA_CA_FILE: roots,
        CERTDECK_E2E_OPEN_URL_FILE: openedUrlFile,
      },
    });
  });
  after(async () => {
    await app?.close();
    await mock?.stop();
    await local?.stop();
  });

  it("signs in through the browser, waiting with the address shown", async () => {
    await (await app.byRole("link", "Settings")).click();
    await app.waitForTestId("accounts-empty");
    await (await app.byRole("button", "Add account")).click();
    await app.byText("Waiting for the browser…");
    const url = await nextOpenedUrl();
    assert.match(url, /\/oauth2\/v2\.0\/authorize\?/);
    const shown = await (await app.waitForTestId("sign-in-url")).getText();
    assert.equal(shown.trim(), url, "the dialog shows the address the browser was sent to");
    await app.screenshot("sign-in-waiting");

    const landed = await playBrowser(url, mockCa);
    assert.equal(landed.status, 200, landed.body);
    const row = await app.waitForTestId("account-row");
    await noDialogOpen("the sign-in dialog closed");
    const text = await row.getText();
    assert.match(text, /Ada Lovelace/);
    assert.match(text, /ada@contoso\.onmicrosoft\.com/);
    assert.match(text, new RegExp(CONTOSO));
    await app.screenshot("accounts");
  });

  it("signs in with a device code instead, showing the code and the link", async () => {
    await (await app.byRole("button", "Add account")).click();
    await app.byText("Waiting for the browser…");
    await nextOpenedUrl();
    await (await app.byRole("button", "Use a code instead")).click();
    const code = await app.waitForTestId("device-code");
    await app.screenshot("device-code");
    assert.match(await code.getText(), /\S{4,}/);
    await app.byRole("button", "Copy code");
    // The mock approves the code after two polls, a second apart: the same account again.
    await noDialogOpen("the device code was approved");
    const rows = await app.run(
      () => document.querySelectorAll('[data-testid="account-row"]').length,
    );
    assert.equal(rows, 1);
  });

  it("discovers both tenants, Fabrikam needing sign-in, and adds two vaults at once", async () => {
    await (await app.byRole("button", "Add vault")).click();
    await (await app.byRole("button", "Find vaults in your Azure accounts…")).click();
    await app.byRole("checkbox", "team-a");
    const tenants = await app.run(() =>
      [...document.querySelectorAll('[data-testid="discovery-tenant"]')].map((t) => t.textContent),
    );
    assert.deepEqual(tenants, [
      "Contoso contoso.onmicrosoft.com",
      "Fabrikam fabrikam.onmicrosoft.com",
    ]);
    const needsSignIn = await app.waitForTestId("tenant-needs-sign-in");
    assert.match(await needsSignIn.getText(), /Sign in to see its subscriptions/);
    await app.screenshot("discovery");

    await (await app.byRole("checkbox", "team-a")).click();
    await (await app.byRole("checkbox", "team-b")).click();
    await (await app.byRole("button", "Add 2 vaults")).click();
    await app.byRole("link", "team-b");
    await (await app.byRole("link", "team-a")).click();
    const row = await app.waitForTestId("cert-row");
    assert.equal(await row.getAttribute("data-name"), "web-contoso");
    await app.screenshot("added-vault");
  });

  it("marks the vaults already added when discovering again", async () => {
    await (await app.byRole("button", "Add vault")).click();
    await (await app.byRole("button", "Find vaults in your Azure accounts…")).click();
    const added = await app.byRole("checkbox", "team-a (already added)");
    assert.equal(await added.isEnabled(), false);
    await (await app.byRole("button", "Cancel")).click();
  });
});
