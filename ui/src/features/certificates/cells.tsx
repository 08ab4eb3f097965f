// Cell renderings shared by the vault table and the expiry view.
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import { formatDateTime, formatRelative, formatShortDate } from "./dates";

export function ExpiresCell({ cert }: { cert: CertificateSummary }) {
  if (cert.expires === null) return <span className="muted">—</span>;
  return (
    <span className="expires" title={formatDateTime(cert.expires)}>
      <span className="date">{formatShortDate(cert.expires)}</span>
      <span className={`relative status-text-${cert.status}`}>{formatRelative(cert.expires)}</span>
    </span>
  );
}

export function DateCell({ value }: { value: number | null }) {
  if (value === null) return <span className="muted">—</span>;
  return (
    <span className="date" title={formatDateTime(value)}>
      {formatShortDate(value)}
    </span>
  );
}

/** First and last characters of a thumbprint; the full value is in the tooltip. */
export function ThumbprintCell({ value }: { value: string | null }) {
  if (!value) return <span className="muted">—</span>;
  const short = value.length > 14 ? `${value.slice(0, 8)}…${value.slice(-4)}` : value;
  return (
    <span className="mono" title={value}>
      {short}
    </span>
  );
}

const SHOWN_TAGS = 2;

export function TagChips({
  tags,
  all = false,
}: {
  tags: CertificateSummary["tags"];
  all?: boolean;
}) {
  const entries = Object.entries(tags);
  const shown = all ? entries : entries.slice(0, SHOWN_TAGS);
  const rest = entries.length - shown.length;
  return (
    <span className="chips">
      {shown.map(([key, value]) => (
        <span key={key} className="chip" title={`${key}: ${value}`}>
          {key}
          {value ? <span className="chip-value">{value}</span> : null}
        </span>
      ))}
      {rest > 0 && (
        <span className="chip more" title={entries.map(([k, v]) => `${k}: ${v}`).join("\n")}>
          +{rest}
        </span>
      )}
    </span>
  );
}
