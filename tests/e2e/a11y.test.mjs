// An axe-core audit in the real webview (WebKitGTK) of every view and dialog, in the light and
// the dark theme, over the built-in local vault seeded with its samples. Any serious or critical
// WCAG 2.0/2.1 A or AA violation fails the view's test; a table view × theme → violations by
// impact is printed at the end and saved beside the screenshots (axe-results.json).
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { By, Key } from "selenium-webdriver";
import { dragAndDrop, launchApp, repoRoot } from "./harness.mjs";
import { makePfxFiles } from "./support/certs.mjs";
import { saveAs } from "./support/native-dialogs.mjs";
import { fixtureDir, savedDir } from "./support/run.mjs";

const SUITE = "a11y";
const THEMES = ["light", "dark"];
const IMPACTS = ["critical", "serious", "moderate", "minor"];
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);
const resultsDir = join(
  process.env.CARGO_TARGET_DIR ?? join(repoRoot, "target"),
  "e2e-screenshots",
  SUITE,
);

/** view → theme → violations ({ id, impact, help, nodes: [{ target, summary }] }). */
const results = new Map();
/** view → theme → the texts axe could not check the contrast of (over an image, say), and why. */
const uncheckedContrast = new Map();

/**
 * Runs axe on the page as it is. WebDriver evaluates the script itself, outside the page's CSP
 * (which allows no inline or eval'd script); axe's bundle puts `axe` on window.
 */
async function runAxe(app) {
  const loaded = await app.run(() => typeof window.axe === "object");
  if (!loaded) await app.driver.executeScript(`${axeSource}\nreturn typeof window.axe;`);
  return app.driver.executeAsyncScript((tags, done) => {
    window.axe
      .run(document, { runOnly: { type: "tag", values: tags } })
      .then((r) =>
        done({
          violations: r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => ({
              target: n.target.join(" "),
              summary: (n.failureSummary ?? "").split("\n").slice(1, 3).join(" ").trim(),
            })),
          })),
          uncheckedContrast: (r.incomplete.find((i) => i.id === "color-contrast")?.nodes ?? []).map(
            (n) =>
              `${n.target.join(" ")}: ${n.any[0]?.data?.messageKey ?? n.any[0]?.message ?? ""}`,
          ),
        }),
      )
      .catch((err) =>
        done({
          violations: [{ id: "axe-error", impact: "critical", help: `${err}`, nodes: [] }],
          uncheckedContrast: [],
        }),
      );
  }, TAGS);
}

/** Shows the page in `theme` (as the theme toggle would) and lets colour transitions end. */
async function setTheme(app, theme) {
  await app.run((t) => {
    document.documentElement.dataset.theme = t;
  }, theme);
  await app.driver.sleep(400);
}

/** Audits the page in both themes and records the violations under `view`. */
async function audit(app, view) {
  const byTheme = {};
  const unchecked = {};
  for (const theme of THEMES) {
    await setTheme(app, theme);
    await app.screenshot(`${view}-${theme}`);
    ({ violations: byTheme[theme], uncheckedContrast: unchecked[theme] } = await runAxe(app));
  }
  await setTheme(app, "light");
  results.set(view, byTheme);
  uncheckedContrast.set(view, unchecked);
}

/** The serious and critical violations recorded for `view`, one line each. */
const blocking = (view) =>
  THEMES.flatMap((theme) =>
    results
      .get(view)
      [theme].filter((v) => v.impact === "critical" || v.impact === "serious")
      .map(
        (v) =>
          `${view} [${theme}] ${v.impact} ${v.id} (${v.help}): ${v.nodes
            .slice(0, 4)
            .map((n) => `${n.target} — ${n.summary}`)
            .join("; ")}${v.nodes.length > 4 ? ` … ${v.nodes.length} in all` : ""}`,
      ),
  );

/**
 * A test that reaches views and audits them; it fails, once it has left the page as the next
 * test expects, on any serious or critical violation of the views it audited.
 */
function audited(title, fn) {
  it(title, async () => {
    const known = new Set(results.keys());
    await fn();
    const views = [...results.keys()].filter((view) => !known.has(view));
    assert.deepEqual(views.flatMap(blocking), [], "serious or critical violations");
  });
}

