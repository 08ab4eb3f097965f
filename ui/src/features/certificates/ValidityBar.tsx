import type { CertificateStatus } from "../../ipc/bindings/CertificateStatus";
import { formatDateTime, formatRelative, nowSeconds } from "./dates";

/** How much of the certificate's lifetime has passed, red once it needs attention. */
export function ValidityBar({
  from,
  to,
  status,
}: {
  from: number;
  to: number;
  status: CertificateStatus;
}) {
  const elapsed = Math.min(1, Math.max(0, (nowSeconds() - from) / Math.max(1, to - from)));
  const percent = Math.round(elapsed * 100);
  const urgent = status === "Expired" || status === "ExpiresSoon";
  const ended = to < nowSeconds();
  return (
    <div className="validity">
      <div className="validity-dates">
        <span data-tooltip={formatDateTime(from)}>{formatDateTime(from)}</span>
        <span data-tooltip={formatDateTime(to)}>{formatDateTime(to)}</span>
      </div>
      <div
        className={urgent ? "validity-bar urgent" : "validity-bar"}
        role="progressbar"
        aria-label="Lifetime elapsed"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% of the lifetime elapsed; ${ended ? "expired" : "expires"} ${formatRelative(to)}`}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      <div className="muted small">
        {percent}% elapsed · {ended ? "expired" : "expires"} {formatRelative(to)}
      </div>
    </div>
  );
}
