// A certificate's properties before and after an edit, as the rows of a review table.
import type { FieldChange } from "../../ipc/bindings/FieldChange";

export interface Properties {
  enabled: boolean;
  tags: Record<string, string>;
}

const NONE = "—";
const word = (enabled: boolean) => (enabled ? "Enabled" : "Disabled");

/** Each property that differs: the flag, then each tag added, changed or removed by name. */
export function propertyChanges(before: Properties, after: Properties): FieldChange[] {
  const changes: FieldChange[] = [];
  if (before.enabled !== after.enabled) {
    changes.push({
      field: "attributes.enabled",
      label: "Enabled",
      before: word(before.enabled),
      after: word(after.enabled),
    });
  }
  const names = [...new Set([...Object.keys(before.tags), ...Object.keys(after.tags)])].sort();
  for (const name of names) {
    const [old, now] = [before.tags[name], after.tags[name]];
    if (old === now) continue;
    changes.push({
      field: `tags.${name}`,
      label: `Tag ${name}`,
      before: old ?? NONE,
      after: now ?? NONE,
    });
  }
  return changes;
}

export const sameTags = (a: Record<string, string>, b: Record<string, string>) =>
  propertyChanges({ enabled: true, tags: a }, { enabled: true, tags: b }).length === 0;
