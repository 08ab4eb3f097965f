import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { Dialog } from "./Dialog";

/** A button opening a dialog with a field; `generation` re-creates the button when it changes. */
function Harness({ withMain = false }: { withMain?: boolean }) {
  const [open, setOpen] = useState(false);
  const [generation, setGeneration] = useState(0);
  return (
    <>
      {withMain && <main id="main" tabIndex={-1} />}
      <button key={generation} type="button" onClick={() => setOpen(true)}>
        Edit tags
      </button>
      <Dialog
        open={open}
        onClose={() => {
          setOpen(false);
          setGeneration((g) => g + 1);
        }}
        labelledBy="t"
      >
        <h2 id="t">Tags</h2>
        <input aria-label="Tag name" />
        <input type="search" aria-label="Filter" />
      </Dialog>
    </>
  );
}

const opener = () => screen.getByRole("button", { name: "Edit tags" });
const openDialog = async () => {
  await userEvent.click(opener());
  // showModal() focuses the first control; jsdom's stand-in does not.
  screen.getByRole("textbox", { name: "Tag name" }).focus();
};
const dialog = () => screen.getByRole("dialog", { hidden: true });

describe("Dialog", () => {
  it("closes on Esc when nothing was typed, focus back on the (re-rendered) opener", async () => {
    render(<Harness />);
    await openDialog();
    await userEvent.type(screen.getByRole("searchbox", { name: "Filter" }), "abc");
    await userEvent.keyboard("{Escape}");
    expect(dialog()).not.toHaveAttribute("open");
    // The button was replaced by a new element while the dialog was open: its twin gets focus.
    await waitFor(() => expect(opener()).toHaveFocus());
  });

  it("asks before Esc discards typed input; Esc again keeps editing", async () => {
    render(<Harness />);
    await openDialog();
    const field = screen.getByRole("textbox", { name: "Tag name" });
    await userEvent.type(field, "owner");
    await userEvent.keyboard("{Escape}");
    expect(dialog()).toHaveAttribute("open");
    expect(screen.getByRole("alert")).toHaveTextContent("Close and discard what you typed?");
    expect(screen.getByRole("button", { name: "Keep editing" })).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(field).toHaveFocus();
    expect(field).toHaveValue("owner");

    await userEvent.keyboard("{Escape}");
    await userEvent.click(screen.getByRole("button", { name: "Discard" }));
    expect(dialog()).not.toHaveAttribute("open");
    await waitFor(() => expect(opener()).toHaveFocus());
  });

  it("keeps typed input when the browser cancels the dialog (Esc with nothing focused)", async () => {
    render(<Harness />);
    await openDialog();
    await userEvent.type(screen.getByRole("textbox", { name: "Tag name" }), "owner");
    const cancel = new Event("cancel", { cancelable: true });
    fireEvent(dialog(), cancel);
    expect(cancel.defaultPrevented).toBe(true);
    expect(dialog()).toHaveAttribute("open");
    expect(screen.getByRole("alert")).toHaveTextContent("Close and discard what you typed?");
  });

  it("falls back to the main view when the opener is gone without a twin", async () => {
    function Gone() {
      const [open, setOpen] = useState(false);
      const [removed, setRemoved] = useState(false);
      return (
        <>
          <main id="main" tabIndex={-1} />
          {!removed && (
            <button
              type="button"
              onClick={() => {
                setOpen(true);
                setRemoved(true);
              }}
            >
              Remove…
            </button>
          )}
          <Dialog open={open} onClose={() => setOpen(false)} labelledBy="g">
            <h2 id="g">Remove</h2>
            <button type="button">OK</button>
          </Dialog>
        </>
      );
    }
    render(<Gone />);
    await userEvent.click(screen.getByRole("button", { name: "Remove…" }));
    screen.getByRole("button", { name: "OK" }).focus();
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(document.getElementById("main")).toHaveFocus());
  });
});
