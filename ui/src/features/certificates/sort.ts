import type { GridSort } from "../../components/DataGrid";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import { statusUrgency } from "./status";

export type SortColumn = "name" | "status" | "expires" | "created" | "updated" | "thumbprint";

/** Most urgent first, then soonest to expire. */
export const defaultSort: GridSort = { column: "status", descending: false };

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
const sortValue: Record<SortColumn, (cert: CertificateSummary) => string | number | null> = {
  name: (cert) => cert.name,
  status: (cert) => statusUrgency[cert.status],
  expires: (cert) => cert.expires,
  created: (cert) => cert.created,
  updated: (cert) => cert.updated,
  thumbprint: (cert) => cert.thumbprint,
};

/** Missing values (a pending certificate has no expiry) go last in either direction. */
function compare(a: string | number | null, b: string | number | null, descending: boolean) {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const order =
    typeof a === "string" && typeof b === "string" ? collator.compare(a, b) : Number(a) - Number(b);
  return descending ? -order : order;
}

export function isSortColumn(column: string): column is SortColumn {
  return column in sortValue;
}

// Ties are common (five statuses, many certificates renewed the same day), so the last
// tie-break is a plain comparison: a collator there would dominate the time of a 10,000-row sort.
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortCertificates(rows: CertificateSummary[], sort: GridSort): CertificateSummary[] {
  const value = sortValue[isSortColumn(sort.column) ? sort.column : "status"];
  return rows
    .map((cert) => ({ cert, key: value(cert) }))
    .sort(
      (a, b) =>
        compare(a.key, b.key, sort.descending) ||
        compare(a.cert.expires, b.cert.expires, false) ||
        byCodePoint(a.cert.name, b.cert.name),
    )
    .map(({ cert }) => cert);
}

/** A click on the sorted column flips it; a click on another sorts by it ascending. */
export function nextSort(current: GridSort, column: string): GridSort {
  return current.column === column
    ? { column, descending: !current.descending }
    : { column, descending: false };
}
