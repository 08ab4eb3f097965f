import { Navigate } from "react-router";
import { useVaults } from "../features/vaults/useVaults";
import { WelcomePage } from "../features/welcome/WelcomePage";

/** `/`: straight to the first vault when there is one; the welcome page until then. */
export function Landing() {
  const vaults = useVaults();
  const first = vaults.data?.[0];
  if (first) return <Navigate to={`/vaults/${first.id}`} replace />;
  return vaults.isPending ? null : <WelcomePage />;
}
