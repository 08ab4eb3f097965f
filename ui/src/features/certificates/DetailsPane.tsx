import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { CloseIcon } from "../../components/icons";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { BackupActions } from "../backup/BackupActions";
import { PendingOperationSection } from "../create/PendingOperationSection";
import { DeleteCertificate } from "../deleted/DeleteCertificate";
import { DownloadCertificate } from "../download/DownloadCertificate";
import { PolicyActions } from "../policy/PolicyActions";
import { PropertiesSection } from "../properties/PropertiesDialog";
import { VersionsSection } from "../versions/VersionsSection";
import { CertificateFacts } from "./CertificateFacts";
import { certificateQueries } from "./queries";

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

  return (
    <aside
      id="details-pane"
      className="details"
      data-testid="details-pane"
      data-region="details"
      aria-label={`Details of ${name}`}
      onKeyDown={(event) => {
        // Esc in one of the pane's dialogs closes that dialog, not the pane behind it.
        if (event.key === "Escape" && !(event.target as Element).closest("dialog")) onClose();
      }}
    >
      <header className="details-header">
        <h2 data-tooltip={name}>{name}</h2>
        <button
          type="button"
          className="button icon-button ghost"
          aria-label="Close details"
          data-tooltip="Close details (Esc)"
          onClick={onClose}
        >
          <CloseIcon />
        </button>
      </header>
      <div className="details-scroll">
        <div className="details-section details-actions">
          <PolicyActions vault={vault.id} name={name} />
          {details.data && (
            <DownloadCertificate
              vault={vault.id}
              name={name}
              version={version}
              details={details.data}
            />
          )}
          <PropertiesSection vault={vault.id} name={name} />
          <BackupActions vault={vault} name={name} />
          <DeleteCertificate vault={vault} name={name} onDeleted={onClose} />
        </div>
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
        <VersionsSection vault={vault.id} name={name} selected={version} onSelect={setVersion} />
      </div>
    </aside>
  );
}
