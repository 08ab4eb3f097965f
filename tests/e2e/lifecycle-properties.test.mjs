// A certificate's versions, properties and bulk actions in the real webview against the
// built-in local vault: a renewed certificate's timeline, one version disabled and enabled
// again, tags edited through the review and read back, and a bulk disable over three rows.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { By } from "selenium-webdriver";
import { launchApp } from "./harness.mjs";

const SUITE = "lifecycle-properties";

const rowNames = (app) =>
  app.run(() =>
    [...document.querySelectorAll('[data-testid="cert-row"]')].map((r) => r.dataset.name),
  );

const row = (app, name) =>
  app.driver.findElement(By.css(`[data-testid="cert-row"][data-name="${name}"]`));

/** Clicks `element` once toasts are dismissed and it is scrolled to the middle of its pane. */
async function press(app, element) {
  await app.run((el) => {
    for (const dismiss of document.querySelectorAll('.toasts button[aria-label="Dismiss"]')) {
      dismiss.click();
    }
    el.scrollIntoView({ block: "center" });
  }, element);
  await element.click();
}

/** Each timeline row: whether it is current, disabled, pending, has a validity bar; its text. */
const timeline = (app) =>
  app.run(() =>
    [...document.querySelectorAll('[data-testid="timeline-row"]')].map((r) => ({
      current: r.hasAttribute("data-current"),
      disabled: r.hasAttribute("data-disabled"),
      pending: r.hasAttribute("data-pending"),
      bar: r.querySelector(".timeline-bar") !== null,
      text: r.textContent,
    })),
  );

describe("versions, properties and bulk actions", () => {
  let app;

  before(async () => {
    app = await launchApp({ suite: SUITE });
    await (await app.byRole("button", "Add samples")).click();
    await app.waitFor(async () => (await rowNames(app)).length === 5, "the five samples");
  });
  after(async () => {
    await app?.close();
  });

  it("draws a renewed certificate's two versions on the timeline", async () => {
    await (await row(app, "sample-healthy")).click();
    await app.waitForTestId("version-timeline");
    await press(app, await app.byRole("button", "Renew now"));
    const dialog = await app.byRole("dialog", /^Renew .sample-healthy. now\?$/);
    await (await dialog.findElement(By.css("button.primary"))).click();
    await app.waitFor(
      async () => app.run(() => !document.querySelector("dialog[open]")),
      "the renewal started",
    );
    // The new version is pending (disabled) until the vault issues it, seconds later;
    // opening the certificate again reads its versions anew.
    await app.waitFor(async () => {
      await (await row(app, "sample-disabled")).click();
      await (await row(app, "sample-healthy")).click();
      await app.waitForTestId("version-timeline");
      const rows = await timeline(app);
      return rows.length === 2 && rows.every((r) => r.bar && !r.disabled && !r.pending);
    }, "two issued versions on the timeline");
    const legend = await (await app.waitForTestId("renewal")).getText();
    // The samples' policy e-mails its contacts instead of renewing.
    assert.equal(legend, "No renewal planned");
  });

  it("disables the older version from the list, drawn as disabled, then enables it again", async () => {
    const [current, older] = await app.run(() =>
      [...document.querySelectorAll('[data-testid="versions"] .version .mono')].map(
        (el) => el.textContent,
      ),
    );
    assert.ok(current && older);
    await press(app, await app.byRole("button", `Disable version ${older}`));
    await app.waitFor(async () => {
      const rows = await timeline(app);
      return rows[1]?.disabled && rows[1].text.includes("Disabled") && !rows[0]?.disabled;
    }, "the older version drawn disabled, the current one not");
    await app.byRole("button", `Enable version ${older}`);
    await app.screenshot("timeline-disabled-version");
    // The current version is what the listing shows: still enabled.
    assert.match(await (await row(app, "sample-healthy")).getText(), /Healthy/);

    await press(app, await app.byRole("button", `Enable version ${older}`));
    await app.waitFor(
      async () => (await timeline(app)).every((r) => !r.disabled),
      "every version enabled again",
    );
    await app.byRole("button", `Disable version ${older}`);
  });

  it("edits tags through the review, then shows them as the vault reads them back", async () => {
    await press(app, await app.byRole("button", "Edit tags and Enabled…"));
    const dialog = await app.waitForTestId("properties-dialog");
    await (await app.byRole("button", "Add tag")).click();
    await (await app.byRole("textbox", "Tag 1 name")).sendKeys("env");
    await (await app.byRole("textbox", "Tag 1 value")).sendKeys("prod");
    await (await app.byRole("button", "Add tag")).click();
    await (await app.byRole("textbox", "Tag 2 name")).sendKeys("owner");
    await (await app.byRole("textbox", "Tag 2 value")).sendKeys("web-team");
    await (await app.byRole("button", "Review changes")).click();
    await app.screenshot("tags-diff");
    const diffText = await app.run(() =>
      [...document.querySelectorAll(".properties-dialog .changes-table tbody tr")]
        .map((tr) => [...tr.children].map((cell) => cell.textContent).join(" | "))
        .join("\n"),
    );
    assert.equal(diffText, "Tag env | — | prod\nTag owner | — | web-team");

    await (await app.byRole("button", "Save")).click();
    const saved = await app.waitForTestId("properties-saved");
    await app.waitFor(
      async () => (await saved.getText()).includes("with these tags"),
      "the saved tags read back",
    );
    const chips = await dialog.getText();
    assert.match(chips, /env\s*prod/);
    assert.match(chips, /owner\s*web-team/);
    await app.screenshot("tags-saved");
    await (await app.byRole("button", "Close")).click();

    // The details and the table row show the tags the vault holds.
    const pane = await app.waitForTestId("details-pane");
    await app.waitFor(async () => (await pane.getText()).includes("web-team"), "tags in details");
    await (await app.byRole("button", "Close details")).click();
    await app.waitFor(
      async () => (await (await row(app, "sample-healthy")).getText()).includes("web-team"),
      "tags in the table row",
    );
  });

  it("disables three selected certificates with a result each", async () => {
    for (const name of ["sample-healthy", "sample-expiring", "sample-expired"]) {
      await (await app.byRole("checkbox", `Select ${name}`)).click();
    }
    const count = await app.waitForTestId("selection-count");
    assert.equal(await count.getText(), "3 selected");
    await app.screenshot("bulk-selection");

    await (await app.byRole("button", "Disable")).click();
    const progress = await app.waitForTestId("bulk-run-progress");
    await app.waitFor(
      async () => (await progress.getText()).startsWith("Done"),
      "the bulk run done",
    );
    assert.equal(await progress.getText(), "Done · 3 changed, 0 already so, 0 failed");
    const results = await app.run(() =>
      [...document.querySelectorAll('[data-testid="bulk-row"]')].map(
        (r) => `${r.dataset.name}: ${r.textContent}`,
      ),
    );
    assert.equal(results.length, 3);
    for (const line of results) assert.match(line, /Changed.*Enabled: Enabled → Disabled/);
    await app.screenshot("bulk-results");
    await (await app.byRole("button", "Close")).click();

    // The table took each answered row: the two unexpired ones now say Disabled.
    for (const name of ["sample-healthy", "sample-expiring"]) {
      await app.waitFor(
        async () => (await (await row(app, name)).getText()).includes("Disabled"),
        `${name} disabled in the table`,
      );
    }
    await app.screenshot("bulk-after");
  });
});
