import { useEffect, useState } from "react";
import { Outlet, useMatches, useNavigate } from "react-router";
import { TooltipLayer } from "../components/Tooltip";
import { AboutDialog } from "../features/about/AboutDialog";
import { ImportProvider } from "../features/import/ImportProvider";
import { Sidebar } from "../features/vaults/Sidebar";
import { Header } from "./Header";
import type { RouteHandle } from "./routeHandle";

/** The frame around every view: sidebar, header, the routed main area, and import by drop. */
export function Shell() {
  const [aboutOpen, setAboutOpen] = useState(false);
  const navigate = useNavigate();
  const matches = useMatches();
  const title = (matches.at(-1)?.handle as RouteHandle | undefined)?.title ?? "CertDeck";

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key === ",") {
        event.preventDefault();
        navigate("/settings");
      } else if (event.key === "F1") {
        event.preventDefault();
        setAboutOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navigate]);

  return (
    <ImportProvider>
      <div className="shell" data-testid="app-shell">
        <Sidebar />
        <div className="main-column">
          <Header title={title} onAbout={() => setAboutOpen(true)} />
          <main className="main" id="main" tabIndex={-1}>
            <Outlet />
          </main>
        </div>
        <AboutDialog open={aboutOpen} onClose={() => setAboutOpen(false)} />
        <TooltipLayer />
      </div>
    </ImportProvider>
  );
}
