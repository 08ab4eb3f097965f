import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TOOLTIP_DELAY_MS, TooltipLayer } from "./Tooltip";

function box(left: number, top: number, width: number, height: number): DOMRect {
  const rect = { left, top, width, height, right: left + width, bottom: top + height };
  return { ...rect, x: left, y: top, toJSON: () => rect } as DOMRect;
}

function renderWithButtons() {
  render(
    <>
      <button type="button" aria-label="About" data-tooltip="About CertDeck (F1)">
        i
      </button>
      <p>Table</p>
      <TooltipLayer />
    </>,
  );
  const about = screen.getByRole("button", { name: "About" });
  about.getBoundingClientRect = () => box(950, 10, 32, 32);
  return about;
}

/** The tooltip's own size; jsdom lays nothing out. */
function tooltipSize(width: number, height: number) {
  vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockImplementation(function (
    this: HTMLElement,
  ) {
    return this.getAttribute("role") === "tooltip" ? box(0, 0, width, height) : box(0, 0, 0, 0);
  });
}

const rest = () => act(() => vi.advanceTimersByTime(TOOLTIP_DELAY_MS));

describe("tooltips", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    Object.assign(window, { innerWidth: 1000, innerHeight: 700 });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("shows after the pointer rests on the control, below it and inside the window", () => {
    tooltipSize(140, 24);
    const about = renderWithButtons();
    fireEvent.pointerOver(about);
    expect(screen.queryByRole("tooltip")).not.toBeInTheDocument();
    rest();
    const tooltip = screen.getByRole("tooltip");
    expect(tooltip).toHaveTextContent("About CertDeck (F1)");
    // Centred under the button would cross the right edge: it is kept 4 px inside.
    expect(tooltip.style.left).toBe(`${1000 - 140 - 4}px`);
    expect(tooltip.style.top).toBe(`${10 + 32 + 6}px`);
  });

  it("goes above a control at the bottom of the window", () => {
    tooltipSize(100, 24);
    const about = renderWithButtons();
    about.getBoundingClientRect = () => box(200, 660, 32, 32);
    fireEvent.pointerOver(about);
    rest();
    const tooltip = screen.getByRole("tooltip");
    expect(tooltip.style.left).toBe(`${200 + 16 - 50}px`);
    expect(tooltip.style.top).toBe(`${660 - 6 - 24}px`);
  });

  it.each([
    ["a click", (el: HTMLElement) => fireEvent.pointerDown(el)],
    ["a scroll", () => fireEvent.scroll(document)],
    ["a drag", () => fireEvent.dragEnter(document.body)],
    ["Escape", () => fireEvent.keyDown(document.body, { key: "Escape" })],
    [
      "the pointer leaving the window",
      (el: HTMLElement) => fireEvent.pointerOut(el, { relatedTarget: null }),
    ],
    [
      "the pointer moving to something else",
      () => fireEvent.pointerOver(screen.getByText("Table")),
    ],
  ])("hides on %s", (_, act_) => {
    tooltipSize(100, 24);
    const about = renderWithButtons();
    fireEvent.pointerOver(about);
    rest();
    expect(screen.getByRole("tooltip")).toBeInTheDocument();
    act(() => act_(about));
    expect(screen.queryByRole("tooltip")).not.toBeInTheDocument();
  });

  it("never shows for a control the pointer left before the delay", () => {
    tooltipSize(100, 24);
    const about = renderWithButtons();
    fireEvent.pointerOver(about);
    fireEvent.pointerOver(screen.getByText("Table"));
    rest();
    expect(screen.queryByRole("tooltip")).not.toBeInTheDocument();
  });
});
