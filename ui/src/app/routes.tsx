import { createHashRouter, createMemoryRouter, type RouteObject } from "react-router";
import { SettingsPage } from "../features/settings/SettingsPage";
import { WelcomePage } from "../features/welcome/WelcomePage";
import { Shell } from "./Shell";

export const routes: RouteObject[] = [
  {
    element: <Shell />,
    children: [
      { index: true, element: <WelcomePage />, handle: { title: "Welcome" } },
      { path: "settings", element: <SettingsPage />, handle: { title: "Settings" } },
    ],
  },
];

/** Hash routes: the app is served from files, where a reload must land on the same view. */
export function createAppRouter(initialPath?: string) {
  return initialPath
    ? createMemoryRouter(routes, { initialEntries: [initialPath] })
    : createHashRouter(routes);
}
