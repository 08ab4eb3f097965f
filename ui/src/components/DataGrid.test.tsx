import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { type Column, DataGrid } from "./DataGrid";

interface Item {
  name: string;
  expires: string;
}

const columns: Column<Item>[] = [
  { id: "name", header: "Name", width: "200px", sortable: true, cell: (item) => item.name },
  { id: "expires", header: "Expires", width: "120px", cell: (item) => item.expires },
  {
    id: "actions",
    header: "Actions",
    headerHidden: true,
    width: "48px",
    cell: (item) => <button type="button">Menu of {item.name}</button>,
  },
];
// More rows than fit in the (setup's 800 px) view: only some are rendered.
const items: Item[] = Array.from({ length: 500 }, (_, i) => ({
  name: `cert-${String(i).padStart(3, "0")}`,
  expires: `in ${i} days`,
}));

function renderGrid() {
  render(
    <DataGrid
      label="Certificates in Contoso"
      testId="grid"
      rowTestId="row"
      columns={columns}
      rows={items}
      rowKey={(item) => item.name}
      rowName={(item) => item.name}
      sort={{ column: "name", descending: true }}
      onSort={() => {}}
      openKey="cert-001"
      onOpen={() => {}}
    />,
  );
  return screen.getByRole("grid", { name: "Certificates in Contoso" });
}

describe("DataGrid semantics", () => {
  it("is a named grid counting every row and column, not only the rows rendered", () => {
    const grid = renderGrid();
    expect(grid).toHaveAttribute("aria-rowcount", "501");
    expect(grid).toHaveAttribute("aria-colcount", "3");
    const rendered = within(grid).getAllByRole("row");
    expect(rendered.length).toBeLessThan(items.length);
  });

  it("names every column, a hidden header too, and says how the sortable one is sorted", () => {
    const grid = renderGrid();
    const headers = within(grid).getAllByRole("columnheader");
    expect(headers.map((h) => h.textContent?.replace(/[▲▼]/, ""))).toEqual([
      "Name",
      "Expires",
      "Actions",
    ]);
    expect(within(headers[2] as HTMLElement).getByText("Actions")).toHaveClass("visually-hidden");
    expect(headers[0]).toHaveAttribute("aria-sort", "descending");
    expect(headers[1]).not.toHaveAttribute("aria-sort");
    expect(headers.map((h) => h.getAttribute("aria-colindex"))).toEqual(["1", "2", "3"]);
  });

  it("reads each row as grid cells at their row and column, the open row selected", () => {
    const grid = renderGrid();
    const [header, first, second] = within(grid).getAllByRole("row");
    expect(header).toHaveAttribute("aria-rowindex", "1");
    expect(first).toHaveAttribute("aria-rowindex", "2");
    const cells = within(first as HTMLElement).getAllByRole("gridcell");
    expect(cells.map((c) => c.textContent)).toEqual(["cert-000", "in 0 days", "Menu of cert-000"]);
    expect(cells.map((c) => c.getAttribute("aria-colindex"))).toEqual(["1", "2", "3"]);
    // The active row is what a screen reader says: its cells with their columns' names.
    expect(first).toHaveAccessibleName("Name cert-000 Expires in 0 days");
    expect(first).toHaveAttribute("aria-selected", "false");
    expect(second).toHaveAttribute("aria-selected", "true");
  });
});
