import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { SPLITTER_BIG_STEP, SPLITTER_STEP, Splitter } from "./Splitter";

function Pane({ onChange }: { onChange?: (width: number) => void }) {
  const [width, setWidth] = useState(360);
  return (
    <Splitter
      label="Resize details"
      controls="pane"
      value={width}
      min={300}
      max={500}
      onChange={(next) => {
        setWidth(next);
        onChange?.(next);
      }}
    />
  );
}

const splitter = () => screen.getByRole("separator", { name: "Resize details" });
const width = () => Number(splitter().getAttribute("aria-valuenow"));

describe("the splitter", () => {
  it("is a focusable vertical separator that states its value and bounds", async () => {
    render(<Pane />);
    await userEvent.tab();
    expect(splitter()).toHaveFocus();
    expect(splitter()).toHaveAttribute("aria-orientation", "vertical");
    expect(splitter()).toHaveAttribute("aria-controls", "pane");
    expect(splitter()).toHaveAttribute("aria-valuemin", "300");
    expect(splitter()).toHaveAttribute("aria-valuemax", "500");
    expect(width()).toBe(360);
  });

  it("widens the pane with ArrowLeft and narrows it with ArrowRight, Shift for big steps", async () => {
    render(<Pane />);
    await userEvent.tab();
    await userEvent.keyboard("{ArrowLeft}");
    expect(width()).toBe(360 + SPLITTER_STEP);
    await userEvent.keyboard("{ArrowRight}{ArrowRight}");
    expect(width()).toBe(360 - SPLITTER_STEP);
    await userEvent.keyboard("{Shift>}{ArrowLeft}{/Shift}");
    expect(width()).toBe(360 - SPLITTER_STEP + SPLITTER_BIG_STEP);
  });

  it("goes to the narrowest pane with Home, the widest with End, and never past them", async () => {
    render(<Pane />);
    await userEvent.tab();
    await userEvent.keyboard("{End}");
    expect(width()).toBe(500);
    await userEvent.keyboard("{ArrowLeft}");
    expect(width()).toBe(500);
    await userEvent.keyboard("{Home}");
    expect(width()).toBe(300);
    await userEvent.keyboard("{Shift>}{ArrowRight}{/Shift}");
    expect(width()).toBe(300);
  });

  it("leaves other keys to the page", async () => {
    const changed = vi.fn();
    render(<Pane onChange={changed} />);
    await userEvent.tab();
    await userEvent.keyboard("{ArrowUp}{Enter}a");
    expect(changed).not.toHaveBeenCalled();
  });

  it("follows a drag: moving left widens the pane, within its bounds", () => {
    render(<Pane />);
    fireEvent.pointerDown(splitter(), { button: 0, clientX: 700, pointerId: 1 });
    fireEvent.pointerMove(splitter(), { clientX: 650, pointerId: 1 });
    expect(width()).toBe(410);
    fireEvent.pointerMove(splitter(), { clientX: 100, pointerId: 1 });
    expect(width()).toBe(500);
    fireEvent.pointerUp(splitter(), { clientX: 100, pointerId: 1 });
    fireEvent.pointerMove(splitter(), { clientX: 900, pointerId: 1 });
    expect(width()).toBe(500);
  });
});
