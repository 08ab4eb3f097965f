/**
 * F6 / Shift+F6 move focus between the window's regions (sidebar → main view → details pane),
 * as GTK apps and browsers do. A region is an element with `data-region`; regions nest (the
 * details pane sits inside the main view), so focus belongs to the innermost one holding it.
 */

const TABBABLE =
  "a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex='-1'])";

// Not display:none (the narrow window's hidden sidebar), nor inside such an element.
const visible = (element: Element) => element.checkVisibility?.() ?? true;

/** Where focus lands in a region: its table, its current item, or its first control. */
function entryOf(region: HTMLElement): HTMLElement {
  const preferred = [
    "[role='grid']",
    "[aria-current='page']",
    "[data-region-entry]",
    TABBABLE,
  ].flatMap((selector) => [...region.querySelectorAll<HTMLElement>(selector)]);
  return preferred.find(visible) ?? region;
}

/** Moves focus to the next region (`by` 1) or the previous one (-1), wrapping around. */
export function cycleRegion(by: 1 | -1) {
  const regions = [...document.querySelectorAll<HTMLElement>("[data-region]")].filter(visible);
  if (regions.length === 0) return;
  const active = document.activeElement;
  const current = regions.findLastIndex((region) => region.contains(active));
  const next =
    current < 0
      ? by > 0
        ? 0
        : regions.length - 1
      : (current + by + regions.length) % regions.length;
  const region = regions[next];
  if (!region) return;
  const entry = entryOf(region);
  // A region with nothing focusable (an empty view) takes focus itself, so F6 still shows where.
  if (entry === region && !region.hasAttribute("tabindex")) region.tabIndex = -1;
  entry.focus();
}
