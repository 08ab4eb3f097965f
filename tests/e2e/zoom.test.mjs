// Every view and dialog at a 1366×768 screen, at 200 % page zoom (Ctrl+= five times; the
// viewport is then ~640×348 CSS px) and at GTK text scale 1.5 (GDK_DPI_SCALE, which WebKitGTK
// honours by scaling the page): no text cut off or spilling, no two controls overlapping
// (support/layout.mjs). The second run also turns GTK's animations off
// (gtk-enable-animations=false in a settings.ini), which WebKitGTK reports as
// prefers-reduced-motion: dialogs and the import panel then open without motion.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Key } from "selenium-webdriver";
import { dragAndDrop, freshDirs, launchApp } from "./harness.mjs";
import { makePfxFiles } from "./support/certs.mjs";
import { chord, invoke, noDialog, press } from "./support/keys.mjs";
import { layoutProblems } from "./support/layout.mjs";
import { fixtureDir } from "./support/run.mjs";

const SCREEN = "1366x768";
const LONG_NAME = "contoso-production-certificates-westeurope-shared-services-001";

/** A GTK config dir whose settings.ini turns animations off. */
function gtkWithoutAnimations() {
  const home = mkdtempSync(join(tmpdir(), "certdeck-gtk-"));
  mkdirSync(join(home, "gtk-3.0"));
  writeFileSync(join(home, "gtk-3.0", "settings.ini"), "[Settings]\ngtk-enable-animations=false\n");
  return home;
}

const go = (app, path) => app.run((to) => (location.hash = `#${to}`), path);
/**
 * Checks the view as it shows, then, when `scroller` (a selector) scrolls, each further screenful
 * down to its end: what is below the fold must read as well as what is above it.
 */
async function assertLaidOut(app, step, scroller) {
  // Let queries settle and fonts lay out.
  await new Promise((r) => setTimeout(r, 400));
  for (let page = 0; page < 16; page++) {
    const name = page === 0 ? step : `${step}-${page + 1}`;
    await app.screenshot(name);
    const problems = await app.run(layoutProblems);
    assert.deepEqual(problems, [], `${name}: ${problems.join("\n")}`);
    const moved = scroller
      ? await app.run((selector) => {
          const box = document.querySelector(selector);
          const before = box.scrollTop;
          box.scrollTop += box.clientHeight * 0.9;
          return box.scrollTop > before;
        }, scroller)
      : false;
    if (!moved) return;
  }
}

const runs = [
  {
    name: "zoom",
    env: {},
    async scale(app) {
      for (let i = 0; i < 5; i++) await chord(app, Key.CONTROL, "=");
      await app.waitFor(async () => (await app.run(() => innerWidth)) < 700, "200 % zoom");
    },
  },
  {
    name: "text-scale",
    env: { GDK_DPI_SCALE: "1.5", XDG_CONFIG_HOME: gtkWithoutAnimations() },
    async scale(app) {
      // WebKitGTK scales the whole page by the text scale: 1280 px of window, ~853 CSS px.
      assert.ok((await app.run(() => innerWidth)) < 900, "the text scale reaches the page");
    },
  },
];

