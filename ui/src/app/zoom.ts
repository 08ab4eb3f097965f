import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { useCallback, useEffect, useRef } from "react";
import { settingsQueries } from "../features/settings/queries";
import { backend } from "../ipc/backend";
import type { Settings } from "../ipc/bindings/Settings";

/** The zoom levels Ctrl+= and Ctrl+- step through, as browsers offer them. */
export const ZOOM_STEPS = [0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];

/** The next step above (`by` 1) or below (-1) `level`; the outermost steps stay put. */
export function stepZoom(level: number, by: 1 | -1): number {
  const next =
    by > 0
      ? ZOOM_STEPS.find((step) => step > level + 0.001)
      : ZOOM_STEPS.findLast((step) => step < level - 0.001);
  return next ?? level;
}

/**
 * The page zoom, kept in the settings file (the webview's own storage may not be written yet
 * when the app quits). The webview zooms itself, so the layout sees a smaller viewport, as with a
 * browser's zoom. A change shows at once and is saved behind it; a failed save is undone.
 */
export function useZoom(onError: (error: unknown) => void) {
  const queryClient = useQueryClient();
  const { queryKey } = settingsQueries.settings();
  const saved = useQuery(settingsQueries.settings()).data?.zoom_percent;
  const level = (saved ?? 100) / 100;
  // The webview starts at 100 %: only another level needs asking for.
  const applied = useRef(1);
  useEffect(() => {
    if (level === applied.current) return;
    applied.current = level;
    getCurrentWebview().setZoom(level).catch(onError);
  }, [level, onError]);

  // Reads the level at the key press, not at the last render: presses come faster than saves.
  const change = useCallback(
    (to: (current: number) => number) => {
      const settings = queryClient.getQueryData<Settings>(queryKey);
      if (!settings) return;
      const percent = Math.round(to((settings.zoom_percent ?? 100) / 100) * 100);
      queryClient.setQueryData<Settings>(queryKey, {
        ...settings,
        zoom_percent: percent === 100 ? null : percent,
      });
      backend.setZoom(percent).catch((error: unknown) => {
        queryClient.invalidateQueries({ queryKey });
        onError(error);
      });
    },
    [queryClient, queryKey, onError],
  );
  return {
    level,
    zoomIn: useCallback(() => change((current) => stepZoom(current, 1)), [change]),
    zoomOut: useCallback(() => change((current) => stepZoom(current, -1)), [change]),
    reset: useCallback(() => change(() => 1), [change]),
  };
}
