import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";

/** One certificate in the cross-vault expiry view. */
export interface ExpiryRow {
  vault: VaultEntry;
  cert: CertificateSummary;
}

export type ExpiryWindow = "all" | "expired" | "30" | "90";

export const expiryWindows: { value: ExpiryWindow; label: string; title: string }[] = [
  { value: "all", label: "All", title: "Every certificate" },
  { value: "expired", label: "Expired", title: "Already past their expiry date" },
  { value: "30", label: "≤30 days", title: "Expired, or expiring within 30 days" },
  { value: "90", label: "≤90 days", title: "Expired, or expiring within 90 days" },
];

const DAY = 86_400;

/** Whether the certificate expires within the window (expired ones count as within any). */
export function inWindow(cert: CertificateSummary, window: ExpiryWindow, now: number): boolean {
  if (window === "all") return true;
  if (cert.expires === null) return false;
  const limit = window === "expired" ? 0 : Number(window) * DAY;
  return cert.expires - now <= limit;
}

// localeCompare's order, without setting up a collation per comparison.
const collator = new Intl.Collator();

/** Soonest expiry first, so the expired lead; certificates without an expiry go last. */
function byExpiry(a: ExpiryRow, b: ExpiryRow): number {
  const left = a.cert.expires ?? Number.POSITIVE_INFINITY;
  const right = b.cert.expires ?? Number.POSITIVE_INFINITY;
  return left - right || collator.compare(a.cert.name, b.cert.name);
}

// Each vault's rows sorted, kept while its listing and its entry stay the same objects: a
// batch arriving for one vault re-sorts that vault's rows only.
const sortedRows = new WeakMap<CertificateSummary[], { vault: VaultEntry; rows: ExpiryRow[] }>();

/** A vault's certificates by expiry. */
export function vaultRowsByExpiry(vault: VaultEntry, certs: CertificateSummary[]): ExpiryRow[] {
  const cached = sortedRows.get(certs);
  if (cached?.vault === vault) return cached.rows;
  const rows = certs.map((cert) => ({ vault, cert })).sort(byExpiry);
  sortedRows.set(certs, { vault, rows });
  return rows;
}

function mergeTwo(a: ExpiryRow[], b: ExpiryRow[]): ExpiryRow[] {
  const merged: ExpiryRow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const left = a[i];
    const right = b[j];
    // On a tie the earlier vault's row goes first, as a stable sort of all rows would have it.
    if (left !== undefined && (right === undefined || byExpiry(left, right) <= 0)) {
      merged.push(left);
      i++;
    } else if (right !== undefined) {
      merged.push(right);
      j++;
    }
  }
  return merged;
}

/** Every vault's rows by expiry, merged from each vault's sorted rows in pairs. */
export function mergeByExpiry(perVault: ExpiryRow[][]): ExpiryRow[] {
  let level = perVault;
  while (level.length > 1) {
    const next: ExpiryRow[][] = [];
    for (let k = 0; k < level.length; k += 2) {
      next.push(mergeTwo(level[k] ?? [], level[k + 1] ?? []));
    }
    level = next;
  }
  return level[0] ?? [];
}

export interface Bucket {
  label: string;
  /** Read aloud and shown on hover, e.g. "March 2026". */
  longLabel: string;
  count: number;
  overdue: boolean;
}

/**
 * Counts per month for the timeline: an "Overdue" bucket for what has expired, then this
 * month (from now) and the eleven after it. Later expiries are not in any bucket.
 */
export function monthBuckets(certs: CertificateSummary[], now: number): Bucket[] {
  const today = new Date(now * 1000);
  const short = new Intl.DateTimeFormat(undefined, { month: "short" });
  const long = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric" });
  const buckets: Bucket[] = [{ label: "Overdue", longLabel: "Overdue", count: 0, overdue: true }];
  const starts: number[] = [];
  for (let month = 0; month <= 12; month++) {
    const start = new Date(today.getFullYear(), today.getMonth() + month, 1);
    starts.push(start.getTime() / 1000);
    if (month < 12) {
      buckets.push({
        label: short.format(start),
        longLabel: long.format(start),
        count: 0,
        overdue: false,
      });
    }
  }
  for (const { expires } of certs) {
    if (expires === null) continue;
    // Bucket 0 is overdue; bucket n (n ≥ 1) is the month that starts at starts[n - 1].
    const index = expires <= now ? 0 : starts.findIndex((start) => expires < start);
    const bucket = buckets[index];
    if (bucket) bucket.count++;
  }
  return buckets;
}
