import type { CSSProperties } from "react";
import { CloseIcon, PlusIcon } from "../../components/icons";
import { useField } from "../policy/fields";

export interface PersonColumn<T> {
  key: keyof T & string;
  label: string;
  type: "text" | "email" | "tel";
  placeholder?: string;
}

/**
 * Editable rows of people (certificate contacts, an issuer's administrators): one input per
 * column, each with the issues on `${field}.${index}.${key}` from the surrounding EditorContext.
 */
export function PeopleRows<T extends Record<string, string>>({
  field,
  rows,
  columns,
  blank,
  onChange,
  itemLabel,
  addLabel,
}: {
  field: string;
  rows: T[];
  columns: PersonColumn<T>[];
  blank: T;
  onChange: (rows: T[]) => void;
  /** "Contact", "Administrator": names each row for assistive technology. */
  itemLabel: string;
  addLabel: string;
}) {
  const group = useField(field);
  const set = (index: number, key: keyof T, value: string) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [key]: value } : row)));
  return (
    <div
      className="people"
      data-testid={`${field}-rows`}
      style={{ "--people-columns": columns.length } as CSSProperties}
    >
      {rows.length > 0 && (
        <div className="people-head" aria-hidden="true">
          {columns.map((column) => (
            <span key={column.key}>{column.label}</span>
          ))}
        </div>
      )}
      <ol className="people-rows">
        {rows.map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: edited in place, by position
          <li key={index} className="people-row" data-testid="person-row">
            {columns.map((column) => (
              <PersonCell
                key={column.key}
                field={`${field}.${index}.${column.key}`}
                label={`${itemLabel} ${index + 1} ${column.label.toLowerCase()}`}
                type={column.type}
                placeholder={column.placeholder}
                value={row[column.key] ?? ""}
                onChange={(value) => set(index, column.key, value)}
              />
            ))}
            <button
              type="button"
              className="button small icon-button ghost"
              aria-label={`Remove ${itemLabel.toLowerCase()} ${index + 1}`}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            >
              <CloseIcon />
            </button>
          </li>
        ))}
      </ol>
      <div>
        <button type="button" className="button small" onClick={() => onChange([...rows, blank])}>
          <PlusIcon />
          {addLabel}
        </button>
      </div>
      {group.notes}
    </div>
  );
}

function PersonCell({
  field,
  label,
  type,
  placeholder,
  value,
  onChange,
}: {
  field: string;
  label: string;
  type: PersonColumn<Record<string, string>>["type"];
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const cell = useField(field);
  return (
    <div className={cell.invalid ? "policy-field invalid" : "policy-field"}>
      <input
        id={cell.id}
        type={type}
        aria-label={label}
        placeholder={placeholder}
        value={value}
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
        {...cell.inputProps}
      />
      {cell.notes}
    </div>
  );
}
