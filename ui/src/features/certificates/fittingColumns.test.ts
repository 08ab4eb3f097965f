import { describe, expect, it } from "vitest";
import type { Column } from "../../components/DataGrid";
import { fittingColumns } from "./CertificateTable";

const column = (id: string, width: string): Column<unknown> => ({
  id,
  header: id,
  width,
  cell: () => null,
});
const columns = [
  column("name", "minmax(140px, 2fr)"),
  column("status", "126px"),
  column("expires", "minmax(196px, 1.2fr)"),
  column("created", "108px"),
  column("updated", "108px"),
  column("thumbprint", "128px"),
  column("tags", "minmax(96px, 1.4fr)"),
  column("actions", "48px"),
];
const ids = (width: number) => fittingColumns(columns, width).map((c) => c.id);

describe("the columns that fit", () => {
  it("keeps every column when their minimums and the borders fit", () => {
    expect(ids(952)).toEqual(columns.map((c) => c.id));
  });

  it("gives up thumbprint, then updated, then created, then tags", () => {
    expect(ids(951)).toEqual([
      "name",
      "status",
      "expires",
      "created",
      "updated",
      "tags",
      "actions",
    ]);
    expect(ids(823)).toEqual(["name", "status", "expires", "created", "tags", "actions"]);
    expect(ids(715)).toEqual(["name", "status", "expires", "tags", "actions"]);
    expect(ids(607)).toEqual(["name", "status", "expires", "actions"]);
    expect(ids(300)).toEqual(["name", "status", "expires", "actions"]);
  });

  it("keeps every column until the table is measured", () => {
    expect(ids(0)).toHaveLength(columns.length);
  });
});
