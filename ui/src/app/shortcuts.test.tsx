import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Settings } from "../ipc/bindings/Settings";
import {
  azureVault,
  callsOf,
  cert,
  detailsOf,
  listing,
  localVault,
  mockBackend,
} from "../test/backend";
import { App } from "./App";
import { chordParts, parseChord, shortcuts } from "./shortcuts";
import { stepZoom } from "./zoom";

// The webview's zoom is the runtime's; the rest of the webview API stays the mocked real one.
const setZoom = vi.hoisted(() => vi.fn((_level: number) => Promise.resolve()));
vi.mock("@tauri-apps/api/webview", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@tauri-apps/api/webview")>();
  return {
    ...actual,
    getCurrentWebview: () => Object.assign(actual.getCurrentWebview(), { setZoom }),
  };
});

const vaults = () => [localVault(1, "Local vault"), azureVault(2, "prod-kv")];

function vaultApp(settings?: Settings) {
  const calls = mockBackend({
    ...(settings && { get_settings: () => settings }),
    list_vaults: vaults,
    list_certificates: listing([cert("alpha"), cert("bravo")]),
    get_certificate: ({ name }) => detailsOf(cert(name)),
    list_versions: ({ name }) => [cert(name, { version: "v1" })],
    pick_files: () => [],
  });
  render(<App initialPath="/vaults/1" />);
  return calls;
}

const heading = (name: string) => screen.findByRole("heading", { level: 1, name });

beforeEach(() => {
  setZoom.mockClear();
});

describe("the shortcut list", () => {
  it("reads chords with their modifiers, a + key included", () => {
    expect(parseChord("Ctrl+Shift+F6")).toEqual({ ctrl: true, shift: true, alt: false, key: "F6" });
    expect(parseChord("Ctrl++")).toEqual({ ctrl: true, shift: false, alt: false, key: "+" });
    expect(parseChord("?")).toEqual({ ctrl: false, shift: false, alt: false, key: "?" });
    expect(chordParts("Alt+ArrowDown")).toEqual(["Alt", "↓"]);
  });

  it("gives every shortcut a distinct id and key", () => {
    const keys = shortcuts.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(shortcuts.map((s) => s.id)).size).toBe(shortcuts.length);
  });

  it("steps the zoom like a browser and stops at the ends", () => {
    expect(stepZoom(1, 1)).toBe(1.1);
    expect(stepZoom(1.75, 1)).toBe(2);
    expect(stepZoom(1, -1)).toBe(0.9);
    expect(stepZoom(3, 1)).toBe(3);
    expect(stepZoom(0.5, -1)).toBe(0.5);
  });
});

