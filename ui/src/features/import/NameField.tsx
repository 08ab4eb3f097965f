import { useId } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { formatDate } from "../certificates/dates";
import { type Item, nameError } from "./item";
import type { ImportQueue } from "./queue";

/** What the vault holds under the name, and the choice that asks of the user. */
function NameStatusLine({ queue, item }: { queue: ImportQueue; item: Item }) {
  const vault = queue.vault;
  const check = item.check?.name === item.name ? item.check : null;
  if (check?.error) {
    return (
      <div data-testid="name-status">
        <ErrorMessage error={check.error} />
        <button type="button" className="button small" onClick={() => queue.recheck(item.key)}>
          Check again
        </button>
      </div>
    );
  }
  const status = check?.status;
  if (!status) {
    return (
      <p className="name-status muted" data-testid="name-status" aria-busy="true">
        Checking the name in {vault.name}…
      </p>
    );
  }
  switch (status.state) {
    case "Free":
      return (
        <p className="name-status good" data-testid="name-status">
          New certificate
        </p>
      );
    case "Exists":
      return (
        <div className="name-choice">
          <p className="name-status warn" data-testid="name-status">
            {item.name} exists in {vault.name}: importing adds a new version
            {status.expires !== null && ` (the current one expires ${formatDate(status.expires)})`}.
          </p>
          <label className="check">
            <input
              type="checkbox"
              data-testid="new-version-confirm"
              checked={item.newVersion}
              onChange={(event) => queue.choose(item.key, { newVersion: event.target.checked })}
            />
            Add as new version
          </label>
        </div>
      );
    case "Deleted":
      return (
        <DeletedChoice
          queue={queue}
          item={item}
          deletedOn={status.deleted_on}
          until={status.scheduled_purge}
        />
      );
  }
}

/** A deleted name is recovered or purged before the import; purging is typed out. */
function DeletedChoice({
  queue,
  item,
  deletedOn,
  until,
}: {
  queue: ImportQueue;
  item: Item;
  deletedOn: number | null;
  until: number | null;
}) {
  const confirmId = useId();
  return (
    <div className="name-choice">
      <p className="name-status warn" data-testid="name-status">
        {item.name} was deleted{deletedOn !== null && ` on ${formatDate(deletedOn)}`} and can be
        recovered{until !== null && ` until ${formatDate(until)}`}.
      </p>
      <div className="choice-buttons">
        <button
          type="button"
          className="button small"
          data-testid="recover-button"
          aria-pressed={item.deletedName === "Recover"}
          onClick={() => queue.choose(item.key, { deletedName: "Recover" })}
        >
          Recover, then import as a new version
        </button>
        <button
          type="button"
          className="button small"
          data-testid="purge-button"
          aria-pressed={item.deletedName === "Purge"}
          onClick={() => queue.choose(item.key, { deletedName: "Purge" })}
        >
          Purge, then import
        </button>
      </div>
      {item.deletedName === "Purge" && (
        <label className="field purge-confirm" htmlFor={confirmId}>
          <span>
            Purging deletes every version of <strong>{item.name}</strong> for good. Type the name to
            confirm.
          </span>
          <input
            id={confirmId}
            data-testid="purge-confirm-input"
            value={item.purgeTyped}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => queue.choose(item.key, { purgeTyped: event.target.value })}
          />
        </label>
      )}
    </div>
  );
}

/** The certificate's name in the vault: Key Vault's rule as it is typed, then the vault's answer. */
export function NameField({ queue, item }: { queue: ImportQueue; item: Item }) {
  const id = useId();
  const problem = nameError(item);
  return (
    <div className="field name-field">
      <label htmlFor={id}>Name in the vault</label>
      <input
        id={id}
        data-testid="name-input"
        value={item.name}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={problem !== null}
        aria-describedby={`${id}-status`}
        onChange={(event) => queue.setName(item.key, event.target.value)}
      />
      <div id={`${id}-status`}>
        {problem ? (
          <p className="field-error" data-testid="name-error">
            {problem}
          </p>
        ) : (
          <NameStatusLine queue={queue} item={item} />
        )}
      </div>
    </div>
  );
}
