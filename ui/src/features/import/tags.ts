// Tags as the import form edits them: rows the user adds and removes, sent as a map.

/** Key Vault's limit on tags per certificate. */
export const MAX_TAGS = 15;

export interface TagRow {
  /** Keeps a row's inputs in place while rows above it are removed. */
  id: number;
  key: string;
  value: string;
}

let nextRow = 1;
export const newTagRow = (): TagRow => ({ id: nextRow++, key: "", value: "" });

const filled = (rows: TagRow[]) => rows.filter((row) => row.key.trim() || row.value.trim());

/** Why the rows cannot be sent, in words; null when they can. Empty rows are ignored. */
export function tagProblem(rows: TagRow[]): string | null {
  const used = filled(rows);
  if (used.some((row) => !row.key.trim())) return "Every tag needs a name.";
  const names = used.map((row) => row.key.trim());
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) return `The tag '${twice}' appears twice.`;
  return null;
}

export function tagMap(rows: TagRow[]): Record<string, string> {
  return Object.fromEntries(filled(rows).map((row) => [row.key.trim(), row.value]));
}
