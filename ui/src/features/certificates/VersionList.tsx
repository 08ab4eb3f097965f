import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import { formatDate } from "./dates";
import { StatusBadge } from "./StatusBadge";

/**
 * A certificate's versions, newest first; choosing one shows its details, and each can be
 * enabled or disabled in place.
 */
export function VersionList({
  versions,
  selected,
  onSelect,
  onSetEnabled,
  busyVersion,
}: {
  versions: CertificateSummary[];
  selected: string | null;
  onSelect: (version: string | null) => void;
  onSetEnabled: (version: CertificateSummary, enabled: boolean) => void;
  /** The version whose flag is being saved. */
  busyVersion: string | null;
}) {
  const newestFirst = versions.toSorted((a, b) => (b.created ?? 0) - (a.created ?? 0));
  return (
    <ol className="versions" data-testid="versions">
      {newestFirst.map((version, index) => {
        // The newest version is what the vault serves; asking for it by null keeps the policy.
        const value = index === 0 ? null : version.version;
        const label = version.version?.slice(0, 12) ?? "—";
        const action = version.enabled ? "Disable" : "Enable";
        return (
          <li key={version.version ?? version.id} className="version-item">
            <button
              type="button"
              className="version"
              aria-current={selected === value ? "true" : undefined}
              onClick={() => onSelect(value)}
            >
              <span className="mono">{label}</span>
              {index === 0 && <span className="badge neutral">Current</span>}
              <StatusBadge status={version.status} />
              <span className="muted">
                {version.created !== null ? formatDate(version.created) : ""}
              </span>
            </button>
            {version.version !== null && (
              <button
                type="button"
                className="button small ghost version-toggle"
                aria-label={`${action} version ${label}`}
                disabled={busyVersion === version.version}
                onClick={() => onSetEnabled(version, !version.enabled)}
              >
                {busyVersion === version.version ? "Saving…" : action}
              </button>
            )}
          </li>
        );
      })}
    </ol>
  );
}
