import { NavLink } from "react-router";
import { AlertIcon } from "../../components/icons";
import { useAttentionCount } from "./scan";
import "./attention.css";

/** The sidebar's entry, with the last scan's count once there is one (it never scans itself). */
export function AttentionLink() {
  const count = useAttentionCount();
  return (
    <NavLink to="/attention" className="nav-link">
      <AlertIcon />
      Needs attention
      {count !== null && count > 0 && (
        <span className="attention-badge" data-testid="attention-badge">
          <span className="visually-hidden">: </span>
          {count}
        </span>
      )}
    </NavLink>
  );
}
