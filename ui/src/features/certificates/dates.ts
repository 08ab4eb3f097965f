// Dates as administrators read them: a local date plus how far away it is.
const DAY = 86_400;
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "short",
});
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export function formatDate(unixSeconds: number): string {
  return dateFormat.format(unixSeconds * 1000);
}

/** "2026-11-28" by the local calendar: short enough for a table column, read the same everywhere. */
export function formatIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function formatShortDate(unixSeconds: number): string {
  return formatIsoDate(new Date(unixSeconds * 1000));
}

export function formatDateTime(unixSeconds: number): string {
  return dateTimeFormat.format(unixSeconds * 1000);
}

/** "in 10 days", "35 days ago"; months and years once days stop being useful. */
export function formatRelative(unixSeconds: number, now = nowSeconds()): string {
  const days = Math.round((unixSeconds - now) / DAY);
  if (Math.abs(days) < 90) return relativeFormat.format(days, "day");
  const months = Math.round(days / 30.44);
  if (Math.abs(months) < 24) return relativeFormat.format(months, "month");
  return relativeFormat.format(Math.round(days / 365.25), "year");
}

/** Whole days until `unixSeconds` (negative once past). */
export function daysUntil(unixSeconds: number, now = nowSeconds()): number {
  return Math.floor((unixSeconds - now) / DAY);
}
