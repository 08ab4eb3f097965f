import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { Outlet, useLocation, useMatches, useNavigate } from "react-router";
import { useToast } from "../components/Toasts";
import { TooltipLayer } from "../components/Tooltip";
import { AboutDialog } from "../features/about/AboutDialog";
import { ImportProvider } from "../features/import/ImportProvider";
import { Sidebar } from "../features/vaults/Sidebar";
import { useVaults } from "../features/vaults/useVaults";
import { toAppError } from "../ipc/errors";
import { Header } from "./Header";
import { NARROW_WINDOW } from "./narrow";
import { cycleRegion } from "./regions";
import type { RouteHandle } from "./routeHandle";
import { ShortcutsSheet } from "./ShortcutsSheet";
import { useShortcut } from "./shortcuts";
import { useZoom } from "./zoom";

/** The frame around every view: sidebar, header, the routed main area, and import by drop. */
export function Shell() {
  const [aboutOpen, setAboutOpen] = useState(false);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [sidebarShown, setSidebarShown] = useState(false);
  const sidebarToggle = useRef<HTMLButtonElement>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const matches = useMatches();
  const queryClient = useQueryClient();
  const toast = useToast();
  const vaults = useVaults().data;
  const title = (matches.at(-1)?.handle as RouteHandle | undefined)?.title ?? "CertDeck";
  const vaultId = Number(matches.at(-1)?.params.id ?? Number.NaN);
  const zoom = useZoom(useCallback((error: unknown) => toast.error(toAppError(error)), [toast]));

  // On a narrow window the sidebar is an overlay: a choice in it (a new view) puts it away, and
  // so does a window grown wide enough to show it as a column again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each navigation
  useEffect(() => setSidebarShown(false), [location.pathname]);
  useEffect(() => {
    const narrow = window.matchMedia?.(NARROW_WINDOW);
    const onChange = () => !narrow?.matches && setSidebarShown(false);
    narrow?.addEventListener("change", onChange);
    return () => narrow?.removeEventListener("change", onChange);
  }, []);

  // Esc puts the overlaid sidebar away, focus back on its button (a dialog's Esc is the dialog's).
  useEffect(() => {
    if (!sidebarShown) return;
    // Focus goes along into the sidebar: the button that opened it is now out of reach.
    const sidebar = document.getElementById("sidebar");
    (
      sidebar?.querySelector<HTMLElement>("[aria-current=page]") ??
      sidebar?.querySelector<HTMLElement>("a[href]")
    )?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || document.querySelector("dialog[open]")) return;
      setSidebarShown(false);
    };
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
      // Put away: focus left in the hidden sidebar (or dropped) goes back to the button.
      requestAnimationFrame(() => {
        const active = document.activeElement;
        if (active === document.body || document.getElementById("sidebar")?.contains(active)) {
          sidebarToggle.current?.focus();
        }
      });
    };
  }, [sidebarShown]);

  const gotoVault = (by: 1 | -1) => {
    if (!vaults?.length) return;
    const index = vaults.findIndex((vault) => vault.id === vaultId);
    const next = index < 0 ? (by > 0 ? 0 : vaults.length - 1) : index + by;
    const vault = vaults[(next + vaults.length) % vaults.length];
    if (vault) navigate(`/vaults/${vault.id}`);
  };

  useShortcut("settings", () => navigate("/settings"));
  useShortcut("about", () => setAboutOpen(true));
  useShortcut("shortcuts", () => setSheetOpen(true));
  useShortcut("refresh", () => queryClient.refetchQueries({ type: "active" }));
  useShortcut("nextVault", () => gotoVault(1));
  useShortcut("previousVault", () => gotoVault(-1));
  useShortcut("nextRegion", () => cycleRegion(1));
  useShortcut("previousRegion", () => cycleRegion(-1));
  useShortcut("zoomIn", zoom.zoomIn);
  useShortcut("zoomOut", zoom.zoomOut);
  useShortcut("zoomReset", zoom.reset);

  return (
    <ImportProvider>
      <div
        className="shell"
        data-testid="app-shell"
        data-sidebar={sidebarShown ? "shown" : undefined}
      >
        <Sidebar />
        {/* While the sidebar lies over the view, the view is out of reach, as behind a dialog. */}
        <div className="main-column" inert={sidebarShown}>
          <Header
            title={title}
            onAbout={() => setAboutOpen(true)}
            onShortcuts={() => setSheetOpen(true)}
            sidebar={{
              ref: sidebarToggle,
              shown: sidebarShown,
              toggle: () => setSidebarShown((shown) => !shown),
            }}
          />
          <main className="main" id="main" tabIndex={-1} data-region="main">
            <Outlet />
          </main>
        </div>
        {sidebarShown && (
          <button
            type="button"
            className="sidebar-backdrop"
            aria-label="Close the sidebar"
            tabIndex={-1}
            onClick={() => setSidebarShown(false)}
          />
        )}
        <AboutDialog open={aboutOpen} onClose={() => setAboutOpen(false)} />
        <ShortcutsSheet open={sheetOpen} onClose={() => setSheetOpen(false)} />
        <TooltipLayer />
      </div>
    </ImportProvider>
  );
}
