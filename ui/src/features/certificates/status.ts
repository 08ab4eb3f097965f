import type { CertificateStatus } from "../../ipc/bindings/CertificateStatus";

/** Most urgent first: the default sort and the expiry view both lead with what needs action. */
export const statusUrgency: Record<CertificateStatus, number> = {
  Expired: 0,
  ExpiresSoon: 1,
  Pending: 2,
  Disabled: 3,
  Healthy: 4,
};

export const statusLabel: Record<CertificateStatus, string> = {
  Expired: "Expired",
  ExpiresSoon: "Expires soon",
  Pending: "Pending",
  Disabled: "Disabled",
  Healthy: "Healthy",
};

export const statusDescription: Record<CertificateStatus, string> = {
  Expired: "Past its expiry date",
  ExpiresSoon: "Expires within 30 days",
  Pending: "Waiting for an operation (e.g. a CSR to be merged); not issued yet",
  Disabled: "Disabled in the vault; clients cannot use it",
  Healthy: "Enabled and valid for more than 30 days",
};

export const statuses = Object.keys(statusUrgency) as CertificateStatus[];
