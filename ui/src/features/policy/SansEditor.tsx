// Subject alternative names: one editable list per kind, each entry with its own issues
// (`x509_props.sans.<kind>.<index>`, e.g. the punycode form of an IDN name).
import { useContext, useRef } from "react";
import { CloseIcon } from "../../components/icons";
import type { PolicySans } from "../../ipc/bindings/PolicySans";
import { EditorContext, useField } from "./fields";
import { SAN_KINDS } from "./policy";

export function SansEditor({
  sans,
  onChange,
}: {
  sans: PolicySans;
  onChange: (sans: PolicySans) => void;
}) {
  const all = useField("x509_props.sans");
  return (
    <fieldset className="policy-subsection" data-testid="sans">
      <legend>Subject alternative names</legend>
      {all.notes}
      {SAN_KINDS.map(({ kind, label, one, placeholder }) => (
        <SanList
          key={kind}
          kind={kind}
          label={label}
          one={one}
          placeholder={placeholder}
          entries={sans[kind]}
          onChange={(entries) => onChange({ ...sans, [kind]: entries })}
        />
      ))}
    </fieldset>
  );
}

function SanList({
  kind,
  label,
  one,
  placeholder,
  entries,
  onChange,
}: {
  kind: keyof PolicySans;
  label: string;
  one: string;
  placeholder: string;
  entries: string[];
  onChange: (entries: string[]) => void;
}) {
  const list = useField(`x509_props.sans.${kind}`);
  const listRef = useRef<HTMLUListElement>(null);
  const add = () => {
    onChange([...entries, ""]);
    // Focus the new entry once it renders.
    window.setTimeout(() => {
      const inputs = listRef.current?.querySelectorAll("input");
      inputs?.[inputs.length - 1]?.focus();
    });
  };
  return (
    <fieldset className="policy-san-list" data-testid={`san-${kind}`}>
      <legend>{label}</legend>
      {list.notes}
      {entries.length === 0 ? (
        <p className="muted small">None</p>
      ) : (
        <ul ref={listRef}>
          {entries.map((entry, index) => (
            <SanEntry
              // biome-ignore lint/suspicious/noArrayIndexKey: entries are edited in place, by position
              key={index}
              field={`x509_props.sans.${kind}.${index}`}
              label={`${one} ${index + 1}`}
              value={entry}
              placeholder={placeholder}
              onChange={(next) => onChange(entries.map((e, i) => (i === index ? next : e)))}
              onRemove={() => onChange(entries.filter((_, i) => i !== index))}
            />
          ))}
        </ul>
      )}
      <div>
        <button type="button" className="button small" onClick={add} disabled={list.disabled}>
          Add {one}
        </button>
      </div>
    </fieldset>
  );
}

function SanEntry({
  field: path,
  label,
  value,
  placeholder,
  onChange,
  onRemove,
}: {
  field: string;
  label: string;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
  onRemove: () => void;
}) {
  const field = useField(path);
  const { disabled } = useContext(EditorContext);
  return (
    <li className={field.invalid ? "policy-field invalid" : "policy-field"}>
      <div className="policy-row">
        <input
          id={field.id}
          aria-label={label}
          value={value}
          placeholder={placeholder}
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
          {...field.inputProps}
        />
        <button
          type="button"
          className="button small icon-button ghost"
          aria-label={`Remove ${label}`}
          data-tooltip={`Remove ${label}`}
          disabled={disabled}
          onClick={onRemove}
        >
          <CloseIcon />
        </button>
      </div>
      {field.notes}
    </li>
  );
}
