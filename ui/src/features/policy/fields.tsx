// How a field of the editor shows what is wrong with it (issues from check_policy or a
// refusal) and what the service stored otherwise than sent, wired for assistive technology.
import { createContext, type ReactNode, useContext } from "react";
import type { FieldChange } from "../../ipc/bindings/FieldChange";
import type { FieldIssue } from "../../ipc/bindings/FieldIssue";
import { hasErrors, issueId, issuesAt, issuesUnder } from "./issues";

export interface EditorContextValue {
  issues: readonly FieldIssue[];
  stored: readonly FieldChange[];
  /** Unique per editor, so two editors on a page have distinct ids. */
  idPrefix: string;
  disabled: boolean;
}

export const EditorContext = createContext<EditorContextValue>({
  issues: [],
  stored: [],
  idPrefix: "policy",
  disabled: false,
});

const domId = (field: string) => field.replaceAll(".", "-");

/**
 * Everything a field needs: its input's id and aria attributes, its issues and stored
 * differences, and `notes` to render under it. `under` also takes those of nested fields.
 */
export function useField(field: string, { under = false, exclude = [] as string[] } = {}) {
  const { issues: all, stored: allStored, idPrefix, disabled } = useContext(EditorContext);
  const issues = (under ? issuesUnder(all, field) : issuesAt(all, field)).filter(
    (issue) => !exclude.includes(issue.field),
  );
  const stored = allStored.filter(
    (change) => change.field === field || (under && change.field.startsWith(`${field}.`)),
  );
  const notesId = issueId(idPrefix, field);
  const described = issues.length > 0 || stored.length > 0;
  return {
    id: `${idPrefix}-${domId(field)}`,
    issues,
    stored,
    disabled,
    invalid: hasErrors(issues),
    inputProps: {
      "aria-invalid": hasErrors(issues) || undefined,
      "aria-describedby": described ? notesId : undefined,
    },
    notes: described ? <FieldNotes id={notesId} issues={issues} stored={stored} /> : null,
  };
}

/** A field's issues (errors first) and stored differences. */
export function FieldNotes({
  id,
  issues,
  stored = [],
}: {
  id?: string;
  issues: readonly FieldIssue[];
  stored?: readonly FieldChange[];
}) {
  const sorted = [...issues].sort(
    (a, b) => Number(b.severity === "Error") - Number(a.severity === "Error"),
  );
  return (
    <div id={id} className="field-notes">
      {sorted.map((issue) => (
        <p
          key={`${issue.field}:${issue.severity}:${issue.message}`}
          className={issue.severity === "Error" ? "field-issue error" : "field-issue warning"}
          data-testid="field-issue"
          data-field={issue.field}
        >
          <span className="visually-hidden">
            {issue.severity === "Error" ? "Error: " : "Warning: "}
          </span>
          {issue.message}
        </p>
      ))}
      {stored.map((change) => (
        <p key={change.field} className="field-stored" data-testid="stored-differently">
          <span className="badge stored-badge">Stored differently</span> The service stored{" "}
          <strong>{change.after}</strong> (sent: {change.before}).
        </p>
      ))}
    </div>
  );
}

/** A labelled control with its notes; `hint` says what the choice means. */
export function Labelled({
  label,
  field,
  hint,
  children,
}: {
  label: ReactNode;
  field: ReturnType<typeof useField>;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={field.invalid ? "policy-field invalid" : "policy-field"}>
      <label htmlFor={field.id}>{label}</label>
      {children}
      {hint && <small className="muted">{hint}</small>}
      {field.notes}
    </div>
  );
}
