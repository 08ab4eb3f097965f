import type { CertificateStatus } from "../../ipc/bindings/CertificateStatus";
import { statusDescription, statuses, statusLabel } from "./status";

/** All, or one status: each chip says its status in words, with its dot and how many rows have it. */
export function StatusFilter({
  value,
  counts,
  total,
  onChange,
}: {
  value: CertificateStatus | null;
  counts: Record<CertificateStatus, number>;
  total: number;
  onChange: (status: CertificateStatus | null) => void;
}) {
  const options: { status: CertificateStatus | null; label: string; count: number }[] = [
    { status: null, label: "All", count: total },
    ...statuses.map((status) => ({ status, label: statusLabel[status], count: counts[status] })),
  ];
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">Status</legend>
      {options.map((option) => (
        <button
          key={option.label}
          type="button"
          className={option.status ? `segment status-dot-${option.status}` : "segment"}
          aria-pressed={value === option.status}
          data-tooltip={
            option.status ? `${option.label}: ${statusDescription[option.status]}` : "Every status"
          }
          onClick={() => onChange(option.status)}
        >
          <span className="segment-label">{option.label}</span>
          <span className="segment-count">{option.count}</span>
        </button>
      ))}
    </fieldset>
  );
}
