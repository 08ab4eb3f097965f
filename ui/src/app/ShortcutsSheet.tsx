import { Dialog } from "../components/Dialog";
import { chordParts, shortcuts } from "./shortcuts";

const groups = [...new Set(shortcuts.map((s) => s.group))];

/** The keyboard shortcuts, read from the same list the key handlers use. */
export function ShortcutsSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      labelledBy="shortcuts-title"
      testId="shortcuts-sheet"
      className="shortcuts-sheet"
    >
      <div className="dialog-body">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <p className="muted">
          In a table: the arrow keys move, Enter opens the details, Space ticks a row. Tab and
          Shift+Tab move between controls; Esc closes a dialog or menu.
        </p>
        <div className="shortcut-groups">
          {groups.map((group) => (
            <section key={group} aria-labelledby={`shortcuts-${group}`}>
              <h3 id={`shortcuts-${group}`} className="section-title">
                {group}
              </h3>
              <dl className="shortcut-list">
                {shortcuts
                  .filter((s) => s.group === group)
                  .map((shortcut) => (
                    <div key={shortcut.id} className="shortcut" data-shortcut={shortcut.id}>
                      <dt>{shortcut.label}</dt>
                      <dd>
                        {shortcut.keys.map((keys, index) => (
                          <span key={keys} className="chord">
                            {index > 0 && <span className="muted"> or </span>}
                            {chordParts(keys).map((part, i) => (
                              <span key={part}>
                                {i > 0 && "+"}
                                <kbd>{part}</kbd>
                              </span>
                            ))}
                          </span>
                        ))}
                      </dd>
                    </div>
                  ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
