// Keyboard only, in the real webview: no clicks from the first key to the last. From the start,
// reach a vault's table by F6, move to a certificate, open its details, open "Edit tags and
// Enabled…", type, Esc (asked first), discard, focus back on the opener; Tab cannot leave an
// open dialog; the shortcuts sheet opens with ? and closes with Esc; Ctrl+N opens the create
// dialog; Ctrl+PageDown / Alt+↑ move between vaults.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Key } from "selenium-webdriver";
import { launchApp } from "./harness.mjs";
import { chord, invoke, noDialog, press } from "./support/keys.mjs";

const SUITE = "keyboard";

/** What has focus: enough to say which control it is and where it sits. */
const focused = (app) =>
  app.run(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName.toLowerCase(),
      text: el?.textContent?.trim().slice(0, 80) ?? "",
      label: el?.getAttribute("aria-label") ?? "",
      testId: el?.closest("[data-testid]")?.dataset.testid ?? "",
      dialog: el?.closest("dialog[open]")?.dataset.testid ?? null,
      region: el?.closest("[data-region]")?.dataset.region ?? null,
    };
  });

/** Presses Tab until `matches(focused)`; fails after `max` presses. */
async function tabTo(app, matches, what, max = 40) {
  for (let i = 0; i < max; i++) {
    const now = await focused(app);
    if (matches(now)) return now;
    await press(app, Key.TAB);
  }
  assert.fail(`Tab never reached ${what}; focus is on ${JSON.stringify(await focused(app))}`);
}

const heading = (app) => app.run(() => document.querySelector("h1")?.textContent ?? "");

