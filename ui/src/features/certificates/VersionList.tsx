import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import { formatDate } from "./dates";
import { StatusBadge } from "./StatusBadge";

/** A certificate's versions, newest first; choosing one shows its details. */
export function VersionList({
  versions,
  selected,
  onSelect,
}: {
  versions: CertificateSummary[];
  selected: string | null;
  onSelect: (version: string | null) => void;
}) {
  const newestFirst = versions.toSorted((a, b) => (b.created ?? 0) - (a.created ?? 0));
  return (
    <ol className="versions" data-testid="versions">
      {newestFirst.map((version, index) => {
        // The newest version is what the vault serves; asking for it by null keeps the policy.
        const value = index === 0 ? null : version.version;
        return (
          <li key={version.version ?? version.id}>
            <button
              type="button"
              className="version"
              aria-current={selected === value ? "true" : undefined}
              onClick={() => onSelect(value)}
            >
              <span className="mono">{version.version?.slice(0, 12) ?? "—"}</span>
              {index === 0 && <span className="badge neutral">Current</span>}
              <StatusBadge status={version.status} />
              <span className="muted">
                {version.created !== null ? formatDate(version.created) : ""}
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
