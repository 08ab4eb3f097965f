import { useId, useState } from "react";
import { Dialog, DialogActions } from "../../components/Dialog";

/**
 * Purging cannot be undone, so it is typed, not clicked: one certificate's name, or for
 * several the number of certificates.
 */
export function PurgeDialog({
  names,
  onClose,
  onConfirm,
}: {
  /** What would be purged; the dialog is open while it is not empty. */
  names: string[];
  onClose: () => void;
  onConfirm: (names: string[]) => void;
}) {
  const titleId = useId();
  const [typed, setTyped] = useState("");
  const one = names.length === 1 ? names[0] : undefined;
  const expected = one ?? String(names.length);
  const close = () => {
    setTyped("");
    onClose();
  };
  const confirmed = typed.trim() === expected;
  return (
    <Dialog open={names.length > 0} onClose={close} labelledBy={titleId} testId="purge-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!confirmed) return;
          setTyped("");
          onConfirm(names);
        }}
      >
        <div className="dialog-body">
          <h2 id={titleId}>
            {one ? `Purge “${one}”?` : `Purge ${names.length} deleted certificates?`}
          </h2>
          <p>
            Purging deletes {one ? "it" : "them"} for good, with {one ? "its" : "their"} keys and
            secrets: {one ? "it" : "they"} can never be recovered, and the{" "}
            {one ? "name becomes" : "names become"} free to reuse.
          </p>
          {!one && (
            <ul className="purge-names" aria-label="Certificates to purge">
              {names.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          )}
          <label className="field">
            <span>
              {one ? (
                <>
                  Type <strong>{one}</strong> to confirm
                </>
              ) : (
                <>
                  Type <strong>{names.length}</strong> (the number of certificates) to confirm
                </>
              )}
            </span>
            <input
              data-testid="purge-typed"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
            />
          </label>
        </div>
        <DialogActions onCancel={close}>
          <button
            type="submit"
            className="button danger"
            data-testid="purge-confirm"
            disabled={!confirmed}
          >
            Purge for good
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
