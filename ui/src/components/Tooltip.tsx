import { getCurrentWebview } from "@tauri-apps/api/webview";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import "./tooltip.css";

/** How long the pointer rests on a control before its tooltip shows. */
export const TOOLTIP_DELAY_MS = 500;
/** Space between the control and its tooltip, and kept to the window's edges. */
const GAP = 6;
const EDGE = 4;

/** The control with a tooltip at or around `target`, if any. */
function anchorOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>("[data-tooltip]") : null;
}

/**
 * Draws the tooltip of any element with `data-tooltip`, next to that element. A native `title`
 * is drawn by GTK where the pointer happens to be when it asks, which after a drag can be far
 * from the control; this one is placed by the control's box, and goes on a click, a key, a
 * scroll, a drag, or when the pointer leaves the control or the window. Mounted once, in the
 * shell.
 */
export function TooltipLayer() {
  const [shown, setShown] = useState<{ anchor: HTMLElement; text: string } | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let timer: number | undefined;
    let anchor: HTMLElement | null = null;
    const hide = () => {
      window.clearTimeout(timer);
      anchor = null;
      setShown(null);
    };
    const showSoon = (element: HTMLElement, delay: number) => {
      window.clearTimeout(timer);
      setShown(null);
      anchor = element;
      timer = window.setTimeout(() => {
        const text = element.dataset.tooltip;
        if (element.isConnected && text) setShown({ anchor: element, text });
      }, delay);
    };
    const onOver = (event: PointerEvent) => {
      const element = anchorOf(event.target);
      if (element === anchor) return;
      if (element) showSoon(element, TOOLTIP_DELAY_MS);
      else hide();
    };
    const onOut = (event: PointerEvent) => {
      // Leaving the window: nothing is under the pointer any more.
      if (event.relatedTarget === null) hide();
    };
    const onFocus = (event: FocusEvent) => {
      const element = anchorOf(event.target);
      if (element?.matches(":focus-visible")) showSoon(element, 0);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") hide();
    };
    const listeners: [EventTarget, string, EventListener][] = [
      [document, "pointerover", onOver as EventListener],
      [document, "pointerout", onOut as EventListener],
      [document, "pointerdown", hide],
      [document, "focusin", onFocus as EventListener],
      [document, "focusout", hide],
      [document, "keydown", onKey as EventListener],
      [document, "scroll", hide],
      [document, "wheel", hide],
      [document, "dragstart", hide],
      [document, "dragenter", hide],
      [window, "blur", hide],
      [window, "resize", hide],
    ];
    for (const [target, type, listener] of listeners) {
      target.addEventListener(type, listener, { capture: true, passive: true });
    }
    // A native drag of files reaches the page only as the webview's own events.
    let stopDragEvents: (() => void) | undefined;
    let unmounted = false;
    try {
      getCurrentWebview()
        .onDragDropEvent(hide)
        .then(
          (unlisten) => {
            if (unmounted) unlisten();
            else stopDragEvents = unlisten;
          },
          () => {},
        );
    } catch {
      // Outside Tauri (unit tests without window mocks) there is no native drag to watch.
    }
    return () => {
      unmounted = true;
      window.clearTimeout(timer);
      stopDragEvents?.();
      for (const [target, type, listener] of listeners) {
        target.removeEventListener(type, listener, { capture: true });
      }
    };
  }, []);

  // Placed before paint: centred under the control, above it when there is no room below.
  useLayoutEffect(() => {
    const tip = box.current;
    if (!shown || !tip) return;
    // The top layer puts it above an open modal dialog too (jsdom has no popovers).
    tip.showPopover?.();
    const rect = shown.anchor.getBoundingClientRect();
    const { width, height } = tip.getBoundingClientRect();
    const maxLeft = window.innerWidth - width - EDGE;
    const left = Math.max(EDGE, Math.min(maxLeft, rect.left + rect.width / 2 - width / 2));
    const below = rect.bottom + GAP;
    const top = below + height <= window.innerHeight - EDGE ? below : rect.top - GAP - height;
    tip.style.left = `${Math.round(left)}px`;
    tip.style.top = `${Math.round(Math.max(EDGE, top))}px`;
  }, [shown]);

  if (!shown) return null;
  return (
    <div ref={box} className="tooltip" role="tooltip" popover="manual" data-testid="tooltip">
      {shown.text}
    </div>
  );
}
