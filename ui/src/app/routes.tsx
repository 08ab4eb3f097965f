import { createHashRouter, createMemoryRouter, type RouteObject } from "react-router";
import { AttentionPage } from "../features/attention/AttentionPage";
import { policiesRoute } from "../features/bulk/PoliciesLayout";
import { VaultPage, VaultTitle } from "../features/certificates/VaultPage";
import { ContactsPage } from "../features/contacts/ContactsPage";
import { DeletedPage } from "../features/deleted/DeletedPage";
import { ExpiryPage } from "../features/expiry/ExpiryPage";
import { IssuersPage } from "../features/issuers/IssuersPage";
import { PendingPage } from "../features/pending/PendingPage";
import { PolicyPage, PolicyTitle } from "../features/policy/PolicyPage";
import { SettingsPage } from "../features/settings/SettingsPage";
import { WelcomePage } from "../features/welcome/WelcomePage";
import { Landing } from "./Landing";
import { routeHandle } from "./routeHandle";
import { Shell } from "./Shell";

export const routes: RouteObject[] = [
  {
    element: <Shell />,
    children: [
      { index: true, element: <Landing />, handle: routeHandle("Welcome") },
      { path: "welcome", element: <WelcomePage />, handle: routeHandle("Welcome") },
      { path: "expiry", element: <ExpiryPage />, handle: routeHandle("Expiry") },
      { path: "attention", element: <AttentionPage />, handle: routeHandle("Needs attention") },
      policiesRoute,
      { path: "vaults/:id", element: <VaultPage />, handle: routeHandle(<VaultTitle />) },
      { path: "vaults/:id/pending", element: <PendingPage />, handle: routeHandle(<VaultTitle />) },
      { path: "vaults/:id/issuers", element: <IssuersPage />, handle: routeHandle(<VaultTitle />) },
      { path: "vaults/:id/deleted", element: <DeletedPage />, handle: routeHandle(<VaultTitle />) },
      {
        path: "vaults/:id/contacts",
        element: <ContactsPage />,
        handle: routeHandle(<VaultTitle />),
      },
      {
        path: "vaults/:id/policy/:name",
        element: <PolicyPage />,
        handle: routeHandle(<PolicyTitle />),
      },
      { path: "settings", element: <SettingsPage />, handle: routeHandle("Settings") },
    ],
  },
];

/** Hash routes: the app is served from files, where a reload must land on the same view. */
export function createAppRouter(initialPath?: string) {
  return initialPath
    ? createMemoryRouter(routes, { initialEntries: [initialPath] })
    : createHashRouter(routes);
}
