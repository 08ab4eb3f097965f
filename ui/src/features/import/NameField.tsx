import { useId } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import type { DeletedName } from "../../ipc/bindings/DeletedName";
import { formatDate } from "../certificates/dates";
import { type Item, type NameCheck, nameError } from "./item";
import type { ImportQueue } from "./queue";

/** What the user confirmed about the name's state in the vault. */
export interface NameChoices {
  /** The name exists and this becomes its new version. */
  newVersion: boolean;
  deletedName: DeletedName | null;
  /** The name typed again to confirm a purge. */
  purgeTyped: string;
}

/** How the form speaks of what it does with the name ("import", "create"). */
export interface NameWords {
  /** "importing", "creating". */
  doing: string;
  /** "import", "create". */
  verb: string;
}

const importWords: NameWords = { doing: "importing", verb: "import" };

/** A name field's state, whatever form holds it (an import item, the new certificate dialog). */
export interface VaultNameFieldProps {
  vaultName: string;
  name: string;
  onName: (name: string) => void;
  /** What is wrong with the name before the vault is asked (Key Vault's rule, …). */
  problem: string | null;
  /** The vault's answer; ignored unless it is for `name`. */
  check: NameCheck | null;
  onRecheck: () => void;
  choices: NameChoices;
  onChoose: (choices: Partial<NameChoices>) => void;
  words?: NameWords;
}

/** What the vault holds under the name, and the choice that asks of the user. */
function NameStatusLine(props: VaultNameFieldProps) {
  const { vaultName, name, choices, onChoose, words = importWords } = props;
  const check = props.check?.name === name ? props.check : null;
  if (check?.error) {
    return (
      <div data-testid="name-status">
        <ErrorMessage error={check.error} />
        <button type="button" className="button small" onClick={props.onRecheck}>
          Check again
        </button>
      </div>
    );
  }
  const status = check?.status;
  if (!status) {
    return (
      <p className="name-status muted" data-testid="name-status" aria-busy="true">
        Checking the name in {vaultName}…
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
            {name} exists in {vaultName}: {words.doing} adds a new version
            {status.expires !== null && ` (the current one expires ${formatDate(status.expires)})`}.
          </p>
          <label className="check">
            <input
              type="checkbox"
              data-testid="new-version-confirm"
              checked={choices.newVersion}
              onChange={(event) => onChoose({ newVersion: event.target.checked })}
            />
            Add as new version
          </label>
        </div>
      );
    case "Deleted":
      return (
        <DeletedChoice {...props} deletedOn={status.deleted_on} until={status.scheduled_purge} />
      );
  }
}

/** A deleted name is recovered or purged first; purging is typed out. */
function DeletedChoice({
  name,
  choices,
  onChoose,
  words = importWords,
  deletedOn,
  until,
}: VaultNameFieldProps & { deletedOn: number | null; until: number | null }) {
  const confirmId = useId();
  return (
    <div className="name-choice">
      <p className="name-status warn" data-testid="name-status">
        {name} was deleted{deletedOn !== null && ` on ${formatDate(deletedOn)}`} and can be
        recovered{until !== null && ` until ${formatDate(until)}`}.
      </p>
      <div className="choice-buttons">
        <button
          type="button"
          className="button small"
          data-testid="recover-button"
          aria-pressed={choices.deletedName === "Recover"}
          onClick={() => onChoose({ deletedName: "Recover" })}
        >
          Recover, then {words.verb} as a new version
        </button>
        <button
          type="button"
          className="button small"
          data-testid="purge-button"
          aria-pressed={choices.deletedName === "Purge"}
          onClick={() => onChoose({ deletedName: "Purge" })}
        >
          Purge, then {words.verb}
        </button>
      </div>
      {choices.deletedName === "Purge" && (
        <label className="field purge-confirm" htmlFor={confirmId}>
          <span>
            Purging deletes every version of <strong>{name}</strong> for good. Type the name to
            confirm.
          </span>
          <input
            id={confirmId}
            data-testid="purge-confirm-input"
            value={choices.purgeTyped}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => onChoose({ purgeTyped: event.target.value })}
          />
        </label>
      )}
    </div>
  );
}

/** A certificate's name in a vault: Key Vault's rule as it is typed, then the vault's answer. */
export function VaultNameField(props: VaultNameFieldProps) {
  const id = useId();
  const { name, problem, onName } = props;
  return (
    <div className="field name-field">
      <label htmlFor={id}>Name in the vault</label>
      <input
        id={id}
        data-testid="name-input"
        value={name}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={problem !== null}
        aria-describedby={`${id}-status`}
        onChange={(event) => onName(event.target.value)}
      />
      <div id={`${id}-status`}>
        {problem ? (
          <p className="field-error" data-testid="name-error">
            {problem}
          </p>
        ) : (
          name !== "" && <NameStatusLine {...props} />
        )}
      </div>
    </div>
  );
}

/** An import item's name field. */
export function NameField({ queue, item }: { queue: ImportQueue; item: Item }) {
  return (
    <VaultNameField
      vaultName={queue.vault.name}
      name={item.name}
      onName={(name) => queue.setName(item.key, name)}
      problem={nameError(item)}
      check={item.check}
      onRecheck={() => queue.recheck(item.key)}
      choices={item}
      onChoose={(choices) => queue.choose(item.key, choices)}
    />
  );
}