for (const run of runs) {
  describe(`layout at ${run.name === "zoom" ? "200 % zoom" : "text scale 1.5"}`, () => {
    let app;
    let vault;
    let files;
    const dirs = freshDirs(run.name);

    before(async () => {
      app = await launchApp({ suite: run.name, dirs, env: run.env, screen: SCREEN });
      const [local] = await invoke(app, "list_vaults", null);
      vault = local.id;
      await invoke(app, "add_samples", { vault });
      await invoke(app, "add_local_vault", { name: LONG_NAME });
      files = makePfxFiles(fixtureDir(run.name), "zoomed", 2);
      await run.scale(app);
      await go(app, `/vaults/${vault}`);
      await press(app, Key.F5);
      await app.waitFor(
        async () => (await app.run(() => document.querySelectorAll("[role=row]").length)) === 6,
        "the five samples",
      );
    });
    after(async () => {
      await app?.close();
    });

    it("the vault table", async () => {
      await assertLaidOut(app, "vault-table");
    });

    it("the sidebar: a long vault name wraps, no sideways scrolling", async () => {
      const narrow = await app.run(() => innerWidth <= 820);
      if (narrow) {
        await (await app.byRole("button", "Vaults and views")).click();
      }
      await app.byRole("link", LONG_NAME);
      const sidebar = await app.run((name) => {
        const section = document.querySelector(".sidebar-section");
        const label = [...document.querySelectorAll(".vault-name")].find(
          (el) => el.textContent === name,
        );
        return {
          sideways: getComputedStyle(section).overflowX,
          lines:
            label.getBoundingClientRect().height / parseFloat(getComputedStyle(label).lineHeight),
        };
      }, LONG_NAME);
      assert.equal(sidebar.sideways, "hidden", "no sideways scrollbar in the sidebar");
      assert.ok(sidebar.lines >= 2, `the long name wraps (${sidebar.lines} lines)`);
      await assertLaidOut(app, "sidebar");
      if (narrow) {
        await press(app, Key.ESCAPE);
        await app.waitFor(
          async () =>
            (await app.run(() => document.querySelector(".sidebar").checkVisibility())) === false,
          "the sidebar overlay closed",
        );
        // Focus is back on the header's button, showing its tooltip: Esc puts that away too.
        await press(app, Key.ESCAPE);
      }
    });

    it("the details pane", async () => {
      await go(app, `/vaults/${vault}?cert=sample-expiring`);
      await app.waitForTestId("details-pane");
      await app.waitFor(
        async () => (await app.run(() => document.querySelector(".details [aria-busy]"))) === null,
        "the details loaded",
      );
      if (await app.run(() => innerWidth <= 820)) {
        // The pane took the table's place, a window tall, and was scrolled into view.
        const top = await app.run(
          () => document.querySelector(".details").getBoundingClientRect().top,
        );
        assert.ok(top < 120, `the details start at ${top}px, below the fold`);
      }
      await assertLaidOut(app, "details", ".details-scroll");
    });

    it("the create dialog", async () => {
      await go(app, `/vaults/${vault}`);
      await app.waitForTestId("cert-table");
      await chord(app, Key.CONTROL, "n");
      await app.waitForTestId("create-dialog");
      await assertLaidOut(app, "create-dialog", ".create-body");
      await press(app, Key.ESCAPE);
      await noDialog(app);
    });

    it("the policy editor", async () => {
      await go(app, `/vaults/${vault}/policy/sample-healthy`);
      await app.waitForTestId("policy-page");
      await assertLaidOut(app, "policy-editor", "main");
    });

    it("Needs attention", async () => {
      await go(app, "/attention");
      await app.byRole("heading", "Needs attention");
      await new Promise((r) => setTimeout(r, 1500));
      await assertLaidOut(app, "attention", "main");
    });

    it("Expiry", async () => {
      await go(app, "/expiry");
      await app.byRole("heading", "Expiry");
      await new Promise((r) => setTimeout(r, 1000));
      await assertLaidOut(app, "expiry", "main");
    });

    it("Settings, with Accounts", async () => {
      await go(app, "/settings");
      await app.byRole("heading", "Settings");
      await assertLaidOut(app, "settings", "main");
    });

    it("About", async () => {
      await press(app, Key.F1);
      await app.waitForTestId("about-versions");
      await assertLaidOut(app, "about");
      await press(app, Key.ESCAPE);
      await noDialog(app);
    });

    it("the shortcuts sheet", async () => {
      await press(app, "?");
      await app.waitForTestId("shortcuts-sheet");
      await assertLaidOut(app, "shortcuts-sheet");
      await press(app, Key.ESCAPE);
      await noDialog(app);
    });

    it("the import panel", async () => {
      await go(app, `/vaults/${vault}`);
      await app.waitForTestId("cert-table");
      await dragAndDrop(app, files);
      await app.waitForTestId("import-panel");
      await new Promise((r) => setTimeout(r, 1500));
      await assertLaidOut(app, "import-panel", ".import-list");
    });

    if (run.name === "text-scale") {
      it("honours reduced motion: the import panel and dialogs open without motion", async () => {
        assert.equal(
          await app.run(() => matchMedia("(prefers-reduced-motion: reduce)").matches),
          true,
        );
        const panel = await app.run(() => {
          const s = getComputedStyle(document.querySelector("dialog[open]"));
          return [s.animationName, s.transitionDuration];
        });
        assert.deepEqual(panel, ["none", "0s"]);
      });
    } else {
      it("animates by default (reduced motion is GTK's setting, not ours)", async () => {
        assert.equal(
          await app.run(() => matchMedia("(prefers-reduced-motion: reduce)").matches),
          false,
        );
        const animation = await app.run(
          () => getComputedStyle(document.querySelector("dialog[open]")).animationName,
        );
        assert.equal(animation, "sheet-in");
      });

      it("keeps the zoom across a restart", async () => {
        await app.close();
        app = await launchApp({ suite: run.name, dirs, env: run.env, screen: SCREEN });
        const width = () => app.run(() => innerWidth);
        await app
          .waitFor(async () => (await width()) < 700, "200 % again")
          .catch(async (err) => assert.fail(`${err.message}: width ${await width()}`));
        const settings = JSON.parse(readFileSync(join(dirs.config, "settings.json"), "utf8"));
        assert.equal(settings.zoom_percent, 200, "kept in the settings file");
        await chord(app, Key.CONTROL, "0");
        await app.waitFor(async () => (await app.run(() => innerWidth)) > 1200, "100 % again");
      });
    }
  });
}
