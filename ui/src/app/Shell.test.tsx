import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { listing, localVault, mockBackend } from "../test/backend";
import { App } from "./App";

describe("the sidebar overlay of a narrow window", () => {
  it("opens from the header with focus inside, the view inert; Esc gives focus back", async () => {
    mockBackend({
      list_vaults: () => [localVault(1, "Local vault")],
      list_certificates: listing([]),
    });
    render(<App initialPath="/vaults/1" />);
    const toggle = await screen.findByRole("button", { name: "Vaults and views" });
    const shell = screen.getByTestId("app-shell");
    await userEvent.click(toggle);
    expect(shell).toHaveAttribute("data-sidebar", "shown");
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByRole("link", { name: "Local vault" })).toHaveFocus();
    expect(document.querySelector(".main-column")).toHaveAttribute("inert");

    await userEvent.keyboard("{Escape}");
    expect(shell).not.toHaveAttribute("data-sidebar");
    expect(document.querySelector(".main-column")).not.toHaveAttribute("inert");
    await waitFor(() => expect(toggle).toHaveFocus());
  });

  it("puts itself away when a view is chosen in it", async () => {
    mockBackend({
      list_vaults: () => [localVault(1, "Local vault")],
      list_certificates: listing([]),
    });
    render(<App initialPath="/vaults/1" />);
    await userEvent.click(await screen.findByRole("button", { name: "Vaults and views" }));
    await userEvent.click(screen.getByRole("link", { name: "Expiry" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Expiry" })).toBeVisible();
    expect(screen.getByTestId("app-shell")).not.toHaveAttribute("data-sidebar");
  });
});
