// The installed package's app in the real webview: scripts/package-test.sh runs this file with
// CERTDECK_APP=/usr/bin/certdeck after `apt-get install` of the .deb. Not part of the default
// suite (its name does not match *.test.mjs): the binary under test only exists once the
// package is built and installed.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { appBinary, launchApp, xdotool } from "./harness.mjs";

const SUITE = "install";

describe("installed package", () => {
  let app;

  before(async () => {
    assert.ok(
      appBinary.startsWith("/usr/"),
      `CERTDECK_APP must name the installed binary, not ${appBinary}`,
    );
    app = await launchApp({ suite: SUITE });
  });
  after(async () => {
    await app?.close();
  });

  it("opens its window on the empty local vault", async () => {
    assert.ok(app.windowTitles().includes("CertDeck"), `titles: ${app.windowTitles()}`);
    await app.byRole("link", "Local vault");
    await app.waitForTestId("vault-empty");
    await app.screenshot("first-start");
  });

  it("reaches its built-in local vault: the samples fill the table", async () => {
    await (await app.byRole("button", "Add samples")).click();
    await app.waitFor(
      async () =>
        (await app.run(() => document.querySelectorAll('[data-testid="cert-row"]').length)) === 5,
      "five sample rows",
    );
    await app.screenshot("samples");
  });

  it("names its window class as the desktop entry's StartupWMClass does", async () => {
    const byClass = await xdotool(app.display, [
      "search",
      "--onlyvisible",
      "--classname",
      "^certdeck$",
    ]);
    assert.ok(byClass.trim(), "no visible window whose WM_CLASS instance is certdeck");
  });
});
