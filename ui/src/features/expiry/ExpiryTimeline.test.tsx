import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ExpiryTimeline } from "./ExpiryTimeline";

describe("ExpiryTimeline", () => {
  it("says what each bar's colour says: this month", () => {
    render(
      <ExpiryTimeline
        buckets={[
          { label: "Overdue", longLabel: "Overdue", count: 1, overdue: true },
          { label: "Dec", longLabel: "December 2026", count: 2, overdue: false },
          { label: "Jan", longLabel: "January 2027", count: 0, overdue: false },
        ]}
      />,
    );
    expect(screen.getByRole("img")).toHaveAccessibleName(
      "Certificates expiring per month. Overdue: 1 certificate, " +
        "December 2026 (this month): 2 certificates, January 2027: 0 certificates",
    );
  });
});
