import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { listing, localVault, mockBackend } from "../test/backend";
import { App } from "./App";

describe("the shell", () => {
  it("renders the sidebar's empty state, the header and the welcome view", async () => {
    mockBackend();
    render(<App initialPath="/" />);
    expect(screen.getByRole("navigation", { name: "Vaults" })).toBeInTheDocument();
    expect(await screen.findByTestId("vaults-empty")).toHaveTextContent("No vaults yet");
    expect(screen.getByRole("heading", { level: 1, name: "Welcome" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "Welcome to CertDeck" })).toBeVisible();
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe("light"));
  });

  it("lands on the first vault when there is one, and keeps Welcome a click away", async () => {
    mockBackend({
      list_vaults: () => [localVault(3, "Local vault"), localVault(4, "Second")],
      list_certificates: listing([]),
    });
    render(<App initialPath="/" />);
    expect(await screen.findByRole("heading", { level: 1, name: "Local vault" })).toBeVisible();
    expect(screen.getByRole("link", { name: "Local vault" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await userEvent.click(screen.getByRole("link", { name: /CertDeck/ }));
    expect(await screen.findByRole("heading", { level: 1, name: "Welcome" })).toBeVisible();
  });

  it("switches the theme from the header and saves it", async () => {
    const calls = mockBackend();
    render(<App initialPath="/" />);
    const toggle = await screen.findByRole("button", { name: /Theme: System/ });
    await userEvent.click(toggle);
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe("light"));
    await userEvent.click(screen.getByRole("button", { name: /Theme: Light/ }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe("dark"));
    expect(calls.filter((c) => c.command === "set_theme").map((c) => c.args)).toEqual([
      { theme: "light" },
      { theme: "dark" },
    ]);
  });

  it("shows a failed theme save as a toast with its hint, keeping the old theme", async () => {
    mockBackend({
      set_theme: () => {
        throw {
          code: "Io",
          message: "Could not write /cfg/settings.json",
          hint: "Check the folder.",
        };
      },
    });
    render(<App initialPath="/" />);
    await userEvent.click(await screen.findByRole("button", { name: /Theme: System/ }));
    const toast = await screen.findByTestId("toast");
    expect(toast).toHaveTextContent("Could not write /cfg/settings.json");
    expect(toast).toHaveTextContent("Check the folder.");
    expect(document.documentElement.dataset.theme).toBe("light");
    expect(screen.getByRole("button", { name: /Theme: System/ })).toBeInTheDocument();
  });

  it("shows backend versions in About", async () => {
    mockBackend();
    render(<App initialPath="/" />);
    await userEvent.click(screen.getByRole("button", { name: "About CertDeck" }));
    const dialog = screen.getByTestId("about-dialog");
    expect(await within(dialog).findByTestId("tauri-version")).toHaveTextContent("2.12.5");
    expect(within(dialog).getByTestId("webview-version")).toHaveTextContent("2.50.6");
    expect(within(dialog).getByText("WebKitGTK")).toBeInTheDocument();
  });

  it("shows an About failure in the dialog", async () => {
    mockBackend({
      about_info: () => {
        throw { code: "Internal", message: "No webview runtime found", hint: null };
      },
    });
    render(<App initialPath="/" />);
    await userEvent.click(screen.getByRole("button", { name: "About CertDeck" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("No webview runtime found");
  });

  it("shows a failed save inline on the Settings page", async () => {
    mockBackend({
      set_theme: () => {
        throw { code: "Io", message: "Disk full", hint: null };
      },
    });
    render(<App initialPath="/settings" />);
    expect(await screen.findByText("/tmp/data/logs/certdeck.log")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("radio", { name: "Dark" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Disk full");
    expect(screen.queryByTestId("toast")).not.toBeInTheDocument();
  });

  it("opens Settings with Ctrl+,", async () => {
    mockBackend();
    render(<App initialPath="/" />);
    await userEvent.keyboard("{Control>},{/Control}");
    expect(await screen.findByRole("heading", { level: 1, name: "Settings" })).toBeInTheDocument();
  });
});
