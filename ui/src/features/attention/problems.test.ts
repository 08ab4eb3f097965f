import { describe, expect, it } from "vitest";
import type { AttentionRow } from "../../ipc/bindings/AttentionRow";
import type { Problem } from "../../ipc/bindings/Problem";
import { factsOf, sortRows } from "./problems";

const NOW = 2_000_000_000;
const DAY = 86_400;

const at = (vault: number, name: string, problem: Problem): AttentionRow => ({
  vault,
  name,
  problem,
  fixes: [],
});

describe("problems", () => {
  it("words each problem's facts", () => {
    expect(
      factsOf(
        {
          kind: "RenewalFailed",
          error: { code: "ProviderNotSupported", message: "No network" },
          created: null,
        },
        NOW,
      ),
    ).toBe("The pending operation failed: ProviderNotSupported: No network.");
    expect(
      factsOf({ kind: "RenewalFailed", error: { code: null, message: null }, created: null }, NOW),
    ).toBe("The pending operation failed: no reason given.");
    expect(
      factsOf({ kind: "StalePending", created: NOW - 3 * DAY, issuer: "Unknown" }, NOW),
    ).toMatch(/^Pending since 3 days ago \(\d{4}-\d\d-\d\d\), issuer Unknown\.$/);
    expect(factsOf({ kind: "ExpiresSoon", expires: NOW + 10 * DAY }, NOW)).toMatch(
      /^Expires in 10 days .*no AutoRenew action renews it\.$/,
    );
  });

  it("sorts by urgency, then vault order and name; by date (undated rows after dated ones, ascending)", () => {
    const rows = [
      at(2, "b", { kind: "NoContacts" }),
      at(1, "z", { kind: "ExpiresSoon", expires: NOW + 5 * DAY }),
      at(2, "a", { kind: "Expired", expires: NOW - DAY }),
      at(1, "y", { kind: "Expired", expires: NOW - 9 * DAY }),
    ];
    const order = (vault: number) => vault;
    const names = (sorted: AttentionRow[]) => sorted.map((row) => row.name);
    expect(names(sortRows(rows, "problem", false, order))).toEqual(["y", "a", "z", "b"]);
    expect(names(sortRows(rows, "date", false, order))).toEqual(["y", "a", "z", "b"]);
    expect(names(sortRows(rows, "date", true, order))).toEqual(["b", "z", "a", "y"]);
    expect(names(sortRows(rows, "vault", false, order))).toEqual(["y", "z", "a", "b"]);
  });
});
