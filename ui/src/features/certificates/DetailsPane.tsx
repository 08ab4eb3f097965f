import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { CloseIcon } from "../../components/icons";
import { backend } from "../../ipc/backend";
import type { CertificateDetails } from "../../ipc/bindings/CertificateDetails";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { CertificateFacts } from "./CertificateFacts";
import { VersionList } from "./VersionList";

// Prefixes of every query about one certificate: its details (per version) and its versions.
export const certificateKey = (vault: VaultId, name: string) => ["certificate", vault, name];
export const versionsKey = (vault: VaultId, name: string) => ["versions", vault, name];

/** The selected certificate in full, and its versions. Esc closes it. */
export function DetailsPane({
  vault,
  name,
  onClose,
}: {
  vault: VaultEntry;
  name: string;
  onClose: () => void;
}) {
  // null is the current version.
  const [version, setVersion] = useState<string | null>(null);
  const details = useQuery<CertificateDetails, AppError>({
    queryKey: [...certificateKey(vault.id, name), version],
    queryFn: () => backend.getCertificate(vault.id, name, version),
  });
  const versions = useQuery<CertificateSummary[], AppError>({
    queryKey: versionsKey(vault.id, name),
    queryFn: () => backend.listVersions(vault.id, name),
  });

  return (
    <aside
      className="details"
      data-testid="details-pane"
      aria-label={`Details of ${name}`}
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
    >
      <header className="details-header">
        <h2 title={name}>{name}</h2>
        <button
          type="button"
          className="button icon-button ghost"
          aria-label="Close details"
          title="Close details (Esc)"
          onClick={onClose}
        >
          <CloseIcon />
        </button>
      </header>
      <div className="details-scroll">
        {details.isPending && (
          <div aria-busy="true">
            <span className="skeleton" />
            <span className="visually-hidden">Loading details…</span>
          </div>
        )}
        {details.error && <ErrorMessage error={details.error} />}
        {details.data && <CertificateFacts details={details.data} />}
        <section className="details-section" aria-label="Versions">
          <h3 className="section-title">Versions</h3>
          {versions.isPending && <span className="skeleton" />}
          {versions.error && <ErrorMessage error={versions.error} />}
          {versions.data && (
            <VersionList versions={versions.data} selected={version} onSelect={setVersion} />
          )}
        </section>
      </div>
    </aside>
  );
}
