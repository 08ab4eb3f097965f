import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { CloseIcon } from "../../components/icons";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { PendingOperationSection } from "../create/PendingOperationSection";
import { PolicyActions } from "../policy/PolicyActions";
import { CertificateFacts } from "./CertificateFacts";
import { certificateQueries } from "./queries";
import { VersionList } from "./VersionList";

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
  const details = useQuery(certificateQueries.details(vault.id, name, version));
  const versions = useQuery(certificateQueries.versions(vault.id, name));

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
        {details.data?.summary.status === "Pending" && version === null && (
          <PendingOperationSection
            vault={vault.id}
            name={name}
            created={details.data.summary.created}
          />
        )}
        <PolicyActions vault={vault.id} name={name} />
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
