/**
 * Where focus goes back to when a dialog closes. The control that opened it, if it is still
 * there; else its twin, when React re-rendered it as a new element (same id, test id, label or
 * text); else the main view, so focus never falls to <body> and Tab starts from nowhere.
 */
export function focusReturnTarget(opener: Element): HTMLElement | null {
  if (opener instanceof HTMLElement && opener.isConnected && opener !== document.body) {
    return opener;
  }
  return twinOf(opener) ?? document.getElementById("main");
}

function twinOf(opener: Element): HTMLElement | null {
  if (!(opener instanceof HTMLElement) || opener === document.body) return null;
  if (opener.id) {
    const byId = document.getElementById(opener.id);
    if (byId) return byId;
  }
  const same = (candidate: HTMLElement) =>
    candidate.dataset.testid === opener.dataset.testid &&
    candidate.getAttribute("aria-label") === opener.getAttribute("aria-label") &&
    candidate.textContent === opener.textContent;
  const twins = [...document.querySelectorAll<HTMLElement>(opener.tagName)].filter(same);
  return twins.find((twin) => twin.getClientRects().length > 0) ?? twins[0] ?? null;
}
