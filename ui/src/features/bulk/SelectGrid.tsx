import { useVirtualizer } from "@tanstack/react-virtual";
import {
  type CSSProperties,
  type KeyboardEvent,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import { type Column, rowLabelledBy } from "../../components/DataGrid";
import "../../components/grid.css";

export type AllState = "all" | "some" | "none";

interface SelectGridProps<T> {
  label: string;
  testId: string;
  rowTestId: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowName: (row: T) => string;
  isSelected: (row: T) => boolean;
  onToggle: (row: T) => void;
  /** Whether the rows shown are all, some or none selected. */
  allState: AllState;
  onToggleAll: () => void;
  /** The row the keyboard or a click is on. */
  onActive?: (row: T) => void;
}

const ROW_HEIGHT = 38;
const HEADER_HEIGHT = 36;
const CHECK_COLUMN = "40px";

/**
 * A table of rows to pick from, rendering only the rows in view (DataGrid's layout): one tab
 * stop, the arrow keys move the active row, Space or Enter selects it, a click selects the row
 * clicked, the header's box selects every row shown.
 */
export function SelectGrid<T>({
  label,
  testId,
  rowTestId,
  columns,
  rows,
  rowKey,
  rowName,
  isSelected,
  onToggle,
  allState,
  onToggleAll,
  onActive,
}: SelectGridProps<T>) {
  const scroller = useRef<HTMLTableElement>(null);
  const allBox = useRef<HTMLInputElement>(null);
  const idPrefix = useId();
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    overscan: 8,
  });
  const activeIndex = useMemo(
    () => (activeKey === null ? -1 : rows.findIndex((row) => rowKey(row) === activeKey)),
    [rows, rowKey, activeKey],
  );
  useEffect(() => {
    if (allBox.current) allBox.current.indeterminate = allState === "some";
  }, [allState]);

  const rowId = (index: number) => `${idPrefix}-row-${index}`;
  const headerId = (column: string) => `${idPrefix}-col-${column}`;
  const activate = (index: number) => {
    const row = rows[index];
    if (!row) return;
    setActiveKey(rowKey(row));
    onActive?.(row);
    virtualizer.scrollToIndex(index);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (event.target !== event.currentTarget) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
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
    else if ((event.key === " " || event.key === "Enter") && active) onToggle(active);
    else if (event.key === "a" && (event.ctrlKey || event.metaKey)) onToggleAll();
    else return;
    event.preventDefault();
  };

  const template = {
    "--grid-columns": [CHECK_COLUMN, ...columns.map((c) => c.width)].join(" "),
  } as CSSProperties;

  return (
    // biome-ignore lint/a11y/useSemanticElements: it is a <table>, in the grid role
    <table
      ref={scroller}
      className="grid select-grid"
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a grid is an operable table
      role="grid"
      aria-label={label}
      aria-multiselectable="true"
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length + 1}
      aria-activedescendant={activeIndex >= 0 ? rowId(activeIndex) : undefined}
      data-testid={testId}
      tabIndex={0}
      style={template}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        if (event.target !== event.currentTarget || activeIndex >= 0) return;
        activate(0);
      }}
    >
      {/* The grid's roles are spelt out on every part, as in DataGrid (WebKit drops a table's
          implied roles once it is laid out as CSS grid). */}
      {/* biome-ignore lint/a11y: the grid's roles, spelt out */}
      <thead className="grid-head" role="rowgroup">
        {/* biome-ignore lint/a11y: the grid's roles, spelt out */}
        <tr aria-rowindex={1} className="grid-row" role="row">
          {/* biome-ignore lint/a11y/useSemanticElements: it is a <th> */}
          <th
            // biome-ignore lint/a11y/noRedundantRoles: the grid's roles, spelt out
            role="columnheader"
            scope="col"
            className="grid-cell check-cell"
            aria-colindex={1}
          >
            <input
              ref={allBox}
              type="checkbox"
              tabIndex={-1}
              aria-label="Select all shown"
              checked={allState === "all"}
              disabled={rows.length === 0}
              onChange={onToggleAll}
            />
          </th>
          {columns.map((column, index) => (
            // biome-ignore lint/a11y/useSemanticElements: it is a <th>
            <th
              // biome-ignore lint/a11y/noRedundantRoles: the grid's roles, spelt out
              role="columnheader"
              key={column.id}
              id={headerId(column.id)}
              scope="col"
              className="grid-cell"
              aria-colindex={index + 2}
            >
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      {/* biome-ignore lint/a11y: the grid's roles, spelt out */}
      <tbody className="grid-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index] as T;
          const key = rowKey(row);
          const selected = isSelected(row);
          return (
            // biome-ignore lint/a11y/useSemanticElements: it is a <tr>
            <tr
              key={key}
              id={rowId(item.index)}
              aria-labelledby={rowLabelledBy(
                columns,
                headerId,
                (column) => `${rowId(item.index)}-${column}`,
              )}
              // biome-ignore lint/a11y/noRedundantRoles: spelt out for [role=row] selectors
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={selected}
              data-active={item.index === activeIndex || undefined}
              data-testid={rowTestId}
              data-name={rowName(row)}
              className="grid-row"
              style={{ transform: `translateY(${item.start - HEADER_HEIGHT}px)` }}
              onClick={() => {
                setActiveKey(key);
                onActive?.(row);
                onToggle(row);
              }}
            >
              {/* biome-ignore lint/a11y: the grid's roles, spelt out */}
              <td className="grid-cell check-cell" role="gridcell" aria-colindex={1}>
                <input
                  type="checkbox"
                  tabIndex={-1}
                  aria-label={`Select ${rowName(row)}`}
                  checked={selected}
                  onChange={() => onToggle(row)}
                  onClick={(event) => event.stopPropagation()}
                />
              </td>
              {columns.map((column, index) => (
                // biome-ignore lint/a11y: the grid's roles, spelt out
                <td
                  // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a grid's cell
                  role="gridcell"
                  key={column.id}
                  id={`${rowId(item.index)}-${column.id}`}
                  className="grid-cell"
                  aria-colindex={index + 2}
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