function table() {
  const lines = [
    `${"view".padEnd(28)} theme  ${IMPACTS.map((i) => i.padStart(9)).join("")}  contrast?  rules`,
  ];
  // "contrast?": texts whose contrast axe could not decide (over an image or a gradient).
  for (const [view, byTheme] of results) {
    for (const theme of THEMES) {
      const violations = byTheme[theme];
      const count = (impact) =>
        violations.filter((v) => v.impact === impact).reduce((sum, v) => sum + v.nodes.length, 0);
      lines.push(
        `${view.padEnd(28)} ${theme.padEnd(6)} ${IMPACTS.map((i) => String(count(i)).padStart(9)).join("")}  ${String(uncheckedContrast.get(view)[theme].length).padStart(9)}  ${violations.map((v) => v.id).join(",")}`,
      );
    }
  }
  return lines.join("\n");
}

const rows = (app) =>
  app.run(() =>
    [...document.querySelectorAll('[data-testid="cert-row"]')].map((r) => r.dataset.name),
  );
const row = (app, name) =>
  app.waitFor(
    async () =>
      (await app.driver.findElements(By.css(`[data-testid="cert-row"][data-name="${name}"]`)))[0],
    `${name} listed`,
  );
const gone = (app, testId) =>
  app.waitFor(
    async () => (await app.driver.findElements(By.css(`[data-testid="${testId}"]`))).length === 0,
    `${testId} closes`,
  );
/** Clicks in the page, so a button under the pointer's path or mid-transition still gets it. */
const press = (app, element) => app.run((el) => el.click(), element);

/**
 * Closes the open modal dialog by its Cancel or Close button (Escape would also reach the
 * details pane the dialog was opened from, and close that too).
 */
async function closeDialog(app) {
  await app.run(() => {
    const open = [...document.querySelectorAll("dialog[open]")].at(-1);
    const button = [...open.querySelectorAll("button")].find((b) =>
      /^(Cancel|Close|Done)$/.test(b.textContent.trim()),
    );
    button.click();
  });
  await app.waitFor(
    async () => !(await app.run(() => document.querySelector("dialog[open]") !== null)),
    "the dialog closes",
  );
}

async function openDetails(app, name) {
  await (await app.waitForTestId("vault-tab-certificates")).click();
  await (await row(app, name)).click();
  const pane = await app.waitForTestId("details-pane");
  await app.waitFor(
    async () => (await pane.getText()).includes(`CN=${name}.`),
    `${name}'s details`,
  );
  await app.waitForTestId("version-timeline");
}

async function detailsButton(app, testId) {
  const button = await app.waitForTestId(testId);
  await app.run((el) => el.scrollIntoView({ block: "center" }), button);
  return button;
}

