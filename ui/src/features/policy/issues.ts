import type { FieldIssue } from "../../ipc/bindings/FieldIssue";

/** The issues on exactly `field`. */
export const issuesAt = (issues: readonly FieldIssue[], field: string) =>
  issues.filter((issue) => issue.field === field);

/** The issues on `field` or anything inside it (`x509_props.sans` holds `…sans.dns_names.2`). */
export const issuesUnder = (issues: readonly FieldIssue[], field: string) =>
  issues.filter((issue) => issue.field === field || issue.field.startsWith(`${field}.`));

export const hasErrors = (issues: readonly FieldIssue[]) =>
  issues.some((issue) => issue.severity === "Error");

/** The DOM id of a field's issue list, for aria-describedby. */
export const issueId = (prefix: string, field: string) =>
  `${prefix}-issues-${field.replaceAll(".", "-")}`;
