import { memo, useCallback, useEffect, useRef } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { CloseIcon, FileIcon } from "../../components/icons";
import { ItemOptions } from "./ItemOptions";
import {
  blocker,
  CHECKING_NAME,
  canImport,
  type Item,
  type ItemState,
  importable,
  isKeyOnly,
  itemState,
  needsKey,
} from "./item";
import { NameField } from "./NameField";
import { Preview } from "./Preview";
import type { ImportQueue } from "./queue";
import { useKeyOnlyFiles, useQueueItem } from "./useQueue";

function stateLabel(item: Item, state: ItemState): string {
  switch (state) {
    case "opening":
      if (item.keysPending) return "Opening the other files…";
      return item.plan ? "Planning…" : "Opening…";
    case "needs-password":
      return "Needs password";
    case "ready":
      return "Ready";
    case "blocked":
      if (!importable(item)) return "Cannot import";
      return blocker(item) === CHECKING_NAME ? "Checking name…" : "Needs attention";
    case "importing":
      return item.step === "queued" ? "Waiting" : "Importing…";
    case "done":
      return "Imported";
    case "failed":
      return "Failed";
  }
}

/** The password field takes the focus when it appears, unless the user is typing elsewhere. */
function focusUnlessTyping(input: HTMLInputElement | null) {
  if (input && !(document.activeElement instanceof HTMLInputElement)) input.focus();
}

/**
 * Asks for a file's password. The field is uncontrolled: the password goes from the DOM to
 * open_file once and is never React state; the field goes away once the file opens.
 */
function PasswordForm({ queue, item }: { queue: ImportQueue; item: Item }) {
  const input = useRef<HTMLInputElement | null>(null);
  const attach = useCallback((element: HTMLInputElement | null) => {
    input.current = element;
    focusUnlessTyping(element);
  }, []);
  const wrong = item.error?.code === "WrongPassword";
  // Selected, so that typing again replaces the wrong password.
  useEffect(() => {
    if (wrong) input.current?.select();
  }, [wrong]);
  return (
    <form
      className="password-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (input.current) queue.unlock(item.key, input.current.value);
      }}
    >
      <label className="field">
        The file is protected by a password.
        <input
          ref={attach}
          type="password"
          data-testid="password-input"
          autoComplete="off"
          readOnly={item.busy}
          aria-invalid={wrong}
        />
      </label>
      <button
        type="submit"
        className="button primary"
        data-testid="password-submit"
        disabled={item.busy}
      >
        {item.busy ? "Opening…" : "Open"}
      </button>
      {wrong && (
        <p className="field-error" data-testid="item-error" role="alert">
          Wrong password (or the file is damaged).
        </p>
      )}
    </form>
  );
}

/** Key-only files in the queue this certificate-only item can be completed with. */
function PairOffer({ queue, item }: { queue: ImportQueue; item: Item }) {
  const keyFiles = useKeyOnlyFiles(queue);
  if (keyFiles.length === 0) {
    return (
      <p className="muted small">
        If its private key is in a separate file (.key, .pem), drop that file too and pair them
        here.
      </p>
    );
  }
  return (
    <div className="pair-offer">
      {keyFiles.map((file) => (
        <button
          key={file.key}
          type="button"
          className="button"
          data-testid="pair-button"
          disabled={item.busy}
          onClick={() => queue.pair(item.key, file.key)}
        >
          Pair with {file.fileName}
        </button>
      ))}
    </div>
  );
}