describe("shortcuts", () => {
  it("Ctrl+F focuses the search box", async () => {
    vaultApp();
    await screen.findAllByTestId("cert-row");
    await userEvent.keyboard("{Control>}f{/Control}");
    expect(screen.getByRole("searchbox", { name: "Search certificates" })).toHaveFocus();
  });

  it("Ctrl+N opens the create dialog, even from the search box", async () => {
    vaultApp();
    await screen.findAllByTestId("cert-row");
    await userEvent.click(screen.getByRole("searchbox", { name: "Search certificates" }));
    await userEvent.keyboard("{Control>}n{/Control}");
    expect(await screen.findByTestId("create-dialog")).toHaveAttribute("open");
  });

  it("Ctrl+O opens the file picker for an import into this vault", async () => {
    const calls = vaultApp();
    await screen.findAllByTestId("cert-row");
    await userEvent.keyboard("{Control>}o{/Control}");
    await waitFor(() => expect(callsOf(calls, "pick_files")).toHaveLength(1));
  });

  it("F5 and Ctrl+R list the vault again", async () => {
    const calls = vaultApp();
    await screen.findAllByTestId("cert-row");
    expect(callsOf(calls, "list_certificates")).toHaveLength(1);
    await userEvent.keyboard("{F5}");
    await waitFor(() => expect(callsOf(calls, "list_certificates")).toHaveLength(2));
    await userEvent.keyboard("{Control>}r{/Control}");
    await waitFor(() => expect(callsOf(calls, "list_certificates")).toHaveLength(3));
  });

  it("Ctrl+PageDown and Alt+↑ move to the next and previous vault, wrapping", async () => {
    vaultApp();
    await heading("Local vault");
    await userEvent.keyboard("{Control>}{PageDown}{/Control}");
    await heading("prod-kv");
    await userEvent.keyboard("{Control>}{PageDown}{/Control}");
    await heading("Local vault");
    await userEvent.keyboard("{Alt>}{ArrowUp}{/Alt}");
    await heading("prod-kv");
    await userEvent.keyboard("{Alt>}{ArrowDown}{/Alt}");
    await heading("Local vault");
  });

  it("F1 opens About and ? the shortcuts sheet, which lists every shortcut", async () => {
    vaultApp();
    await heading("Local vault");
    await userEvent.keyboard("{F1}");
    const about = await screen.findByTestId("about-dialog");
    expect(about).toHaveAttribute("open");
    // showModal() focuses the dialog's first control; jsdom's stand-in does not.
    within(about).getByRole("button", { name: "Close" }).focus();
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(screen.getByTestId("about-dialog")).not.toHaveAttribute("open"));
    await userEvent.keyboard("?");
    const sheet = screen.getByTestId("shortcuts-sheet");
    expect(sheet).toHaveAttribute("open");
    for (const shortcut of shortcuts) {
      const row = sheet.querySelector(`[data-shortcut="${shortcut.id}"]`);
      expect(row?.querySelector("dt")).toHaveTextContent(shortcut.label);
    }
    expect(sheet.querySelector(`[data-shortcut="zoomIn"] dd`)).toHaveTextContent(
      "Ctrl+= or Ctrl++",
    );
  });

  it("leaves Alt+↓ in a drop-down list to the list", async () => {
    mockBackend({ list_vaults: vaults, list_certificates: listing([]) });
    render(<App initialPath="/settings" />);
    await heading("Settings");
    const cloud = await screen.findByRole("combobox", { name: "Cloud" });
    cloud.focus();
    await userEvent.keyboard("{Alt>}{ArrowDown}{/Alt}");
    expect(screen.getByRole("heading", { level: 1, name: "Settings" })).toBeInTheDocument();
    expect(cloud).toHaveFocus();
  });

  it("? typed in a text field is text, not the sheet", async () => {
    vaultApp();
    const search = await screen.findByRole("searchbox", { name: "Search certificates" });
    await userEvent.type(search, "a?");
    expect(search).toHaveValue("a?");
    expect(screen.getByTestId("shortcuts-sheet")).not.toHaveAttribute("open");
  });

  it("leaves the view behind an open dialog alone", async () => {
    vaultApp();
    await heading("Local vault");
    await userEvent.keyboard("{F1}");
    await userEvent.keyboard("{Control>}{PageDown}{/Control}");
    await userEvent.keyboard("?");
    expect(screen.getByRole("heading", { level: 1, name: "Local vault" })).toBeInTheDocument();
    expect(screen.getByTestId("shortcuts-sheet")).not.toHaveAttribute("open");
  });

  it("Ctrl+= and Ctrl+- zoom the page in steps, Ctrl+0 resets, and each level is saved", async () => {
    const calls = vaultApp();
    await heading("Local vault");
    expect(setZoom).not.toHaveBeenCalled();
    await userEvent.keyboard("{Control>}={/Control}{Control>}={/Control}");
    await waitFor(() => expect(setZoom).toHaveBeenLastCalledWith(1.25));
    await userEvent.keyboard("{Control>}-{/Control}");
    await waitFor(() => expect(setZoom).toHaveBeenLastCalledWith(1.1));
    await userEvent.keyboard("{Control>}0{/Control}");
    await waitFor(() => expect(setZoom).toHaveBeenLastCalledWith(1));
    const saved = callsOf(calls, "set_zoom").map((args) => args.percent);
    expect(saved).toEqual([110, 125, 110, 100]);
  });

  it("zooms to the level kept in the settings at start", async () => {
    vaultApp({ theme: "system", zoom_percent: 200 });
    await heading("Local vault");
    await waitFor(() => expect(setZoom).toHaveBeenCalledWith(2));
  });

  it("F6 and Shift+F6 cycle focus through sidebar, table and details", async () => {
    vaultApp();
    await screen.findAllByTestId("cert-row");
    await userEvent.keyboard("{F6}");
    expect(screen.getByRole("link", { name: "Local vault" })).toHaveFocus();
    await userEvent.keyboard("{F6}");
    expect(screen.getByTestId("cert-table")).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}{Enter}");
    const pane = await screen.findByTestId("details-pane");
    await userEvent.keyboard("{F6}");
    expect(pane).toContainElement(document.activeElement as HTMLElement);
    await userEvent.keyboard("{F6}");
    expect(screen.getByRole("link", { name: "Local vault" })).toHaveFocus();
    await userEvent.keyboard("{Shift>}{F6}{/Shift}");
    expect(pane).toContainElement(document.activeElement as HTMLElement);
    // Esc closes the pane and hands focus back to the table.
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByTestId("details-pane")).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getByTestId("cert-table")).toHaveFocus());
  });
});
