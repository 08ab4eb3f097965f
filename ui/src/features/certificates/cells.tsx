// Cell renderings shared by the vault table, the expiry view and the bulk picker.
import type { Column } from "../../components/DataGrid";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { VaultDot } from "../vaults/VaultDot";
import { formatDateTime, formatRelative, formatShortDate } from "./dates";
import { StatusBadge } from "./StatusBadge";

export function ExpiresCell({ cert }: { cert: CertificateSummary }) {
  if (cert.expires === null) return <span className="muted">—</span>;
  return (
    <span className="expires" data-tooltip={formatDateTime(cert.expires)}>
      <span className="date">{formatShortDate(cert.expires)}</span>
      <span className={`relative status-text-${cert.status}`}>{formatRelative(cert.expires)}</span>
    </span>
  );
}

export function DateCell({ value }: { value: number | null }) {
  if (value === null) return <span className="muted">—</span>;
  return (
    <span className="date" data-tooltip={formatDateTime(value)}>
      {formatShortDate(value)}
    </span>
  );
}

/** First and last characters of a thumbprint; the full value is in the tooltip. */
export function ThumbprintCell({ value }: { value: string | null }) {
  if (!value) return <span className="muted">—</span>;
  const short = value.length > 14 ? `${value.slice(0, 8)}…${value.slice(-4)}` : value;
  return (
    <span className="mono" data-tooltip={value}>
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
        <span key={key} className="chip" data-tooltip={`${key}: ${value}`}>
          {key}
          {value ? <span className="chip-value">{value}</span> : null}
        </span>
      ))}
      {rest > 0 && (
        <span className="chip more" data-tooltip={entries.map(([k, v]) => `${k}: ${v}`).join("\n")}>
          +{rest}
        </span>
      )}
    </span>
  );
}

/** The vault, name, status and expiry columns of a table of certificates from many vaults. */
export function vaultCertificateColumns<
  T extends { vault: VaultEntry; cert: CertificateSummary },
>(widths: { vault: string; name: string; expires: string }): Column<T>[] {
  return [
    {
      id: "vault",
      header: "Vault",
      width: widths.vault,
      cell: ({ vault }) => (
        <span className="vault-cell">
          <VaultDot vault={vault} />
          {vault.name}
        </span>
      ),
    },
    {
      id: "name",
      header: "Name",
      width: widths.name,
      cell: ({ cert }) => <span className="cert-name">{cert.name}</span>,
    },
    {
      id: "status",
      header: "Status",
      width: "126px",
      cell: ({ cert }) => <StatusBadge status={cert.status} />,
    },
    {
      id: "expires",
      header: "Expires",
      width: widths.expires,
      cell: ({ cert }) => <ExpiresCell cert={cert} />,
    },
  ];
}
