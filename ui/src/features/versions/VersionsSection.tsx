import { useQuery } from "@tanstack/react-query";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toasts";
import type { VaultId } from "../../ipc/bindings/VaultId";
import { certificateQueries } from "../certificates/queries";
import { VersionList } from "../certificates/VersionList";
import { policyQueries } from "../policy/queries";
import { currentOf } from "../properties/cache";
import { useSetEnabled } from "../properties/mutations";
import { nextRenewal } from "./timeline";
import { type Renewal, VersionTimeline } from "./VersionTimeline";

/** The details pane's versions: the timeline, then the list to pick, enable or disable one. */
export function VersionsSection({
  vault,
  name,
  selected,
  onSelect,
}: {
  vault: VaultId;
  name: string;
  selected: string | null;
  onSelect: (version: string | null) => void;
}) {
  const versions = useQuery(certificateQueries.versions(vault, name));
  // Shared with the policy page's cache; the renewal comes from its lifetime actions.
  const policy = useQuery(policyQueries.policy(vault, name));
  const setEnabled = useSetEnabled(vault, name);
  const toast = useToast();
  const renewal: Renewal = policy.isPending
    ? "reading"
    : policy.error
      ? "unreadable"
      : nextRenewal(policy.data, currentOf(versions.data ?? []));

  return (
    <section className="details-section" aria-label="Versions">
      <h3 className="section-title">Versions</h3>
      {versions.isPending && <span className="skeleton" />}
      {versions.error && <ErrorMessage error={versions.error} />}
      {versions.data && (
        <>
          <VersionTimeline versions={versions.data} renewal={renewal} />
          <VersionList
            versions={versions.data}
            selected={selected}
            onSelect={onSelect}
            onSetEnabled={(version, enabled) =>
              setEnabled.mutate({ version: version.version, enabled }, { onError: toast.error })
            }
            busyVersion={setEnabled.isPending ? (setEnabled.variables?.version ?? null) : null}
          />
        </>
      )}
    </section>
  );
}
