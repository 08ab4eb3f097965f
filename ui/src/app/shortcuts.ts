import { useEffect, useRef } from "react";

/**
 * Every keyboard shortcut, in one list: the handlers match keys from it and the shortcuts sheet
 * shows it, so the sheet cannot drift from what the keys do.
 */
export const shortcuts = [
  { id: "search", keys: ["Ctrl+F"], label: "Search the certificates", group: "Vault" },
  { id: "newCertificate", keys: ["Ctrl+N"], label: "New certificate", group: "Vault" },
  { id: "import", keys: ["Ctrl+O"], label: "Import certificate files", group: "Vault" },
  { id: "refresh", keys: ["F5", "Ctrl+R"], label: "Refresh the current view", group: "Vault" },
  {
    id: "nextVault",
    keys: ["Ctrl+PageDown", "Alt+ArrowDown"],
    label: "Next vault",
    group: "Move around",
  },
  {
    id: "previousVault",
    keys: ["Ctrl+PageUp", "Alt+ArrowUp"],
    label: "Previous vault",
    group: "Move around",
  },
  {
    id: "nextRegion",
    keys: ["F6"],
    label: "Next region: sidebar, table, details",
    group: "Move around",
  },
  { id: "previousRegion", keys: ["Shift+F6"], label: "Previous region", group: "Move around" },
  { id: "zoomIn", keys: ["Ctrl+=", "Ctrl++"], label: "Zoom in", group: "View" },
  { id: "zoomOut", keys: ["Ctrl+-"], label: "Zoom out", group: "View" },
  { id: "zoomReset", keys: ["Ctrl+0"], label: "Actual size", group: "View" },
  { id: "settings", keys: ["Ctrl+,"], label: "Settings", group: "Help and settings" },
  { id: "about", keys: ["F1"], label: "About CertDeck", group: "Help and settings" },
  { id: "shortcuts", keys: ["?"], label: "Keyboard shortcuts", group: "Help and settings" },
] as const satisfies readonly {
  id: string;
  keys: readonly string[];
  label: string;
  group: string;
}[];

export type ShortcutId = (typeof shortcuts)[number]["id"];

/** Shortcuts that work over an open dialog too; the rest act on the view behind it. */
const overDialogs: ReadonlySet<ShortcutId> = new Set(["zoomIn", "zoomOut", "zoomReset"]);

interface Chord {
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  key: string;
}

/** "Ctrl+Shift+F6" → its modifiers and key; the key is whatever follows them ("Ctrl++" is "+"). */
export function parseChord(text: string): Chord {
  const chord = { ctrl: false, shift: false, alt: false, key: text };
  for (;;) {
    const prefix = (["Ctrl", "Shift", "Alt"] as const).find((m) => chord.key.startsWith(`${m}+`));
    if (!prefix || chord.key.length === prefix.length + 1) return chord;
    chord[prefix.toLowerCase() as "ctrl" | "shift" | "alt"] = true;
    chord.key = chord.key.slice(prefix.length + 1);
  }
}

const arrows: Record<string, string> = {
  ArrowUp: "↑",
  ArrowDown: "↓",
  PageUp: "Page Up",
  PageDown: "Page Down",
};

/** A chord as the sheet shows it, one `<kbd>` per part: ["Alt", "↓"]. */
export function chordParts(text: string): string[] {
  const { ctrl, shift, alt, key } = parseChord(text);
  return [
    ...(ctrl ? ["Ctrl"] : []),
    ...(shift ? ["Shift"] : []),
    ...(alt ? ["Alt"] : []),
    arrows[key] ?? key,
  ];
}

const printable = (key: string) => key.length === 1 && key.toLowerCase() === key.toUpperCase();

function matches(chord: Chord, event: KeyboardEvent): boolean {
  if ((event.ctrlKey || event.metaKey) !== chord.ctrl || event.altKey !== chord.alt) return false;
  // "?" and "+" need Shift on most layouts: a symbol matches whatever Shift took to type it.
  if (!printable(chord.key) && event.shiftKey !== chord.shift) return false;
  return event.key.toLowerCase() === chord.key.toLowerCase();
}

/** Where a key typed is text: plain keys there stay text ("?" types a "?"). */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement &&
    !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(
      target.type,
    )
  );
}

/** Modifier chords and function keys are commands even in a text field; plain keys are text. */
const worksWhileTyping = (chord: Chord) => chord.ctrl || chord.alt || /^F\d+$/.test(chord.key);

/** The shortcut a key press means here, if any. */
export function shortcutFor(event: KeyboardEvent): ShortcutId | null {
  if (event.defaultPrevented || event.isComposing) return null;
  // Alt+↓ opens a <select>'s list: that is the field's, not the next vault.
  if (event.target instanceof HTMLSelectElement && event.key.startsWith("Arrow")) return null;
  const typing = isTextField(event.target);
  const inDialog = document.querySelector("dialog[open]") !== null;
  for (const shortcut of shortcuts) {
    if (inDialog && !overDialogs.has(shortcut.id)) continue;
    for (const keys of shortcut.keys) {
      const chord = parseChord(keys);
      if ((!typing || worksWhileTyping(chord)) && matches(chord, event)) return shortcut.id;
    }
  }
  return null;
}

/** The keys of a shortcut, for tooltips: "Ctrl+F". */
export const keysOf = (id: ShortcutId) =>
  shortcuts.find((s) => s.id === id)?.keys.join(" or ") ?? "";

/** Runs `action` when the shortcut `id` is pressed while this component is mounted. */
export function useShortcut(id: ShortcutId, action: () => void) {
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (shortcutFor(event) !== id) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [id]);
}