/** Why nothing will be sent for this item, and what could change that. */
function CannotImport({ queue, item }: { queue: ImportQueue; item: Item }) {
  const problems = item.plan?.report.key_vault.problems ?? [];
  const only = item.files.length === 1 ? item.files[0] : undefined;
  return (
    <div className="cannot-import">
      <h4>Cannot import</h4>
      {item.error ? (
        <div data-testid="item-error">
          <ErrorMessage error={item.error} />
        </div>
      ) : (
        <ul className="findings problems" data-testid="problems">
          {problems.map((problem) => (
            <li key={problem.code}>{problem.message}</li>
          ))}
        </ul>
      )}
      {only && isKeyOnly(only.report) && (
        <p className="muted small">
          A private key alone: drop its certificate too, then choose “Pair with {item.fileName}” on
          the certificate.
        </p>
      )}
      {needsKey(item) && <PairOffer queue={queue} item={item} />}
      {item.pairError && (
        <p className="field-error" role="alert">
          {item.pairError}
        </p>
      )}
    </div>
  );
}

/** Name, options and the Import button of an importable item. */
function ItemForm({ queue, item }: { queue: ImportQueue; item: Item }) {
  const sending = item.step === "queued" || item.step === "importing";
  // Whatever keeps Import disabled is said beside its own control (name, choice, tags).
  return (
    // A form of its own scopes the content-type radios to this card. Nothing submits it.
    <form className="item-form" onSubmit={(event) => event.preventDefault()}>
      <fieldset className="item-fields" disabled={sending}>
        <NameField queue={queue} item={item} />
        <ItemOptions queue={queue} item={item} />
      </fieldset>
      {item.step === "failed" && item.error && (
        <div data-testid="item-error">
          <ErrorMessage error={item.error} />
        </div>
      )}
      <div className="item-actions">
        <button
          type="button"
          className="button primary"
          data-testid="import-item-button"
          disabled={!canImport(item)}
          onClick={() => queue.importOne(item.key)}
        >
          {item.step === "queued"
            ? "Waiting…"
            : item.step === "importing"
              ? "Importing…"
              : item.step === "failed"
                ? "Retry"
                : "Import"}
        </button>
      </div>
    </form>
  );
}

function ItemBody({ queue, item }: { queue: ImportQueue; item: Item }) {
  if (item.step === "password") return <PasswordForm queue={queue} item={item} />;
  if (item.step === "unreadable") return <CannotImport queue={queue} item={item} />;
  if (item.step === "done") {
    return (
      <p className="imported">
        Imported as <strong>{item.imported?.name}</strong>
        {item.imported?.version && (
          <>
            {" "}
            (version <span className="mono">{item.imported.version}</span>)
          </>
        )}
      </p>
    );
  }
  if (!item.plan) {
    return (
      <div className="item-loading" aria-busy="true">
        <span className="skeleton" />
        <span className="skeleton" />
        <span className="visually-hidden">Reading the file…</span>
      </div>
    );
  }
  return (
    <div className="import-item-body">
      <Preview plan={item.plan} />
      {importable(item) ? (
        <ItemForm queue={queue} item={item} />
      ) : (
        <CannotImport queue={queue} item={item} />
      )}
    </div>
  );
}

/** One file (or certificate + key pair) of the queue; re-renders only when it changes. */
export const ImportItemCard = memo(function ImportItemCard({
  queue,
  itemKey,
}: {
  queue: ImportQueue;
  itemKey: number;
}) {
  const item = useQueueItem(queue, itemKey);
  if (!item) return null;
  const state = itemState(item);
  const names = item.files.length > 1 ? item.files.map((file) => file.file_name) : [item.fileName];
  return (
    <article
      className="import-item"
      data-testid="import-item"
      data-file-name={item.fileName}
      data-state={state}
      aria-label={names.join(" and ")}
    >
      <header className="import-item-head">
        <FileIcon />
        <span className="import-file" title={item.path}>
          {names.join(" + ")}
        </span>
        <span className={`badge state-${state}`}>{stateLabel(item, state)}</span>
        <button
          type="button"
          className="button icon-button ghost small"
          aria-label={`Remove ${names.join(" and ")}`}
          title="Remove from the import"
          disabled={item.step === "importing"}
          onClick={() => queue.remove(item.key)}
        >
          <CloseIcon />
        </button>
      </header>
      <ItemBody queue={queue} item={item} />
    </article>
  );
});
