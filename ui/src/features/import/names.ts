// Key Vault's rule for certificate names, mirrored from the backend so a name is judged as it
// is typed: 1–127 characters of 0-9, a-z, A-Z and '-'.
export const MAX_NAME_LENGTH = 127;

const allowed = /^[0-9a-zA-Z-]$/;

/** What is wrong with `name`, in words; null when Key Vault takes it. */
export function nameProblem(name: string): string | null {
  if (name === "") return "Enter a name.";
  const bad = [...name].find((c) => !allowed.test(c));
  if (bad !== undefined) {
    const what = bad === " " ? "a space" : `'${bad}'`;
    return `Names take only letters, digits and '-'; ${what} is not allowed.`;
  }
  if (name.length > MAX_NAME_LENGTH) {
    return `Names are at most ${MAX_NAME_LENGTH} characters; this one has ${name.length}.`;
  }
  return null;
}

/** A valid name from a file name, for certificates without a usable common name. */
export function nameFromFile(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, "");
  const name = stem
    .replace(/[^0-9a-zA-Z]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_NAME_LENGTH)
    .replace(/-+$/, "");
  return name || "certificate";
}

/** Key Vault names ignore case: `Web` and `web` are the same certificate. */
export const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
