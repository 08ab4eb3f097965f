import type { ReactNode } from "react";
import { createHashRouter, createMemoryRouter, type RouteObject } from "react-router";
import { VaultPage, VaultTitle } from "../features/certificates/VaultPage";
import { ExpiryPage } from "../features/expiry/ExpiryPage";
import { SettingsPage } from "../features/settings/SettingsPage";
import { WelcomePage } from "../features/welcome/WelcomePage";
import { Landing } from "./Landing";
import { Shell } from "./Shell";

/** What a route puts in the header. */
export interface RouteHandle {
  title: ReactNode;
}

const handle = (title: ReactNode): RouteHandle => ({ title });

export const routes: RouteObject[] = [
  {
    element: <Shell />,
    children: [
      { index: true, element: <Landing />, handle: handle("Welcome") },
      { path: "welcome", element: <WelcomePage />, handle: handle("Welcome") },
      { path: "expiry", element: <ExpiryPage />, handle: handle("Expiry") },
      { path: "vaults/:id", element: <VaultPage />, handle: handle(<VaultTitle />) },
      { path: "settings", element: <SettingsPage />, handle: handle("Settings") },
    ],
  },
];

/** Hash routes: the app is served from files, where a reload must land on the same view. */
export function createAppRouter(initialPath?: string) {
  return initialPath
    ? createMemoryRouter(routes, { initialEntries: [initialPath] })
    : createHashRouter(routes);
}
