import type { useField } from "./fields";

/** A checkbox with its label, hint and notes. */
export function Check({
  field,
  checked,
  onChange,
  label,
  hint,
  disabled,
}: {
  field: ReturnType<typeof useField>;
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  hint?: string;
  disabled?: boolean;
}) {
  return (
    <div
      className={field.invalid ? "policy-field policy-check invalid" : "policy-field policy-check"}
    >
      <label htmlFor={field.id}>
        <input
          id={field.id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(event) => onChange(event.target.checked)}
          {...field.inputProps}
        />
        {label}
      </label>
      {hint && <small className="muted">{hint}</small>}
      {field.notes}
    </div>
  );
}
