import type { CertificateStatus } from "../../ipc/bindings/CertificateStatus";
import { statusDescription, statusLabel } from "./status";

export function StatusBadge({ status }: { status: CertificateStatus }) {
  return (
    <span className={`badge status-${status}`} data-tooltip={statusDescription[status]}>
      {statusLabel[status]}
    </span>
  );
}
