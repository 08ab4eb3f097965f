/** How hard a password is to guess, roughly: length and variety, no dictionary. */
export type Strength = { level: "weak" | "fair" | "strong"; hint: string };

/** Rates `password` for the file it protects: anyone holding the file can guess offline. */
export function passwordStrength(password: string): Strength {
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password));
  const length = [...password].length;
  if (length < 10 || kinds.length < 2) {
    return {
      level: "weak",
      hint: "Weak: the file can be attacked offline. Use at least 12 characters, or several words.",
    };
  }
  if (length < 14 && kinds.length < 3) {
    return { level: "fair", hint: "Fair: a longer password or more kinds of characters is safer." };
  }
  return { level: "strong", hint: "Strong." };
}
