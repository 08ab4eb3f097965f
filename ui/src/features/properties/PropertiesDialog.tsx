import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Dialog } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { ChangesTable } from "../bulk/BulkResults";
import { TagChips } from "../certificates/cells";
import { certificateQueries } from "../certificates/queries";
import { TagsEditor } from "../import/ItemOptions";
import { newTagRow, type TagRow, tagMap, tagProblem } from "../import/tags";
import { propertyChanges, sameTags } from "./changes";
import { useSetEnabled, useSetTags } from "./mutations";
import "../bulk/bulk.css";
import "../import/import.css";
import "./properties.css";

type Stage = "edit" | "review" | "saved";

const rowsOf = (tags: Record<string, string>): TagRow[] =>
  Object.entries(tags).map(([key, value]) => ({ ...newTagRow(), key, value }));

/**
 * The current version's Enabled flag and tags: edited with the service's limits checked as
 * you type, reviewed as a before/after table, saved, then shown as the vault reads them back.
 */
export function PropertiesDialog({
  vault,
  current,
  onClose,
}: {
  vault: VaultId;
  current: CertificateSummary;
  onClose: () => void;
}) {
  const titleId = useId();
  const [stage, setStage] = useState<Stage>("edit");
  const [enabled, setEnabled] = useState(current.enabled);
  const [rows, setRows] = useState(() => rowsOf(current.tags));
  const [saved, setSaved] = useState<CertificateSummary | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const saveEnabled = useSetEnabled(vault, current.name);
  const saveTags = useSetTags(vault, current.name);
  const problem = tagProblem(rows);
  const wanted = { enabled, tags: tagMap(rows) };
  const changes = propertyChanges(current, wanted);
  const saving = saveEnabled.isPending || saveTags.isPending;

  const save = async () => {
    setError(null);
    try {
      let row = current;
      if (wanted.enabled !== current.enabled) {
        row = await saveEnabled.mutateAsync({ version: null, enabled: wanted.enabled });
      }
      if (!sameTags(current.tags, wanted.tags)) row = await saveTags.mutateAsync(wanted.tags);
      setSaved(row);
      setStage("saved");
    } catch (err) {
      setError(err as AppError);
    }
  };

  const actions = {
    edit: (
      <>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button primary"
          disabled={problem !== null || changes.length === 0}
          onClick={() => setStage("review")}
        >
          Review changes
        </button>
      </>
    ),
    review: (
      <>
        <button type="button" className="button" disabled={saving} onClick={() => setStage("edit")}>
          Back
        </button>
        <button type="button" className="button primary" disabled={saving} onClick={save}>
          {saving ? "Saving…" : "Save"}
        </button>
      </>
    ),
    saved: (
      <button type="button" className="button primary" onClick={onClose}>
        Close
      </button>
    ),
  };

  return (
    <Dialog
      open
      onClose={onClose}
      labelledBy={titleId}
      testId="properties-dialog"
      className="properties-dialog"
    >
      <div className="dialog-body">
        <h2 id={titleId}>Properties of {current.name}</h2>
        {stage === "edit" && (
          <>
            <label className="check">
              <input
                type="checkbox"
                checked={enabled}
                onChange={(event) => setEnabled(event.target.checked)}
              />
              Enabled <small className="muted">— applications can use the current version</small>
            </label>
            <TagsEditor rows={rows} onChange={setRows} />
          </>
        )}
        {stage === "review" && (
          <>
            <p>These changes will be saved to the current version:</p>
            <ChangesTable changes={changes} caption={`Changes to ${current.name}`} />
            {error && <ErrorMessage error={error} />}
          </>
        )}
        {stage === "saved" && saved && (
          <>
            <output data-testid="properties-saved">
              Saved, and read back from the vault: {saved.enabled ? "Enabled" : "Disabled"},{" "}
              {Object.keys(saved.tags).length === 0 ? "no tags." : "with these tags:"}
            </output>
            {Object.keys(saved.tags).length > 0 && <TagChips tags={saved.tags} all />}
            {!sameTags(saved.tags, wanted.tags) && (
              <p className="field-error">The vault stored the tags otherwise than sent.</p>
            )}
          </>
        )}
      </div>
      <div className="dialog-actions">{actions[stage]}</div>
    </Dialog>
  );
}

/** In a certificate's details: open the current version's Enabled flag and tags. */
export function PropertiesSection({ vault, name }: { vault: VaultId; name: string }) {
  const [open, setOpen] = useState(false);
  const current = useQuery(certificateQueries.details(vault, name, null)).data?.summary;
  return (
    <>
      <button
        type="button"
        className="button small"
        disabled={!current}
        onClick={() => setOpen(true)}
      >
        Edit tags and Enabled…
      </button>
      {open && current && (
        <PropertiesDialog vault={vault} current={current} onClose={() => setOpen(false)} />
      )}
    </>
  );
}