describe("keyboard only", () => {
  let app;

  before(async () => {
    app = await launchApp({ suite: SUITE });
    const [local] = await invoke(app, "list_vaults", null);
    await invoke(app, "add_samples", { vault: local.id });
    await invoke(app, "add_local_vault", { name: "Second vault" });
  });
  after(async () => {
    await app?.close();
  });

  it("F5 shows what changed behind the view: the samples and the second vault", async () => {
    await app.waitFor(async () => (await heading(app)) === "Local vault", "the local vault");
    // A mark on the page: a reload of the webview (instead of a refetch) would wipe it.
    await app.run(() => {
      window.notReloaded = true;
    });
    await press(app, Key.F5);
    await app.byRole("link", "Second vault");
    await app.waitFor(
      async () => (await app.run(() => document.querySelectorAll("[role=row]").length)) === 6,
      "the header row and five samples",
    );
    await chord(app, Key.CONTROL, "r");
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await app.run(() => window.notReloaded), true, "F5 and Ctrl+R do not reload");
  });

  it("F6 reaches the sidebar, then the table; arrows move, Enter opens the details", async () => {
    await press(app, Key.F6);
    let now = await focused(app);
    assert.equal(now.region, "sidebar");
    assert.equal(now.label, "Local vault");
    await press(app, Key.F6);
    now = await focused(app);
    assert.equal(now.testId, "cert-table");
    await press(app, Key.ARROW_DOWN);
    const active = await app.run(
      () => document.querySelector("[role=grid] [data-active]")?.getAttribute("data-name") ?? null,
    );
    assert.ok(active, "an active row");
    // The active row shows the focus ring.
    const ring = await app.run(
      () => getComputedStyle(document.querySelector("[role=grid] [data-active]")).outlineStyle,
    );
    assert.equal(ring, "solid");
    await app.screenshot("focused-row");
    await press(app, Key.ENTER);
    const pane = await app.waitForTestId("details-pane");
    // Once in a loaded run the pane's first text had its actions but not yet its heading.
    await app
      .waitFor(async () => (await pane.getText()).includes(active), `the details of ${active}`)
      .catch(async (err) => assert.fail(`${err.message}: ${await pane.getText()}`));
  });

  it("Edit tags: typing then Esc asks first; Discard closes; focus is back on the opener", async () => {
    await press(app, Key.F6);
    assert.equal((await focused(app)).region, "details");
    await tabTo(app, (f) => f.text === "Edit tags and Enabled…", "Edit tags and Enabled…");
    await press(app, Key.ENTER);
    await app.waitForTestId("properties-dialog");
    const tagName = (f) => /^Tag \d+ name$/.test(f.label);
    const reached = await tabTo(app, (f) => tagName(f) || f.text === "Add tag", "the tags");
    if (!tagName(reached)) {
      await press(app, Key.ENTER);
      await tabTo(app, tagName, "the new tag's name");
    }
    await press(app, "owner");
    await press(app, Key.ESCAPE);
    await app.waitForTestId("discard-prompt");
    assert.equal((await focused(app)).text, "Keep editing");
    await app.screenshot("discard-prompt");
    await press(app, Key.ENTER);
    const kept = await app.run(() => document.activeElement?.value);
    assert.match(kept, /owner/);
    await press(app, Key.ESCAPE);
    await app.waitForTestId("discard-prompt");
    await press(app, Key.TAB);
    assert.equal((await focused(app)).text, "Discard");
    await press(app, Key.ENTER);
    await noDialog(app);
    const back = await focused(app);
    assert.equal(back.text, "Edit tags and Enabled…");
    assert.equal(back.dialog, null);
  });

  it("Esc closes the details and gives focus back to the table", async () => {
    await press(app, Key.ESCAPE);
    await app.waitFor(
      async () =>
        (await app.run(() => document.querySelector("[data-testid=details-pane]"))) === null,
      "the details closed",
    );
    await app.waitFor(async () => (await focused(app)).testId === "cert-table", "the table");
  });

  it("? opens the shortcuts sheet, Tab stays inside it, Esc closes it", async () => {
    await press(app, "?");
    await app.waitForTestId("shortcuts-sheet");
    await app.screenshot("shortcuts-sheet");
    for (let i = 0; i < 4; i++) {
      await press(app, Key.TAB);
      assert.equal((await focused(app)).dialog, "shortcuts-sheet", `Tab ${i + 1} stays inside`);
    }
    await chord(app, Key.SHIFT, Key.TAB);
    assert.equal((await focused(app)).dialog, "shortcuts-sheet", "Shift+Tab stays inside");
    await press(app, Key.ESCAPE);
    await noDialog(app);
    assert.equal((await focused(app)).testId, "cert-table");
  });

  it("? typed in the search box is text", async () => {
    await chord(app, Key.CONTROL, "f");
    assert.equal((await focused(app)).label, "Search certificates");
    await press(app, "?");
    assert.equal(await app.run(() => document.activeElement.value), "?");
    assert.equal(await app.run(() => document.querySelector("dialog[open]")), null);
    await press(app, Key.BACK_SPACE);
  });

  it("Ctrl+N opens the create dialog; Esc closes it", async () => {
    await chord(app, Key.CONTROL, "n");
    await app.waitForTestId("create-dialog");
    assert.equal((await focused(app)).dialog, "create-dialog");
    await press(app, Key.ESCAPE);
    await noDialog(app);
  });

  it("Ctrl+PageDown and Alt+↑ move to the next and previous vault", async () => {
    await chord(app, Key.CONTROL, Key.PAGE_DOWN);
    await app.waitFor(async () => (await heading(app)) === "Second vault", "the second vault");
    await chord(app, Key.ALT, Key.ARROW_UP);
    await app.waitFor(async () => (await heading(app)) === "Local vault", "back to the first");
  });

  it("the vault menu opens with ArrowDown and Esc gives focus back to its button", async () => {
    await press(app, Key.F6);
    assert.equal((await focused(app)).region, "sidebar");
    await press(app, Key.TAB);
    assert.equal((await focused(app)).label, "Actions for Local vault");
    await press(app, Key.ARROW_DOWN);
    await app.waitFor(
      async () =>
        (await app.run(() => document.activeElement?.getAttribute("role"))) === "menuitem",
      "a menu item",
    );
    const ring = await app.run(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.equal(ring, "solid");
    await app.screenshot("vault-menu");
    await press(app, Key.ESCAPE);
    assert.equal((await focused(app)).label, "Actions for Local vault");
  });

  it("shows a focus ring on everything Tab reaches in a vault's view", async () => {
    await press(app, Key.F6);
    const seen = [];
    for (let i = 0; i < 30; i++) {
      const ring = await app.run(() => {
        const el = document.activeElement;
        const s = getComputedStyle(el);
        return {
          name: (el.getAttribute("aria-label") || el.textContent || el.tagName).trim().slice(0, 40),
          width: s.outlineStyle === "none" ? 0 : parseFloat(s.outlineWidth),
          visible: el.checkVisibility({ opacityProperty: true }),
        };
      });
      seen.push(ring.name);
      assert.ok(ring.width >= 2, `no focus ring on ${ring.name}`);
      assert.ok(ring.visible, `${ring.name} has focus but cannot be seen`);
      await press(app, Key.TAB);
    }
    // The walk went through the sidebar, the tabs, the toolbar and into the table.
    for (const name of ["Expiry", "Local vault", "Certificates", "Search certificates"]) {
      assert.ok(seen.includes(name), `Tab reached ${name}: ${seen.join(", ")}`);
    }
  });
});