describe("accessibility audit (axe-core, WCAG 2.1 A/AA) of every view, light and dark", () => {
  let app;
  const saved = savedDir(SUITE);
  const backupFile = join(saved, "sample-healthy.kvbackup");

  before(async () => {
    app = await launchApp({ suite: SUITE });
  });
  after(async () => {
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      join(resultsDir, "axe-results.json"),
      JSON.stringify(
        {
          violations: Object.fromEntries(results),
          uncheckedContrast: Object.fromEntries(uncheckedContrast),
        },
        null,
        2,
      ),
    );
    console.log(`\naxe-core violations (nodes) by view and theme\n${table()}\n`);
    await app?.close();
  });

  audited("the empty vault", async () => {
    await app.waitForTestId("vault-empty");
    await audit(app, "vault-empty");
  });

  audited("the welcome page", async () => {
    await (await app.byRole("link", /CertDeck/)).click();
    await app.byRole("heading", "Welcome");
    await audit(app, "welcome");
    await (await app.byRole("link", "Local vault")).click();
    await app.waitForTestId("vault-empty");
  });

  audited("the certificates table with the samples", async () => {
    await (await app.byRole("button", "Add samples")).click();
    await app.waitFor(async () => (await rows(app)).length === 5, "the five samples");
    await audit(app, "certificates");
  });

  audited("the details pane: facts, actions, versions and timeline", async () => {
    await openDetails(app, "sample-healthy");
    await audit(app, "details");
  });

  audited("the pending certificate's details", async () => {
    await openDetails(app, "sample-pending");
    await app.waitForTestId("pending-operation");
    await audit(app, "details-pending");
  });

  audited("the properties dialog", async () => {
    await openDetails(app, "sample-healthy");
    await press(app, await app.byRole("button", "Edit tags and Enabled…"));
    await app.waitForTestId("properties-dialog");
    await (await app.byRole("button", "Add tag")).click();
    await (await app.byRole("textbox", "Tag 1 name")).sendKeys("env");
    await audit(app, "properties-dialog");
    await closeDialog(app);
  });

  audited("the download dialog", async () => {
    await press(app, await detailsButton(app, "download-certificate"));
    await app.waitForTestId("download-dialog");
    await (await app.waitForTestId("download-password")).sendKeys("weak1");
    await audit(app, "download-dialog");
    await closeDialog(app);
  });

  audited("the renew confirmation", async () => {
    await press(app, await app.byRole("button", "Renew now"));
    await app.byRole("dialog", /^Renew .sample-healthy. now\?$/);
    await audit(app, "renew-confirm");
    await closeDialog(app);
  });

  audited("the backup dialog, before and after saving", async () => {
    await press(app, await detailsButton(app, "backup-certificate"));
    await app.waitForTestId("backup-dialog");
    await audit(app, "backup-dialog");
    await (await app.waitForTestId("backup-save")).click();
    await saveAs(app, backupFile);
    await app.waitForTestId("backup-saved");
    await audit(app, "backup-saved");
    await closeDialog(app);
  });

  audited("the copy dialog", async () => {
    await press(app, await detailsButton(app, "copy-certificate"));
    await app.waitForTestId("copy-dialog");
    await audit(app, "copy-dialog");
    await closeDialog(app);
  });

  audited("the delete confirmation", async () => {
    await press(app, await detailsButton(app, "delete-certificate"));
    await app.waitForTestId("delete-consequence");
    await audit(app, "delete-confirm");
    await closeDialog(app);
  });

  audited("the policy editor", async () => {
    await press(app, await app.byRole("link", "Edit policy"));
    await app.waitForTestId("policy-editor");
    await audit(app, "policy-editor");
    await (await app.byRole("button", "Add DNS name")).click();
    const dns = await app.byRole("textbox", "DNS name 1");
    await dns.click();
    await dns.sendKeys("www.a11y.contoso.test");
    const save = await app.byRole("button", "Save…");
    await app.waitFor(async () => save.isEnabled(), "Save enabled");
    await press(app, save);
    await app.waitForTestId("policy-change");
    await audit(app, "policy-save-dialog");
    await closeDialog(app);
    await press(app, await app.byRole("button", "Discard changes"));
    await (await app.byRole("link", "Local vault")).click();
  });

  audited("the create certificate dialog", async () => {
    await (await app.waitForTestId("new-certificate-button")).click();
    await app.waitForTestId("create-form");
    await audit(app, "create-dialog");
    await closeDialog(app);
  });

  audited("the bulk actions bar and its delete prompt", async () => {
    await app.waitForTestId("vault-tab-certificates");
    await app.driver
      .actions()
      .keyDown(Key.CONTROL)
      .click(await row(app, "sample-expired"))
      .click(await row(app, "sample-disabled"))
      .keyUp(Key.CONTROL)
      .perform();
    await app.waitForTestId("selection-count");
    await audit(app, "bulk-bar");
    await (await app.byRole("button", "Delete…")).click();
    await app.waitFor(
      async () => app.run(() => document.querySelector("dialog[open]") !== null),
      "the prompt",
    );
    await audit(app, "bulk-delete-prompt");
    await closeDialog(app);
    await (await app.byRole("button", "Clear")).click();
  });

  audited("the import panel with a previewed file", async () => {
    const [pfx] = makePfxFiles(fixtureDir(SUITE), "a11y-import", 1);
    await dragAndDrop(app, [pfx]);
    await app.waitForTestId("import-panel");
    await app.waitFor(
      async () =>
        (await app.run(
          () => document.querySelector('[data-testid="import-item"]')?.dataset.state,
        )) === "ready",
      "the file previewed",
    );
    await audit(app, "import-panel");
    await (await app.waitForTestId("import-close")).click();
    await gone(app, "import-panel");
  });

  audited("the restore dialog for a dropped backup", async () => {
    await dragAndDrop(app, [backupFile]);
    await app.waitForTestId("restore-dialog");
    await app.waitForTestId("restore-file");
    await audit(app, "restore-dialog");
    await closeDialog(app);
  });

  audited("the Pending tab and an operation", async () => {
    await (await app.waitForTestId("vault-tab-pending")).click();
    await app.waitForTestId("pending-row");
    await audit(app, "pending");
    await (await app.byRole("button", "sample-pending")).click();
    await app.waitForTestId("operation-pane");
    await audit(app, "pending-operation");
  });

  audited("the Deleted tab, empty, with a row, and the purge confirmation", async () => {
    await (await app.waitForTestId("vault-tab-deleted")).click();
    await app.waitForTestId("deleted-empty");
    await audit(app, "deleted-empty");
    await openDetails(app, "sample-expired");
    await press(app, await detailsButton(app, "delete-certificate"));
    await (await app.waitForTestId("delete-confirm")).click();
    await app.waitFor(async () => !(await rows(app)).includes("sample-expired"), "deleted");
    await (await app.waitForTestId("vault-tab-deleted")).click();
    const deletedRow = await app.waitFor(
      async () =>
        (
          await app.driver.findElements(
            By.css('[data-testid="deleted-row"][data-name="sample-expired"]'),
          )
        )[0],
      "listed as deleted",
    );
    await app.waitFor(
      async () => !(await deletedRow.getText()).includes("Being deleted"),
      "settled",
    );
    await deletedRow.click();
    await audit(app, "deleted");
    await (await app.waitForTestId("purge-selected")).click();
    await app.waitForTestId("purge-typed");
    await audit(app, "purge-confirm");
    await closeDialog(app);
  });

  audited("the Issuers tab, empty and with the form", async () => {
    await (await app.waitForTestId("vault-tab-issuers")).click();
    await app.waitForTestId("issuers-empty");
    await audit(app, "issuers-empty");
    await (await app.byRole("button", "New issuer")).click();
    await app.waitForTestId("issuer-form");
    await audit(app, "issuer-form");
  });

  audited("the Contacts tab, empty and editing", async () => {
    await (await app.waitForTestId("vault-tab-contacts")).click();
    await app.waitForTestId("contacts-empty");
    await audit(app, "contacts-empty");
    await (await app.byRole("button", "Add contact")).click();
    await audit(app, "contacts-edit");
  });

  audited("Needs attention", async () => {
    await (await app.driver.findElement(By.css('a.nav-link[href$="/attention"]'))).click();
    await app.waitForTestId("attention-count");
    await app.waitFor(
      async () => app.run(() => document.querySelector('[data-testid="attention-row"]') !== null),
      "problems listed",
    );
    await audit(app, "attention");
  });

  audited("Expiry", async () => {
    await (await app.byRole("link", "Expiry")).click();
    await app.waitForTestId("expiry-timeline");
    await audit(app, "expiry");
  });

  audited("Policies: bulk editing and compliance", async () => {
    await (await app.byRole("link", "Policies")).click();
    await app.byRole("spinbutton", "Validity in months");
    await audit(app, "policies-bulk");
    await (await app.byRole("link", "Compliance")).click();
    await app.byRole("combobox", "Template");
    await audit(app, "policies-compliance");
  });

  audited("Settings with Accounts", async () => {
    await (await app.byRole("link", "Settings")).click();
    await app.byRole("heading", "Settings");
    await audit(app, "settings");
  });

  audited("the Add vault dialog", async () => {
    await (await app.byRole("button", "Add vault")).click();
    await app.waitForTestId("add-vault-dialog");
    await audit(app, "add-vault-dialog");
    await closeDialog(app);
  });

  audited("About", async () => {
    await (await app.byRole("button", "About CertDeck")).click();
    await app.waitForTestId("about-dialog");
    await app.waitForTestId("webview-version");
    await audit(app, "about-dialog");
    await closeDialog(app);
  });
});
