// Timings a benchmark reads from window.__certdeckPerf: how long rows take from arriving to
// being on screen, and how long a search keystroke takes to show its result.
interface PerfSnapshot {
  lastRender: number;
  lastFilter: number;
  rows: number;
}

declare global {
  interface Window {
    __certdeckPerf?: PerfSnapshot;
  }
}

const snapshot: PerfSnapshot = { lastRender: 0, lastFilter: 0, rows: 0 };
window.__certdeckPerf = snapshot;
let rowsSince: number | null = null;
let filterSince: number | null = null;

function mark(name: string): number {
  performance.mark(name);
  return performance.now();
}

/** A page of rows reached the listing; the first unrendered page starts the clock. */
export function rowsReceived() {
  rowsSince ??= mark("rows-received");
}

/** The search text changed. */
export function filterStarted() {
  filterSince = mark("filter-start");
}

/** The table has laid out `rows` rows; stops whichever clocks are running. */
export function rowsRendered(rows: number) {
  snapshot.rows = rows;
  if (rowsSince !== null) {
    snapshot.lastRender = mark("rows-rendered") - rowsSince;
    performance.measure("rows", "rows-received", "rows-rendered");
    rowsSince = null;
  }
  if (filterSince !== null) {
    snapshot.lastFilter = mark("filter-rendered") - filterSince;
    performance.measure("filter", "filter-start", "filter-rendered");
    filterSince = null;
  }
}
