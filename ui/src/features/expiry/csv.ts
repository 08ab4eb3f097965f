import { formatIsoDate } from "../certificates/dates";
import type { ExpiryRow } from "./expiry";

/**
 * RFC 4180: quote a field that holds a quote, comma, line break or edge whitespace. A field
 * a spreadsheet would run as a formula (=, +, -, @) gets a leading apostrophe first.
 */
export function csvField(value: string): string {
  const inert = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

export function toCsv(rows: string[][]): string {
  return rows.map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}

const iso = (unixSeconds: number | null) =>
  unixSeconds === null ? "" : new Date(unixSeconds * 1000).toISOString();

export function expiryCsv(rows: ExpiryRow[]): string {
  return toCsv([
    ["vault", "name", "status", "expires", "thumbprint", "id"],
    ...rows.map(({ vault, cert }) => [
      vault.name,
      cert.name,
      cert.status,
      iso(cert.expires),
      cert.thumbprint ?? "",
      cert.id,
    ]),
  ]);
}

/** e.g. certdeck-expiry-2026-03-09.csv, by the local date. */
export function csvFileName(now = new Date()): string {
  return `certdeck-expiry-${formatIsoDate(now)}.csv`;
}
