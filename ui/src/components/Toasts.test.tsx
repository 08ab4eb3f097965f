import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ToastProvider, useToast } from "./Toasts";

function Trigger() {
  const toast = useToast();
  return (
    <>
      <button type="button" onClick={() => toast.info("Added 5 sample certificates")}>
        info
      </button>
      <button
        type="button"
        onClick={() => toast.error({ code: "Io", message: "Disk full", hint: null })}
      >
        error
      </button>
    </>
  );
}

describe("toasts", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("dismisses a confirmation after about four seconds", () => {
    render(
      <ToastProvider>
        <Trigger />
      </ToastProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "info" }));
    act(() => vi.advanceTimersByTime(3500));
    expect(screen.getByTestId("toast")).toHaveTextContent("Added 5 sample certificates");
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.queryByTestId("toast")).not.toBeInTheDocument();
  });

  it("keeps an error until it is closed", () => {
    render(
      <ToastProvider>
        <Trigger />
      </ToastProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "error" }));
    act(() => vi.advanceTimersByTime(60_000));
    expect(screen.getByTestId("toast")).toHaveTextContent("Disk full");
    fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByTestId("toast")).not.toBeInTheDocument();
  });
});
