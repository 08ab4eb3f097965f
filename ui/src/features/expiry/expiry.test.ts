import { describe, expect, it } from "vitest";
import { azureVault, cert, localVault } from "../../test/backend";
import { inWindow, mergeByExpiry, monthBuckets, vaultRowsByExpiry } from "./expiry";

const DAY = 86_400;
// 15 March 2026, noon local time.
const now = new Date(2026, 2, 15, 12).getTime() / 1000;
const at = (y: number, m: number, d: number) => new Date(y, m, d, 12).getTime() / 1000;

describe("expiry windows", () => {
  it("counts expired certificates within every window, and nothing without an expiry", () => {
    const expired = cert("old", { expires: now - DAY });
    const soon = cert("soon", { expires: now + 20 * DAY });
    const later = cert("later", { expires: now + 60 * DAY });
    const pending = cert("csr", { expires: null });
    const within = (window: Parameters<typeof inWindow>[1]) =>
      [expired, soon, later, pending].filter((c) => inWindow(c, window, now)).map((c) => c.name);
    expect(within("all")).toEqual(["old", "soon", "later", "csr"]);
    expect(within("expired")).toEqual(["old"]);
    expect(within("30")).toEqual(["old", "soon"]);
    expect(within("90")).toEqual(["old", "soon", "later"]);
  });
});

describe("timeline buckets", () => {
  it("puts expired ones in Overdue and the rest in this month and the next eleven", () => {
    const buckets = monthBuckets(
      [
        cert("a", { expires: now - 400 * DAY }),
        cert("b", { expires: at(2026, 2, 1) }),
        cert("c", { expires: at(2026, 2, 31) }),
        cert("d", { expires: at(2026, 3, 1) }),
        cert("e", { expires: at(2027, 1, 28) }),
        cert("f", { expires: at(2027, 2, 1) }),
        cert("g", { expires: null }),
      ],
      now,
    );
    expect(buckets).toHaveLength(13);
    expect(buckets[0]).toMatchObject({ label: "Overdue", count: 2, overdue: true });
    expect(buckets[1]?.count).toBe(1);
    expect(buckets[2]?.count).toBe(1);
    expect(buckets[12]?.count).toBe(1);
    expect(buckets.reduce((sum, b) => sum + b.count, 0)).toBe(5);
  });
});

describe("rows of every vault", () => {
  it("merges each vault's rows by expiry, the earlier vault first on a tie, undated last", () => {
    const [a, b, c] = [localVault(1, "a"), azureVault(2, "b"), azureVault(3, "c")];
    const rows = mergeByExpiry([
      vaultRowsByExpiry(a, [cert("x", { expires: 30 }), cert("csr", { expires: null })]),
      vaultRowsByExpiry(b, [cert("z", { expires: 20 }), cert("x", { expires: 30 })]),
      vaultRowsByExpiry(c, [cert("w", { expires: 10 }), cert("y", { expires: 30 })]),
    ]);
    expect(rows.map(({ vault, cert }) => `${vault.name}/${cert.name}`)).toEqual([
      "c/w",
      "b/z",
      "a/x",
      "b/x",
      "c/y",
      "a/csr",
    ]);
  });

  it("sorts a listing once while it and its vault stay the same", () => {
    const vault = localVault(1, "a");
    const certs = [cert("b", { expires: 2 }), cert("a", { expires: 1 })];
    const sorted = vaultRowsByExpiry(vault, certs);
    expect(sorted.map((row) => row.cert.name)).toEqual(["a", "b"]);
    expect(vaultRowsByExpiry(vault, certs)).toBe(sorted);
    expect(vaultRowsByExpiry({ ...vault, name: "renamed" }, certs)[0]?.vault.name).toBe("renamed");
  });
});
