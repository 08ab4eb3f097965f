// What a bulk action needs to know before it runs: a tag's name (and value), or a confirmed
// delete. Tag limits are import's, checked before anything is sent.
import { useId, useState } from "react";
import { Dialog, DialogActions } from "../../components/Dialog";
import type { CertificateAction } from "../../ipc/bindings/CertificateAction";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import { tagProblem } from "../import/tags";

export type Prompt = "SetTag" | "RemoveTag" | "Delete";

const plural = (n: number) => `${n.toLocaleString()} certificate${n === 1 ? "" : "s"}`;

export function ActionPrompt({
  prompt,
  selected,
  onRun,
  onClose,
}: {
  prompt: Prompt;
  selected: CertificateSummary[];
  onRun: (action: CertificateAction) => void;
  onClose: () => void;
}) {
  const titleId = useId();
  const listId = useId();
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const count = plural(selected.length);
  const problem =
    prompt === "Delete"
      ? null
      : name.trim() === ""
        ? "Name the tag."
        : tagProblem([{ id: 0, key: name, value: prompt === "SetTag" ? value : "" }]);
  const action: CertificateAction =
    prompt === "SetTag"
      ? { action: "SetTag", name: name.trim(), value }
      : prompt === "RemoveTag"
        ? { action: "RemoveTag", name: name.trim() }
        : { action: "Delete" };
  const used = [...new Set(selected.flatMap((row) => Object.keys(row.tags)))].sort();
  const title = {
    SetTag: `Set a tag on ${count}`,
    RemoveTag: `Remove a tag from ${count}`,
    Delete: `Delete ${count}?`,
  }[prompt];

  return (
    <Dialog open onClose={onClose} labelledBy={titleId} testId="bulk-prompt">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (problem === null) onRun(action);
        }}
      >
        <div className="dialog-body">
          <h2 id={titleId}>{title}</h2>
          {prompt === "Delete" ? (
            <p className="muted">
              Each is deleted with every version, its key and its secret. Where the vault keeps
              deleted certificates (soft delete), they stay recoverable until their scheduled purge
              date; where it does not, they are gone at once.
            </p>
          ) : (
            <div className="bulk-tag-fields">
              <label>
                Tag name
                <input
                  value={name}
                  list={prompt === "RemoveTag" ? listId : undefined}
                  spellCheck={false}
                  onChange={(event) => setName(event.target.value)}
                />
              </label>
              {prompt === "SetTag" && (
                <label>
                  Value
                  <input
                    value={value}
                    spellCheck={false}
                    onChange={(event) => setValue(event.target.value)}
                  />
                </label>
              )}
              <datalist id={listId}>
                {used.map((tag) => (
                  <option key={tag} value={tag} />
                ))}
              </datalist>
              {problem && name !== "" && <p className="field-error">{problem}</p>}
              {prompt === "SetTag" && (
                <p className="muted small">
                  A certificate that already has 15 tags is refused on its own; the others change.
                </p>
              )}
            </div>
          )}
        </div>
        <DialogActions onCancel={onClose}>
          <button
            type="submit"
            className={prompt === "Delete" ? "button danger" : "button primary"}
            disabled={problem !== null}
          >
            {prompt === "Delete"
              ? `Delete ${count}`
              : prompt === "SetTag"
                ? "Set tag"
                : "Remove tag"}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
