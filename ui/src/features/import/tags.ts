// Tags as the import form edits them: rows the user adds and removes, sent as a map.

/** Key Vault's limits on tags per certificate and on a tag's name and value, in characters. */
export const MAX_TAGS = 15;
export const MAX_TAG_NAME = 512;
export const MAX_TAG_VALUE = 256;

/** Characters as Key Vault counts them (code points, not UTF-16 units). */
const length = (text: string) => [...text].length;

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
  if (used.length > MAX_TAGS) {
    return `Key Vault takes at most ${MAX_TAGS} tags; there are ${used.length}.`;
  }
  const longName = names.find((name) => length(name) > MAX_TAG_NAME);
  if (longName !== undefined) {
    return `Tag names are at most ${MAX_TAG_NAME} characters; '${longName.slice(0, 20)}…' has ${length(longName)}.`;
  }
  const longValue = used.find((row) => length(row.value) > MAX_TAG_VALUE);
  if (longValue) {
    return `Tag values are at most ${MAX_TAG_VALUE} characters; '${longValue.key.trim()}' has ${length(longValue.value)}.`;
  }
  return null;
}

export function tagMap(rows: TagRow[]): Record<string, string> {
  return Object.fromEntries(filled(rows).map((row) => [row.key.trim(), row.value]));
}
