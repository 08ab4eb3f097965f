import { getCurrentWebview } from "@tauri-apps/api/webview";
import { useCallback, useEffect, useRef, useState } from "react";

/** The zoom levels Ctrl+= and Ctrl+- step through, as browsers offer them. */
export const ZOOM_STEPS = [0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];
const KEY = "certdeck.zoom";

/** The next step above (`by` 1) or below (-1) `level`; the outermost steps stay put. */
export function stepZoom(level: number, by: 1 | -1): number {
  const next =
    by > 0
      ? ZOOM_STEPS.find((step) => step > level + 0.001)
      : ZOOM_STEPS.findLast((step) => step < level - 0.001);
  return next ?? level;
}

function savedZoom(): number {
  const saved = Number(localStorage.getItem(KEY));
  return ZOOM_STEPS.includes(saved) ? saved : 1;
}

/**
 * The page zoom, kept across starts (in the webview's own storage, beside the window state). The
 * webview zooms itself, so the layout sees a smaller viewport, as with a browser's zoom.
 */
export function useZoom(onError: (error: unknown) => void) {
  const [level, setLevel] = useState(savedZoom);
  // The webview starts at 100 %: only another level needs asking for.
  const applied = useRef(1);
  useEffect(() => {
    if (level === applied.current) return;
    applied.current = level;
    getCurrentWebview()
      .setZoom(level)
      .then(() => {
        if (level === 1) localStorage.removeItem(KEY);
        else localStorage.setItem(KEY, String(level));
      }, onError);
  }, [level, onError]);
  return {
    level,
    zoomIn: useCallback(() => setLevel((current) => stepZoom(current, 1)), []),
    zoomOut: useCallback(() => setLevel((current) => stepZoom(current, -1)), []),
    reset: useCallback(() => setLevel(1), []),
  };
}
