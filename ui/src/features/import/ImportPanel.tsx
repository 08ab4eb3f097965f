import { useVirtualizer } from "@tanstack/react-virtual";
import { type ReactNode, useRef } from "react";
import { Dialog } from "../../components/Dialog";
import { CloseIcon, PlusIcon, UploadIcon } from "../../components/icons";
import { VaultDot } from "../vaults/VaultDot";
import { ImportItemCard } from "./ImportItemCard";
import { type ItemState, itemStates } from "./item";
import type { ImportQueue } from "./queue";
import { useQueueKeys, useQueueSummary } from "./useQueue";
import "./import.css";

const countLabels: Record<ItemState, string> = {
  opening: "opening",
  "needs-password": "need a password",
  ready: "ready",
  blocked: "blocked",
  importing: "importing",
  done: "imported",
  failed: "failed",
};

/** Counts per state, the run's progress, and the actions on every item at once. */
function QueueHeader({ queue }: { queue: ImportQueue }) {
  const { counts, batch, importing } = useQueueSummary(queue);
  const finished = batch.done + batch.failed;
  return (
    <div className="import-summary">
      <ul className="state-counts" aria-label="Files by state">
        {itemStates
          .filter((state) => counts[state] > 0)
          .map((state) => (
            <li key={state} className={`badge state-${state}`}>
              {counts[state]} {countLabels[state]}
            </li>
          ))}
      </ul>
      <div className="import-actions">
        {importing && (
          <button
            type="button"
            className="button"
            data-testid="cancel-imports"
            title="Stops the imports that have not started; those under way finish"
            onClick={() => queue.cancel()}
          >
            Cancel
          </button>
        )}
        {counts.failed > 0 && (
          <button
            type="button"
            className="button"
            data-testid="retry-failed"
            onClick={() => queue.retryFailed()}
          >
            Retry failed
          </button>
        )}
        <button
          type="button"
          className="button primary"
          data-testid="import-all"
          disabled={counts.ready === 0}
          onClick={() => queue.importReady()}
        >
          Import all ready{counts.ready > 0 && ` (${counts.ready})`}
        </button>
      </div>
      {batch.size > 0 && (
        <div className="import-progress">
          <div
            className="progress-bar"
            role="progressbar"
            data-testid="import-progress"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={batch.size}
            aria-valuenow={finished}
          >
            <span style={{ width: `${(finished / batch.size) * 100}%` }} />
          </div>
          <span className="count">
            {batch.done} of {batch.size} imported
            {batch.failed > 0 && `, ${batch.failed} failed`}
          </span>
        </div>
      )}
    </div>
  );
}

function QueueList({ queue, onPick }: { queue: ImportQueue; onPick: () => void }) {
  const keys = useQueueKeys(queue);
  if (keys.length === 0) {
    return (
      <div className="empty-state page-empty" data-testid="import-empty">
        <UploadIcon />
        <strong>No files to import</strong>
        Drop PFX, PEM, CER, KEY or P7B files anywhere on the window, or choose them.
        <button type="button" className="button primary" onClick={onPick}>
          Choose files…
        </button>
      </div>
    );
  }
  return <VirtualCards queue={queue} keys={keys} />;
}

/** Card height before it is measured; cards vary from one line (imported) to a full preview. */
const ESTIMATED_CARD_HEIGHT = 420;
const CARD_GAP = 12;

/**
 * Only the cards on screen are in the DOM: with a hundred full previews, every card that
 * changes height (imported → one line) would otherwise relayout and repaint them all.
 */
function VirtualCards({ queue, keys }: { queue: ImportQueue; keys: number[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: keys.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_CARD_HEIGHT,
    getItemKey: (index) => keys[index] ?? index,
    gap: CARD_GAP,
    overscan: 2,
  });
  return (
    <div className="import-list" ref={scroller}>
      <ol style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => (
          <li
            key={row.key}
            data-index={row.index}
            ref={virtualizer.measureElement}
            style={{ transform: `translateY(${row.start}px)` }}
          >
            <ImportItemCard queue={queue} itemKey={keys[row.index] ?? 0} />
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * The import panel: a side sheet over the window with one card per file. Closing it (Esc, ×)
 * forgets every file not imported. `children` is shown over it (the drop overlay).
 */
export function ImportPanel({
  queue,
  onClose,
  onPick,
  children,
}: {
  queue: ImportQueue | null;
  onClose: () => void;
  onPick: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      open={queue !== null}
      onClose={onClose}
      labelledBy="import-title"
      className="import-panel"
    >
      {queue && (
        <div className="import-sheet" data-testid="import-panel">
          <header className="import-head">
            <div className="import-title-row">
              <h2 id="import-title">
                Import into <VaultDot vault={queue.vault} />
                {queue.vault.name}
              </h2>
              <button type="button" className="button" onClick={onPick}>
                <PlusIcon />
                Add files…
              </button>
              <button
                type="button"
                className="button icon-button ghost"
                data-testid="import-close"
                aria-label="Close import"
                data-tooltip="Close (Esc): files not imported are forgotten"
                onClick={onClose}
              >
                <CloseIcon />
              </button>
            </div>
            <QueueHeader queue={queue} />
          </header>
          <QueueList queue={queue} onPick={onPick} />
        </div>
      )}
      {children}
    </Dialog>
  );
}
