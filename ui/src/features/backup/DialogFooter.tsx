import type { ReactNode } from "react";
import { Link } from "react-router";
import type { VaultId } from "../../ipc/bindings/VaultId";

/** Cancel and the dialog's one action; once it is done, only Close. */
export function DialogFooter({
  done,
  onClose,
  children,
}: {
  done: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <div className="dialog-actions">
      <button type="button" className="button" onClick={onClose}>
        {done ? "Close" : "Cancel"}
      </button>
      {!done && children}
    </div>
  );
}

/** A link to certificate `name` in `vault`'s table, its details open. */
export function CertificateLink({
  vault,
  name,
  onClick,
  children,
}: {
  vault: VaultId;
  name: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Link to={`/vaults/${vault}?${new URLSearchParams({ cert: name })}`} onClick={onClick}>
      {children}
    </Link>
  );
}
