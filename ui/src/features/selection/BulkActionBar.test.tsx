import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import type { BulkActionItem } from "../../ipc/bindings/BulkActionItem";
import { callsOf, cert, listing, localVault, mockBackend } from "../../test/backend";

const vaults = () => [localVault(1, "Local vault")];
const rows = ["alpha", "bravo", "charlie", "delta"].map((name) => cert(name));

/** A fake bulk run: every target disabled, except `failing`, which is not found. */
function disabling(failing: string[]) {
  return (
    { targets }: { targets: { vault: number; name: string }[] },
    events: {
      onmessage: (item: BulkActionItem) => void;
    },
  ) =>
    targets.map((target) => {
      const item: BulkActionItem = failing.includes(target.name)
        ? {
            target,
            outcome: {
              outcome: "Failed",
              error: { code: "NotFound", message: `${target.name} is gone.`, hint: null },
            },
            row: null,
          }
        : {
            target,
            outcome: {
              outcome: "Changed",
              changes: [
                {
                  field: "attributes.enabled",
                  label: "Enabled",
                  before: "Enabled",
                  after: "Disabled",
                },
              ],
            },
            row: cert(target.name, { enabled: false, status: "Disabled" }),
          };
      events.onmessage(item);
      return item;
    });
}

describe("bulk actions on a table selection", () => {
  it("picks rows by checkbox, Shift+click and keyboard, disables them with a result each, and retries the failed", async () => {
    const failing = ["bravo"];
    const calls = mockBackend({
      list_vaults: vaults,
      list_certificates: listing(rows),
      bulk_certificate_action: (args, events) => disabling(failing)(args, events),
    });
    const user = userEvent.setup();
    render(<App initialPath="/vaults/1" />);
    await user.click(await screen.findByRole("checkbox", { name: "Select alpha" }));
    expect(screen.getByTestId("selection-count")).toHaveTextContent("1 selected");
    await user.keyboard("{Shift>}");
    await user.click(screen.getByRole("checkbox", { name: "Select charlie" }));
    await user.keyboard("{/Shift}");
    expect(screen.getByTestId("selection-count")).toHaveTextContent("3 selected");
    // Space on the active row toggles it: the grid is one tab stop.
    const grid = screen.getByTestId("cert-table");
    grid.focus();
    await user.keyboard("{End}[Space]");
    expect(screen.getByTestId("selection-count")).toHaveTextContent("4 selected");
    await user.keyboard("[Space]");
    expect(screen.getByTestId("selection-count")).toHaveTextContent("3 selected");

    await user.click(screen.getByRole("button", { name: "Disable" }));
    const dialog = await screen.findByTestId("bulk-run");
    await waitFor(() =>
      expect(within(dialog).getByTestId("bulk-run-progress")).toHaveTextContent(
        "Done · 2 changed, 0 already so, 1 failed",
      ),
    );
    expect(callsOf(calls, "bulk_certificate_action")[0]).toMatchObject({
      targets: [
        { vault: 1, name: "alpha" },
        { vault: 1, name: "bravo" },
        { vault: 1, name: "charlie" },
      ],
      action: { action: "Disable" },
    });
    const result = (name: string) =>
      within(dialog)
        .getAllByTestId("bulk-row")
        .find((row) => row.dataset.name === name) as HTMLElement;
    expect(result("alpha")).toHaveTextContent("Enabled: Enabled → Disabled");
    expect(result("bravo")).toHaveTextContent("bravo is gone.");
    // The listing took the answered rows without listing again.
    expect(callsOf(calls, "list_certificates")).toHaveLength(1);

    failing.length = 0;
    await user.click(within(dialog).getByRole("button", { name: "Retry failed (1)" }));
    await waitFor(() =>
      expect(callsOf(calls, "bulk_certificate_action").at(-1)?.targets).toEqual([
        { vault: 1, name: "bravo" },
      ]),
    );
    await waitFor(() =>
      expect(
        within(screen.getByTestId("bulk-run")).getByTestId("bulk-run-progress"),
      ).toHaveTextContent("Done · 1 changed"),
    );
    await user.click(screen.getByRole("button", { name: "Close" }));
    const statuses = screen
      .getAllByTestId("cert-row")
      .filter((row) => ["alpha", "bravo", "charlie"].includes(row.dataset.name ?? ""));
    for (const row of statuses) expect(row).toHaveTextContent("Disabled");
  });

  it("checks a tag against Key Vault's limits before setting it on the selection", async () => {
    const calls = mockBackend({ list_vaults: vaults, list_certificates: listing(rows) });
    const user = userEvent.setup();
    render(<App initialPath="/vaults/1" />);
    await user.click(await screen.findByRole("checkbox", { name: "Select alpha" }));
    await user.click(screen.getByRole("button", { name: "Set tag…" }));
    const prompt = screen.getByTestId("bulk-prompt");
    await user.type(within(prompt).getByRole("textbox", { name: "Tag name" }), "env");
    await user.click(within(prompt).getByRole("textbox", { name: "Value" }));
    await user.paste("v".repeat(257));
    expect(within(prompt).getByText(/Tag values are at most 256 characters/)).toBeInTheDocument();
    expect(within(prompt).getByRole("button", { name: "Set tag" })).toBeDisabled();
    expect(callsOf(calls, "bulk_certificate_action")).toHaveLength(0);
  });
});
