import { NavLink, Outlet, type RouteObject } from "react-router";
import { routeHandle } from "../../app/routeHandle";
import { BulkPage } from "./BulkPage";
import { CompliancePage } from "./CompliancePage";
import "./bulk.css";

/** The Policies view: bulk apply and compliance, as two tabs of one place. */
export function PoliciesLayout() {
  return (
    <div className="policies">
      <nav className="segmented policies-tabs" aria-label="Policies">
        <NavLink to="/policies" end className="segment tab-link">
          Bulk apply
        </NavLink>
        <NavLink to="/policies/compliance" className="segment tab-link">
          Compliance
        </NavLink>
      </nav>
      <Outlet />
    </div>
  );
}

/** `/policies` (bulk apply) and `/policies/compliance`, for the app's route table. */
export const policiesRoute: RouteObject = {
  path: "policies",
  element: <PoliciesLayout />,
  children: [
    { index: true, element: <BulkPage />, handle: routeHandle("Policies") },
    { path: "compliance", element: <CompliancePage />, handle: routeHandle("Compliance") },
  ],
};
