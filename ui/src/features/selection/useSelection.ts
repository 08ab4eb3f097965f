// Which certificates of a vault's table are picked for a bulk action. Names are kept across
// searches and filters; only rows still listed count.
import { useCallback, useMemo, useRef, useState } from "react";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";

export interface Selection {
  names: ReadonlySet<string>;
  /** The listed rows picked, in listing order. */
  rows: CertificateSummary[];
  /** Toggles `row`, or (`range`) picks every shown row from the last one toggled to it. */
  select: (row: CertificateSummary, range: boolean) => void;
  selectAll: () => void;
  clear: () => void;
}

export function useSelection(
  shown: CertificateSummary[],
  listed: CertificateSummary[] | undefined,
): Selection {
  const [names, setNames] = useState<ReadonlySet<string>>(() => new Set());
  const anchor = useRef<string | null>(null);
  const rows = useMemo(
    () => (names.size === 0 ? [] : (listed ?? []).filter((row) => names.has(row.name))),
    [listed, names],
  );
  const select = useCallback(
    (row: CertificateSummary, range: boolean) => {
      const from = shown.findIndex((other) => other.name === anchor.current);
      const to = shown.findIndex((other) => other.name === row.name);
      setNames((current) => {
        const next = new Set(current);
        if (range && from >= 0 && to >= 0) {
          const [low, high] = from < to ? [from, to] : [to, from];
          for (const other of shown.slice(low, high + 1)) next.add(other.name);
        } else if (next.has(row.name)) next.delete(row.name);
        else next.add(row.name);
        return next;
      });
      if (!range) anchor.current = row.name;
    },
    [shown],
  );
  const selectAll = useCallback(() => setNames(new Set(shown.map((row) => row.name))), [shown]);
  const clear = useCallback(() => {
    anchor.current = null;
    setNames(new Set());
  }, []);
  return { names, rows, select, selectAll, clear };
}
