import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { azureVault, callsOf, cert, listing, localVault, mockBackend } from "../../test/backend";
import { account } from "../accounts/testing";

const sidebar = () => screen.getByRole("navigation", { name: "Vaults" });

describe("the sidebar", () => {
  it("lists the vaults with their kind and opens one on click", async () => {
    mockBackend({
      list_vaults: () => [localVault(1, "Local vault"), azureVault(2, "prod-kv")],
      list_certificates: (args, events) =>
        listing([cert(args.vault === 2 ? "prod-cert" : "local-cert")])(args, events),
    });
    render(<App initialPath="/welcome" />);
    const prod = await within(sidebar()).findByRole("link", { name: "prod-kv" });
    const local = within(sidebar()).getByRole("link", { name: "Local vault" });
    // The kind is the link's description (its badge draws it), not part of its name.
    expect(local).toHaveAccessibleDescription("Local vault");
    expect(prod).toHaveAccessibleDescription("Azure vault");
    expect(local.querySelector(".kind-badge")).toHaveAttribute("data-kind", "Local");

    await userEvent.click(prod);
    expect(await screen.findByRole("heading", { level: 1, name: "prod-kv" })).toBeVisible();
    expect(prod).toHaveAttribute("aria-current", "page");
    expect(await screen.findByTestId("cert-table")).toHaveAccessibleName("Certificates in prod-kv");
    expect(screen.getByTestId("cert-row")).toHaveAttribute("data-name", "prod-cert");
  });

  it("shows a backend error inline under the add-vault form", async () => {
    const calls = mockBackend({
      add_azure_vault: () => {
        throw {
          code: "InvalidVaultUrl",
          message: "“not a url” is not a Key Vault URL.",
          hint: "Use https://<name>.vault.azure.net.",
        };
      },
    });
    render(<App initialPath="/" />);
    await userEvent.click(await within(sidebar()).findByRole("button", { name: "Add vault" }));
    const dialog = screen.getByRole("dialog", { name: "Add vault" });
    await userEvent.type(within(dialog).getByRole("textbox", { name: "Vault URL" }), "not a url");
    await userEvent.selectOptions(
      within(dialog).getByRole("combobox", { name: /Sign in with/ }),
      "Azure CLI",
    );
    await userEvent.type(within(dialog).getByRole("textbox", { name: /Tenant ID/ }), "contoso");
    await userEvent.click(within(dialog).getByRole("button", { name: "Add vault" }));

    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("“not a url” is not a Key Vault URL.");
    expect(alert).toHaveTextContent("Use https://<name>.vault.azure.net.");
    expect(alert).toHaveTextContent("InvalidVaultUrl");
    expect(callsOf(calls, "add_azure_vault")).toEqual([
      {
        url: "not a url",
        name: null,
        credential: { kind: "azure_cli", tenant_id: "contoso" },
        client_secret: null,
      },
    ]);
    expect(dialog).toHaveAttribute("open");
  });

  it("adds a vault by URL as a signed-in account, its tenant read from the vault", async () => {
    const ada = account();
    const calls = mockBackend({
      list_accounts: () => [ada],
      add_account_vault: ({ url }) => azureVault(9, new URL(url).hostname),
      list_certificates: listing([]),
    });
    render(<App initialPath="/" />);
    await userEvent.click(await within(sidebar()).findByRole("button", { name: "Add vault" }));
    const dialog = screen.getByRole("dialog", { name: "Add vault" });
    await userEvent.type(
      within(dialog).getByRole("textbox", { name: "Vault URL" }),
      "https://team-a.vault.azure.net",
    );
    await userEvent.selectOptions(
      await within(dialog).findByRole("combobox", { name: /Sign in with/ }),
      "A signed-in account",
    );
    expect(within(dialog).getByRole("combobox", { name: "Account" })).toHaveDisplayValue(
      "Ada Lovelace (ada@contoso.com)",
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Add vault" }));

    expect(
      await screen.findByRole("heading", { level: 1, name: "team-a.vault.azure.net" }),
    ).toBeVisible();
    expect(callsOf(calls, "add_account_vault")).toEqual([
      { url: "https://team-a.vault.azure.net", name: null, account: ada.id, tenant: null },
    ]);
  });

  it("adds a local vault and opens it", async () => {
    let vaults: VaultEntry[] = [];
    mockBackend({
      list_vaults: () => vaults,
      add_local_vault: ({ name }) => {
        const vault = localVault(7, name);
        vaults = [vault];
        return vault;
      },
      list_certificates: listing([]),
    });
    render(<App initialPath="/" />);
    await userEvent.click(await within(sidebar()).findByRole("button", { name: "Add vault" }));
    const dialog = screen.getByRole("dialog", { name: "Add vault" });
    await userEvent.click(within(dialog).getByRole("radio", { name: "Local vault" }));
    await userEvent.type(within(dialog).getByRole("textbox", { name: /Name/ }), "Scratch");
    await userEvent.click(within(dialog).getByRole("button", { name: "Add vault" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Scratch" })).toBeVisible();
    expect(within(sidebar()).getByRole("link", { name: "Scratch" })).toBeVisible();
  });

  it("moves, recolours and removes a vault from its menu", async () => {
    let vaults = [localVault(1, "one"), azureVault(2, "two"), azureVault(3, "three")];
    const calls = mockBackend({
      list_vaults: () => vaults,
      list_certificates: listing([]),
      reorder_vaults: ({ order }) => {
        vaults = order.map((id) => vaults.find((v) => v.id === id) as VaultEntry);
        return vaults;
      },
      set_vault_color: ({ vault, color }) => {
        vaults = vaults.map((v) => (v.id === vault ? { ...v, color } : v));
        return vaults;
      },
      remove_vault: ({ vault }) => {
        vaults = vaults.filter((v) => v.id !== vault);
        return vaults;
      },
    });
    render(<App initialPath="/vaults/3" />);
    const names = () => within(sidebar()).getAllByRole("link", { name: /one|two|three/ });

    await userEvent.click(await screen.findByRole("button", { name: "Actions for one" }));
    expect(screen.getByRole("menuitem", { name: "Move up" })).toBeDisabled();
    await userEvent.click(screen.getByRole("menuitem", { name: "Move down" }));
    await waitFor(() => expect(names().map((n) => n.textContent)).toEqual(["two", "one", "three"]));
    expect(callsOf(calls, "reorder_vaults")).toEqual([{ order: [2, 1, 3] }]);

    await userEvent.click(screen.getByRole("button", { name: "Actions for two" }));
    await userEvent.click(screen.getByRole("menuitem", { name: "Rename or recolour…" }));
    const edit = screen.getByRole("dialog", { name: "Vault name and colour" });
    await userEvent.click(within(edit).getByRole("radio", { name: "Green" }));
    await userEvent.click(within(edit).getByRole("button", { name: "Save" }));
    await waitFor(() =>
      expect(callsOf(calls, "set_vault_color")).toEqual([{ vault: 2, color: "#22a06b" }]),
    );

    await userEvent.click(screen.getByRole("button", { name: "Actions for three" }));
    await userEvent.click(screen.getByRole("menuitem", { name: "Remove…" }));
    const confirm = screen.getByRole("dialog", { name: "Remove “three”?" });
    expect(callsOf(calls, "remove_vault")).toEqual([]);
    await userEvent.click(within(confirm).getByRole("button", { name: "Remove" }));
    await waitFor(() => expect(names()).toHaveLength(2));
    expect(callsOf(calls, "remove_vault")).toEqual([{ vault: 3 }]);
    // It was open, so the app moves on to the first vault left.
    expect(await screen.findByRole("heading", { level: 1, name: "two" })).toBeVisible();
  });
});
