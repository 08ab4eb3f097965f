import { useState } from "react";
import type { CertificateAction } from "../../ipc/bindings/CertificateAction";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { ActionPrompt, type Prompt } from "./prompts";
import { RunDialog } from "./RunDialog";
import { useBulkAction } from "./useBulkAction";
import type { Selection } from "./useSelection";
import "./selection.css";

/**
 * Above a vault's table while certificates are picked: how many, and what to do with them
 * all. Runs show their progress and a result per certificate in a dialog.
 */
export function BulkActionBar({
  vault,
  selection,
  shown,
}: {
  vault: VaultEntry;
  selection: Selection;
  /** How many rows the table shows (what "Select all" picks). */
  shown: number;
}) {
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const bulk = useBulkAction(vault);
  const picked = selection.rows;
  const run = (action: CertificateAction) => {
    setPrompt(null);
    void bulk.start(
      action,
      picked.map((row) => row.name),
    );
  };
  if (picked.length === 0 && !bulk.run) return null;

  return (
    <>
      {picked.length > 0 && (
        <div className="selection-bar" role="toolbar" aria-label="Selected certificates">
          <strong data-testid="selection-count" aria-live="polite">
            {picked.length.toLocaleString()} selected
          </strong>
          {picked.length < shown && (
            <button type="button" className="button small ghost" onClick={selection.selectAll}>
              Select all {shown.toLocaleString()} shown
            </button>
          )}
          <button type="button" className="button small ghost" onClick={selection.clear}>
            Clear
          </button>
          <span className="selection-bar-actions">
            <button
              type="button"
              className="button small"
              onClick={() => run({ action: "Enable" })}
            >
              Enable
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => run({ action: "Disable" })}
            >
              Disable
            </button>
            <button type="button" className="button small" onClick={() => setPrompt("SetTag")}>
              Set tag…
            </button>
            <button type="button" className="button small" onClick={() => setPrompt("RemoveTag")}>
              Remove tag…
            </button>
            <button
              type="button"
              className="button small"
              data-tooltip="Writes NAME.kvbackup files into a folder you choose; existing files are kept"
              onClick={() => run({ action: "Backup" })}
            >
              Back up to folder…
            </button>
            <button
              type="button"
              className="button small danger"
              onClick={() => setPrompt("Delete")}
            >
              Delete…
            </button>
          </span>
        </div>
      )}
      {prompt && (
        <ActionPrompt
          prompt={prompt}
          selected={picked}
          onRun={run}
          onClose={() => setPrompt(null)}
        />
      )}
      {bulk.run && (
        <RunDialog
          run={bulk.run}
          failed={bulk.failed.length}
          onCancel={() => void bulk.cancel()}
          onRetry={() => void bulk.retryFailed()}
          onClose={bulk.close}
        />
      )}
    </>
  );
}
