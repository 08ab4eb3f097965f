import { describe, expect, it } from "vitest";
import { formatIsoDate, formatShortDate } from "./dates";

describe("table dates", () => {
  it("are year-month-day by the local calendar", () => {
    expect(formatIsoDate(new Date(2026, 10, 28, 23, 59))).toBe("2026-11-28");
    expect(formatShortDate(new Date(2027, 0, 5, 0, 1).getTime() / 1000)).toBe("2027-01-05");
  });
});
