import type { CertificateStatus } from "../../ipc/bindings/CertificateStatus";
import { statusDescription, statusLabel } from "./status";

export function StatusBadge({ status }: { status: CertificateStatus }) {
  return (
    <span className={`badge status-${status}`} title={statusDescription[status]}>
      {statusLabel[status]}
    </span>
  );
}
