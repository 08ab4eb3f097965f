import { useVirtualizer } from "@tanstack/react-virtual";
import {
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import type { Point } from "./Menu";
import "./grid.css";

export interface Column<T> {
  id: string;
  header: string;
  /** The header is for screen readers only (a column of checkboxes or of menu buttons). */
  headerHidden?: boolean;
  /** A CSS grid track in px or minmax(px, …), e.g. "120px" or "minmax(160px, 2fr)". */
  width: string;
  sortable?: boolean;
  cell: (row: T) => ReactNode;
}

export interface GridSort {
  column: string;
  descending: boolean;
}

interface DataGridProps<T> {
  label: string;
  testId: string;
  rowTestId: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowName: (row: T) => string;
  sort?: GridSort;
  onSort?: (column: string) => void;
  /** The row whose details are open. */
  openKey?: string | null;
  onOpen: (row: T) => void;
  /** Right-click, Shift+F10 or the context-menu key on a row. */
  onMenu?: (row: T, at: Point) => void;
  /**
   * Multi-selection: Space or Ctrl+click toggles a row (`range` false), Shift+Space or
   * Shift+click selects the rows up to it (`range` true).
   */
  onSelect?: (row: T, range: boolean) => void;
  /** Taller rows, for a table whose cells wrap to two lines. */
  rowHeight?: number;
}

/** The narrowest a track can get: its px size, or a minmax()'s px minimum. */
export function trackMinimum(track: string): number {
  const px = /^(?:minmax\(\s*)?(\d+(?:\.\d+)?)px/.exec(track.trim());
  return px ? Number(px[1]) : 0;
}

/**
 * Ids that name a row by its columns, "Name sample-web Status Healthy Expires …": the grid
 * moves an active row, not focus, and a screen reader says the active row's name (WebKit and
 * Orca say only "not selected" for a nameless one). Columns without a visible header (a
 * checkbox, a menu button) are left out.
 */
export function rowLabelledBy<T>(columns: Column<T>[], headerId: IdOf, cellId: IdOf) {
  return columns
    .filter((column) => !column.headerHidden)
    .flatMap((column) => [headerId(column.id), cellId(column.id)])
    .join(" ");
}
type IdOf = (column: string) => string;

const ROW_HEIGHT = 38;
const HEADER_HEIGHT = 36;

/**
 * A sortable table that renders only the rows in view, so 10,000 rows scroll like 100.
 * It is one tab stop: the arrow keys move the active row, Enter opens it.
 */
export function DataGrid<T>({
  label,
  testId,
  rowTestId,
  columns,
  rows,
  rowKey,
  rowName,
  sort,
  onSort,
  openKey = null,
  onOpen,
  onMenu,
  onSelect,
  rowHeight = ROW_HEIGHT,
}: DataGridProps<T>) {
  const scroller = useRef<HTMLTableElement>(null);
  const idPrefix = useId();
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    // The sticky header sits above the rows inside the same scroller.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    overscan: 8,
  });

  // Searched once per new rows, not on every scroll frame, which re-renders the grid too.
  const activeIndex = useMemo(
    () => (activeKey === null ? -1 : rows.findIndex((row) => rowKey(row) === activeKey)),
    [rows, rowKey, activeKey],
  );
  const openIndex = useMemo(
    () => (openKey === null ? -1 : rows.findIndex((row) => rowKey(row) === openKey)),
    [rows, rowKey, openKey],
  );
  // A row opened from elsewhere (a link, an import) is scrolled to once, when it is listed.
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (openIndex < 0 || scrolledTo.current === openKey) return;
    scrolledTo.current = openKey;
    virtualizer.scrollToIndex(openIndex);
  }, [openIndex, openKey, virtualizer]);
  const rowId = (index: number) => `${idPrefix}-row-${index}`;
  const headerId = (column: string) => `${idPrefix}-col-${column}`;
  const activate = (index: number) => {
    const row = rows[index];
    if (!row) return;
    setActiveKey(rowKey(row));
    virtualizer.scrollToIndex(index);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (event.target !== event.currentTarget) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / rowHeight) - 1);
    const from = activeIndex;
    const step: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowUp: Math.max(0, from - 1),
      PageDown: from + page,
      PageUp: Math.max(0, from - page),
      Home: 0,
      End: rows.length - 1,
    };
    const to = step[event.key];
    const active = rows[activeIndex];
    if (to !== undefined) activate(Math.min(to, rows.length - 1));
    else if (event.key === "Enter" && active) onOpen(active);
    else if (event.key === " " && active && onSelect) onSelect(active, event.shiftKey);
    else if ((event.key === "ContextMenu" || (event.shiftKey && event.key === "F10")) && active) {
      const rect = document.getElementById(rowId(activeIndex))?.getBoundingClientRect();
      onMenu?.(active, { x: rect?.left ?? 0, y: rect?.bottom ?? 0 });
    } else return;
    event.preventDefault();
  };

  // Below the columns' minimum the table scrolls sideways inside itself, rows at full width.
  const template = {
    "--grid-columns": columns.map((c) => c.width).join(" "),
    "--row-height": `${rowHeight}px`,
    "--grid-min-width": `${columns.reduce((sum, c) => sum + trackMinimum(c.width), 0)}px`,
  } as CSSProperties;

  return (
    // A real <table> laid out as CSS grid rows, so only the rows in view need to exist; the
    // ARIA grid role says it is operated (one tab stop, arrow keys move the active row).
    // biome-ignore lint/a11y/useSemanticElements: it is a <table>, in the grid role
    <table
      ref={scroller}
      className="grid"
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a grid is an operable table
      role="grid"
      aria-label={label}
      // Counted over every row, not the rows rendered: a screen reader says "row 40 of 1,000".
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length}
      aria-activedescendant={activeIndex >= 0 ? rowId(activeIndex) : undefined}
      data-testid={testId}
      tabIndex={0}
      style={template}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        if (event.target !== event.currentTarget || activeIndex >= 0) return;
        activate(Math.max(openIndex, 0));
      }}
    >
      {/* The grid's roles are spelt out on every part: WebKit drops a table's implied roles once
          it is laid out as CSS grid. The row being operated is the grid's active descendant. */}
      {/* biome-ignore lint/a11y: the grid's roles, spelt out */}
      <thead className="grid-head" role="rowgroup">
        {/* biome-ignore lint/a11y: the grid's roles, spelt out */}
        <tr aria-rowindex={1} className="grid-row" role="row">
          {columns.map((column, index) => {
            const sorted = sort?.column === column.id;
            const direction = sort?.descending ? "descending" : "ascending";
            return (
              // biome-ignore lint/a11y/useSemanticElements: it is a <th>
              <th
                // biome-ignore lint/a11y/noRedundantRoles: the grid's roles, spelt out
                role="columnheader"
                key={column.id}
                id={headerId(column.id)}
                scope="col"
                className="grid-cell"
                aria-colindex={index + 1}
                aria-sort={column.sortable ? (sorted ? direction : "none") : undefined}
              >
                {column.sortable && onSort ? (
                  <button
                    type="button"
                    className="sort-button"
                    tabIndex={-1}
                    onClick={() => onSort(column.id)}
                  >
                    {column.header}
                    <span className="sort-arrow" aria-hidden="true">
                      {sorted ? (sort?.descending ? "▼" : "▲") : ""}
                    </span>
                  </button>
                ) : column.headerHidden ? (
                  <span className="visually-hidden">{column.header}</span>
                ) : (
                  column.header
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      {/* biome-ignore lint/a11y: the grid's roles, spelt out */}
      <tbody className="grid-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index] as T;
          const key = rowKey(row);
          return (
            // The role is spelt out for [role=row] selectors; keys are the grid's.
            // biome-ignore lint/a11y/useSemanticElements: it is a <tr>
            <tr
              key={key}
              id={rowId(item.index)}
              aria-labelledby={rowLabelledBy(
                columns,
                headerId,
                (column) => `${rowId(item.index)}-${column}`,
              )}
              // biome-ignore lint/a11y/noRedundantRoles: see above
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={key === openKey}
              data-active={item.index === activeIndex || undefined}
              data-testid={rowTestId}
              data-name={rowName(row)}
              className="grid-row"
              style={{ transform: `translateY(${item.start - HEADER_HEIGHT}px)` }}
              onClick={(event) => {
                setActiveKey(key);
                if (onSelect && (event.ctrlKey || event.metaKey || event.shiftKey)) {
                  onSelect(row, event.shiftKey);
                } else onOpen(row);
              }}
              onContextMenu={
                onMenu &&
                ((event) => {
                  event.preventDefault();
                  setActiveKey(key);
                  onMenu(row, { x: event.clientX, y: event.clientY });
                })
              }
            >
              {columns.map((column, index) => (
                // biome-ignore lint/a11y: the grid's roles, spelt out
                <td
                  // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a grid's cell
                  role="gridcell"
                  key={column.id}
                  id={`${rowId(item.index)}-${column.id}`}
                  className="grid-cell"
                  aria-colindex={index + 1}
                >
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
