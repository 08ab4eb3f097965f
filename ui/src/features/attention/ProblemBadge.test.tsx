import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ProblemBadge } from "./ProblemBadge";

describe("ProblemBadge", () => {
  it("says in words how urgent a problem is, not only in colour", () => {
    const { container } = render(
      <div data-testid="cell">
        <ProblemBadge kind="Expired" />
      </div>,
    );
    const badge = screen.getByText("Expired");
    expect(badge).toHaveClass("badge", "kind-danger");
    // What a screen reader reads for the cell: the urgency, then the label.
    expect(screen.getByTestId("cell")).toHaveTextContent("Urgent: Expired");
    expect(container.querySelector(".visually-hidden")).toHaveTextContent("Urgent:");
  });

  it("tells a warning from a note", () => {
    render(
      <>
        <p data-testid="soon">
          <ProblemBadge kind="ExpiresSoon" />
        </p>
        <p data-testid="contacts">
          <ProblemBadge kind="NoContacts" />
        </p>
      </>,
    );
    expect(screen.getByTestId("soon")).toHaveTextContent("Warning: Expires soon");
    expect(screen.getByTestId("contacts")).toHaveTextContent("Note: No contacts");
  });
});
