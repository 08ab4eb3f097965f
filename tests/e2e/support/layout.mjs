// A check run in the page: what a user cannot read or reach at this zoom and text size.
// In the open modal dialog or sidebar overlay if there is one (the rest is inert), else in the
// whole window:
// - text clipped: an element whose own text runs past its box, or past a non-scrolling
//   ancestor's box, unless it ends in an ellipsis with the full text in a title or tooltip;
// - text spilling: a block's text running out of a box that does not clip it (onto neighbours);
// - controls overlapping: two visible buttons, links or fields whose visible parts intersect.
// Content inside a scrolling box counts as reachable: it can be scrolled to.

/** Returns a list of problems, each a sentence naming the element. */
export function layoutProblems() {
  const dialogs = [...document.querySelectorAll("dialog[open]")];
  // The narrow window's sidebar overlay, like a dialog, puts the rest out of reach (inert).
  const root =
    dialogs.at(-1) ?? document.querySelector("[data-sidebar=shown] .sidebar") ?? document.body;
  const problems = [];
  const describe = (el) => {
    const text = (el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 50);
    const cls =
      typeof el.className === "string" && el.className ? `.${el.className.split(" ")[0]}` : "";
    return `<${el.tagName.toLowerCase()}${cls}> "${text}"`;
  };
  const shown = (el) => {
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: false })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const clips = (value) => value === "hidden" || value === "clip";
  const scrolls = (value) => value === "auto" || value === "scroll";

  /** The part of `el` not cut off by clipping or scrolling ancestors (null when none is). */
  const visiblePart = (el) => {
    let { left, top, right, bottom } = el.getBoundingClientRect();
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === "visible" && s.overflowY === "visible") continue;
      const r = a.getBoundingClientRect();
      left = Math.max(left, r.left);
      top = Math.max(top, r.top);
      right = Math.min(right, r.right);
      bottom = Math.min(bottom, r.bottom);
    }
    left = Math.max(left, 0);
    top = Math.max(top, 0);
    right = Math.min(right, innerWidth);
    bottom = Math.min(bottom, innerHeight);
    return right - left > 1 && bottom - top > 1 ? { left, top, right, bottom } : null;
  };

  const hasOwnText = (el) =>
    [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
  // Cut short on purpose: an ellipsis (one line, or a line clamp) with the whole text at hand.
  const explained = (el) => {
    const s = getComputedStyle(el);
    const marked = s.textOverflow === "ellipsis" || (s.webkitLineClamp ?? "none") !== "none";
    return marked && el.closest("[title], [data-tooltip], [aria-label]") !== null;
  };

  for (const el of root.querySelectorAll("*")) {
    if (!hasOwnText(el) || !shown(el)) continue;
    const s = getComputedStyle(el);
    if (
      s.display.startsWith("inline") &&
      s.display !== "inline-block" &&
      s.display !== "inline-flex"
    )
      continue;
    if (el.closest(".visually-hidden")) continue;
    const overX = el.scrollWidth > el.clientWidth + 1;
    const overY = el.scrollHeight > el.clientHeight + 1;
    if ((overX && clips(s.overflowX)) || (overY && clips(s.overflowY))) {
      if (!explained(el)) problems.push(`text clipped in ${describe(el)}`);
      continue;
    }
    if ((overX && s.overflowX === "visible") || (overY && s.overflowY === "visible")) {
      problems.push(`text spills out of ${describe(el)}`);
      continue;
    }
    // Cut by an ancestor that hides overflow (a scrolling one can be scrolled instead).
    const r = el.getBoundingClientRect();
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const as = getComputedStyle(a);
      if (scrolls(as.overflowX) || scrolls(as.overflowY)) break;
      if (!clips(as.overflowX) && !clips(as.overflowY)) continue;
      const ar = a.getBoundingClientRect();
      const cut =
        (clips(as.overflowX) && (r.left < ar.left - 1 || r.right > ar.right + 1)) ||
        (clips(as.overflowY) && (r.top < ar.top - 1 || r.bottom > ar.bottom + 1));
      if (cut && !explained(el) && !explained(a)) {
        problems.push(`text of ${describe(el)} cut by ${describe(a)}`);
      }
      break;
    }
  }

  const controls = [
    ...root.querySelectorAll("button, a[href], input, select, textarea, [role=tab]"),
  ]
    .filter((el) => shown(el) && !(el instanceof HTMLInputElement && el.type === "hidden"))
    .map((el) => ({ el, part: visiblePart(el) }))
    .filter((c) => c.part !== null)
    // Under an overlay (the narrow window's sidebar) a control is covered, not overlapping:
    // only controls on top at their own centre take part.
    .filter(({ el, part }) => {
      const hit = document.elementFromPoint(
        (part.left + part.right) / 2,
        (part.top + part.bottom) / 2,
      );
      return hit !== null && (el === hit || el.contains(hit) || hit.contains(el));
    });
  for (let i = 0; i < controls.length; i++) {
    for (let j = i + 1; j < controls.length; j++) {
      const a = controls[i];
      const b = controls[j];
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      // A label wrapping its input (a checkbox row) is one control.
      if (a.el.closest("label") && a.el.closest("label") === b.el.closest("label")) continue;
      const w = Math.min(a.part.right, b.part.right) - Math.max(a.part.left, b.part.left);
      const h = Math.min(a.part.bottom, b.part.bottom) - Math.max(a.part.top, b.part.top);
      if (w > 1 && h > 1) problems.push(`${describe(a.el)} overlaps ${describe(b.el)}`);
    }
  }
  return [...new Set(problems)];
}
