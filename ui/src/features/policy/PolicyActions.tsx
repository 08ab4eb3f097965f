import { Link } from "react-router";
import type { VaultId } from "../../ipc/bindings/VaultId";
import { policyPath } from "./PolicyPage";
import { RenewButton } from "./RenewButton";

/** In a certificate's details: open its policy in the editor, or renew it now. */
export function PolicyActions({ vault, name }: { vault: VaultId; name: string }) {
  return (
    <>
      <Link className="button small" to={policyPath(vault, name)}>
        Edit policy
      </Link>
      <RenewButton vault={vault} name={name} className="button small" />
    </>
  );
}
