import { CloseIcon, PlusIcon } from "../../components/icons";
import type { ContentType } from "../../ipc/bindings/ContentType";
import type { Item } from "./item";
import type { ImportQueue } from "./queue";
import { MAX_TAGS, newTagRow, type TagRow, tagProblem } from "./tags";

const contentTypes: { value: ContentType; label: string; help: string; testId: string }[] = [
  {
    value: "Pfx",
    label: "PFX",
    help: "The vault stores and downloads it as a PKCS#12 (.pfx) file.",
    testId: "content-type-pfx",
  },
  {
    value: "Pem",
    label: "PEM",
    help: "The vault stores and downloads it as PEM text: the key, then the chain.",
    testId: "content-type-pem",
  },
];

/** Tag rows to add, edit and remove, up to Key Vault's limit. */
export function TagsEditor({
  rows,
  onChange,
}: {
  rows: TagRow[];
  onChange: (rows: TagRow[]) => void;
}) {
  const edit = (id: number, change: Partial<TagRow>) =>
    onChange(rows.map((row) => (row.id === id ? { ...row, ...change } : row)));
  const problem = tagProblem(rows);
  return (
    <fieldset className="tags">
      <legend>
        Tags{" "}
        <span className="muted">
          ({rows.length} of {MAX_TAGS})
        </span>
      </legend>
      {rows.map((row, index) => (
        <div key={row.id} className="tag-row">
          <input
            aria-label={`Tag ${index + 1} name`}
            placeholder="Name"
            value={row.key}
            spellCheck={false}
            onChange={(event) => edit(row.id, { key: event.target.value })}
          />
          <input
            aria-label={`Tag ${index + 1} value`}
            placeholder="Value"
            value={row.value}
            spellCheck={false}
            onChange={(event) => edit(row.id, { value: event.target.value })}
          />
          <button
            type="button"
            className="button icon-button ghost small"
            aria-label={`Remove tag ${index + 1}`}
            onClick={() => onChange(rows.filter((other) => other.id !== row.id))}
          >
            <CloseIcon />
          </button>
        </div>
      ))}
      {problem && <p className="field-error">{problem}</p>}
      <button
        type="button"
        className="button small"
        disabled={rows.length >= MAX_TAGS}
        onClick={() => onChange([...rows, newTagRow()])}
      >
        <PlusIcon />
        Add tag
      </button>
    </fieldset>
  );
}

/** How the certificate is stored, whether it is enabled, and its tags. */
export function ItemOptions({ queue, item }: { queue: ImportQueue; item: Item }) {
  const chosen = item.contentType ?? item.plan?.content_type;
  return (
    <>
      <fieldset className="content-type">
        <legend>Store as</legend>
        {contentTypes.map((type) => (
          <label key={type.value}>
            <input
              type="radio"
              name={`content-type-${item.key}`}
              data-testid={type.testId}
              checked={chosen === type.value}
              onChange={() => queue.setContentType(item.key, type.value)}
            />
            <span>
              <strong>{type.label}</strong>
              <small>{type.help}</small>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input
          type="checkbox"
          checked={item.enabled}
          onChange={(event) => queue.choose(item.key, { enabled: event.target.checked })}
        />
        Enabled <small className="muted">— applications can use it as soon as it is imported</small>
      </label>
      <TagsEditor rows={item.tags} onChange={(tags) => queue.choose(item.key, { tags })} />
    </>
  );
}
