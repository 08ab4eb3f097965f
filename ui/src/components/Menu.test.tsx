import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { MenuButton } from "./Menu";

describe("MenuButton", () => {
  it.each([
    ["Enter", "{Enter}"],
    ["Space", " "],
    ["ArrowDown", "{ArrowDown}"],
  ])("opens with %s, focuses the first item; Esc closes it and refocuses the button", async (_, key) => {
    const rename = vi.fn();
    render(
      <MenuButton label="Actions for prod" items={[{ label: "Rename…", onSelect: rename }]} />,
    );
    const button = screen.getByRole("button", { name: "Actions for prod" });
    button.focus();
    await userEvent.keyboard(key);
    expect(screen.getByRole("menuitem", { name: "Rename…" })).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(rename).not.toHaveBeenCalled();
  });
});
