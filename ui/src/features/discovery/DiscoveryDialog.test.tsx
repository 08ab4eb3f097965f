import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { azureVault, callsOf, deferred, mockBackend } from "../../test/backend";
import { account, CONTOSO, DEV, discoveredVault, FABRIKAM, twoTenants } from "../accounts/testing";
import type { Account, Discovery } from "../accounts/types";

const sidebar = () => screen.getByRole("navigation", { name: "Vaults" });

/** Opens the picker the way a user finds it: Add vault, then "Find vaults…". */
async function openPicker() {
  render(<App initialPath="/welcome" />);
  await userEvent.click(await within(sidebar()).findByRole("button", { name: "Add vault" }));
  await userEvent.click(
    screen.getByRole("button", { name: "Find vaults in your Azure accounts…" }),
  );
  return screen.getByRole("dialog", { name: "Find vaults" });
}

const vaultRow = (dialog: HTMLElement, name: string) =>
  dialog.querySelector(`[data-testid="discovered-vault"][data-name="${name}"]`);

const vaultNames = (dialog: HTMLElement) =>
  within(dialog)
    .queryAllByTestId("discovered-vault")
    .map((row) => row.dataset.name);

describe("the discovery picker", () => {
  it("shows tenant → subscription → vault, what each vault allows, and the added one marked", async () => {
    mockBackend({ list_accounts: () => [account()], discover_vaults: () => twoTenants() });
    const dialog = await openPicker();
    await within(dialog).findByText("kv-dev");

    expect(
      within(dialog)
        .getAllByTestId("discovery-tenant")
        .map((t) => t.textContent),
    ).toEqual(["Contoso contoso.onmicrosoft.com", "Fabrikam fabrikam.onmicrosoft.com"]);
    expect(vaultNames(dialog)).toEqual(["kv-prod-web", "kv-prod-api", "kv-dev"]);
    const added = within(dialog).getByRole("checkbox", { name: "kv-prod-web (already added)" });
    expect(added).toBeDisabled();
    expect(added).toBeChecked();
    const api = vaultRow(dialog, "kv-prod-api");
    expect(api).toHaveTextContent("Access policies");
    expect(api).toHaveTextContent("Purge protection");
    expect(api).toHaveTextContent("Private network");
    const dev = vaultRow(dialog, "kv-dev");
    expect(dev).toHaveTextContent("RBAC");
    expect(dev).toHaveTextContent("Soft delete 90 d");
    expect(within(dialog).getByTestId("tenant-needs-sign-in")).toHaveTextContent(
      "Sign in to see its subscriptions",
    );
    expect(within(dialog).getByRole("button", { name: "Add vaults" })).toBeDisabled();
  });

  it("searches by vault, subscription and tenant name", async () => {
    mockBackend({ list_accounts: () => [account()], discover_vaults: () => twoTenants() });
    const dialog = await openPicker();
    await within(dialog).findByText("kv-dev");
    const search = within(dialog).getByRole("searchbox", { name: "Search vaults" });

    await userEvent.type(search, "api");
    expect(vaultNames(dialog)).toEqual(["kv-prod-api"]);
    expect(within(dialog).queryByTestId("tenant-needs-sign-in")).toBeNull();

    await userEvent.clear(search);
    await userEvent.type(search, "development");
    expect(vaultNames(dialog)).toEqual(["kv-dev"]);

    await userEvent.clear(search);
    await userEvent.type(search, "fabrikam");
    expect(vaultNames(dialog)).toEqual([]);
    expect(within(dialog).getByTestId("tenant-needs-sign-in")).toBeVisible();

    await userEvent.clear(search);
    await userEvent.type(search, "contoso prod");
    expect(vaultNames(dialog)).toEqual(["kv-prod-web", "kv-prod-api"]);

    await userEvent.clear(search);
    await userEvent.type(search, "nothing-like-this");
    expect(within(dialog).getByTestId("discovery-no-match")).toHaveTextContent(
      "No vault, subscription or tenant matches “nothing-like-this”.",
    );
  });

  it("adds the vaults picked at once, each with its account and tenant", async () => {
    let vaults: VaultEntry[] = [azureVault(1, "kv-prod-web")];
    const calls = mockBackend({
      list_accounts: () => [account()],
      list_vaults: () => vaults,
      discover_vaults: () => twoTenants(),
      add_discovered_vaults: (args) => {
        vaults = [...vaults, ...args.vaults.map((v, i) => azureVault(2 + i, v.name))];
        return { vaults, skipped: [] };
      },
    });
    const dialog = await openPicker();
    await userEvent.click(await within(dialog).findByRole("checkbox", { name: "kv-prod-api" }));
    await userEvent.click(within(dialog).getByRole("checkbox", { name: "kv-dev" }));
    await userEvent.click(within(dialog).getByRole("checkbox", { name: "kv-dev" }));
    expect(within(dialog).getByRole("button", { name: "Add 1 vault" })).toBeEnabled();
    await userEvent.click(within(dialog).getByRole("checkbox", { name: "kv-dev" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Add 2 vaults" }));

    await waitFor(() => expect(dialog).not.toHaveAttribute("open"));
    expect(callsOf(calls, "add_discovered_vaults")).toEqual([
      {
        account: account().id,
        vaults: [
          { url: "https://kv-prod-api.vault.azure.net/", tenant_id: CONTOSO, name: "kv-prod-api" },
          { url: "https://kv-dev.vault.azure.net/", tenant_id: CONTOSO, name: "kv-dev" },
        ],
      },
    ]);
    expect(within(sidebar()).getByRole("link", { name: "kv-prod-api" })).toBeVisible();
    expect(within(sidebar()).getByRole("link", { name: "kv-dev" })).toBeVisible();
    expect(await screen.findByText("Added 2 vaults")).toBeVisible();
  });

  it("keeps a vault that was refused picked, with why, and marks the others added", async () => {
    let vaults: VaultEntry[] = [];
    mockBackend({
      list_accounts: () => [account()],
      list_vaults: () => vaults,
      discover_vaults: () => twoTenants(),
      add_discovered_vaults: () => {
        vaults = [azureVault(2, "kv-dev")];
        return {
          vaults,
          skipped: [
            {
              url: "https://kv-prod-api.vault.azure.net/",
              error: {
                code: "InvalidVaultUrl",
                message: "kv-prod-api.vault.azure.net is not a Key Vault URL.",
                hint: "Add it by URL.",
              },
            },
          ],
        };
      },
    });
    const dialog = await openPicker();
    await userEvent.click(await within(dialog).findByRole("checkbox", { name: "kv-prod-api" }));
    await userEvent.click(within(dialog).getByRole("checkbox", { name: "kv-dev" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Add 2 vaults" }));

    const skipped = await within(dialog).findByTestId("discovery-skipped");
    expect(skipped).toHaveTextContent("https://kv-prod-api.vault.azure.net/");
    expect(within(skipped).getByRole("alert")).toHaveTextContent("is not a Key Vault URL");
    expect(dialog).toHaveAttribute("open");
    expect(within(dialog).getByRole("checkbox", { name: "kv-dev (already added)" })).toBeDisabled();
    expect(within(dialog).getByRole("checkbox", { name: "kv-prod-api" })).toBeChecked();
    expect(within(dialog).getByRole("button", { name: "Add 1 vault" })).toBeEnabled();
    expect(within(sidebar()).getByRole("link", { name: "kv-dev" })).toBeVisible();
    expect(screen.getByText("Added 1 vault")).toBeVisible();
  });

  it("signs in to a tenant that needs it, then lists its subscriptions", async () => {
    let fabrikamSignedIn = false;
    const calls = mockBackend({
      list_accounts: () => [account()],
      discover_vaults: (): Discovery => {
        const discovery = twoTenants();
        if (!fabrikamSignedIn) return discovery;
        const [contoso, fabrikam] = discovery.tenants;
        const sub = "22222222-aaaa-4bbb-8ccc-000000000003";
        return {
          tenants: [
            contoso as Discovery["tenants"][number],
            {
              ...(fabrikam as Discovery["tenants"][number]),
              subscriptions: {
                state: "listed",
                subscriptions: [
                  {
                    id: sub,
                    name: "Fabrikam shared",
                    vaults: [discoveredVault("kv-fabrikam", sub, { tenant_id: FABRIKAM })],
                    error: null,
                  },
                ],
              },
            },
          ],
        };
      },
      sign_in: () => {
        fabrikamSignedIn = true;
        return account();
      },
    });
    const dialog = await openPicker();
    await userEvent.click(
      await within(dialog).findByRole("button", { name: "Sign in to Fabrikam" }),
    );
    expect(await within(dialog).findByText("kv-fabrikam")).toBeVisible();
    expect(within(dialog).queryByTestId("tenant-needs-sign-in")).toBeNull();
    expect(callsOf(calls, "sign_in")).toEqual([
      { method: "browser", tenant: FABRIKAM, cloud: "azure_public", request: expect.any(Number) },
    ]);
    expect(callsOf(calls, "discover_vaults")).toHaveLength(2);
  });

  it("says why nothing is found and offers Add by URL", async () => {
    const empty: Discovery = {
      tenants: [
        {
          id: CONTOSO,
          name: "Contoso",
          default_domain: null,
          subscriptions: { state: "listed", subscriptions: [] },
        },
      ],
    };
    mockBackend({ list_accounts: () => [account()], discover_vaults: () => empty });
    const dialog = await openPicker();
    expect(await within(dialog).findByTestId("discovery-empty")).toHaveTextContent(
      "A data-plane-only role",
    );
    expect(within(dialog).getByText("No subscriptions this account can see.")).toBeVisible();
    await userEvent.click(within(dialog).getByRole("button", { name: "Add by URL" }));
    expect(screen.getByRole("dialog", { name: "Add vault" })).toHaveAttribute("open");
  });

  it("shows a subscription's error inline and the loading state before", async () => {
    const listed = deferred<Discovery>();
    mockBackend({ list_accounts: () => [account()], discover_vaults: () => listed.promise });
    const dialog = await openPicker();
    expect(await within(dialog).findByTestId("discovery-loading")).toHaveTextContent(
      "Looking through ada@contoso.com's tenants and subscriptions…",
    );
    const discovery = twoTenants();
    const contoso = discovery.tenants[0]?.subscriptions;
    if (contoso?.state !== "listed") throw new Error("fixture");
    contoso.subscriptions[1] = {
      id: DEV,
      name: "Development",
      vaults: [],
      error: {
        code: "Forbidden",
        message: "You cannot list the vaults of Development.",
        hint: "Ask for the Reader role on the subscription.",
      },
    };
    listed.resolve(discovery);
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("You cannot list the vaults of Development.");
    expect(vaultNames(dialog)).toEqual(["kv-prod-web", "kv-prod-api"]);
  });

  it("asks to sign in first when there is no account", async () => {
    let accounts: Account[] = [];
    mockBackend({
      list_accounts: () => accounts,
      sign_in: () => {
        accounts = [account()];
        return account();
      },
      discover_vaults: () => twoTenants(),
    });
    const dialog = await openPicker();
    const none = await within(dialog).findByTestId("discovery-no-account");
    await userEvent.click(within(none).getByRole("button", { name: "Sign in" }));
    expect(await within(dialog).findByText("kv-dev")).toBeVisible();
  });

  it("opens for the account chosen in Settings, and switches to another", async () => {
    const grace = account({ id: "g.t", username: "grace@fabrikam.com", name: "Grace Hopper" });
    const calls = mockBackend({
      list_accounts: () => [account(), grace],
      discover_vaults: () => twoTenants(),
    });
    render(<App initialPath="/settings" />);
    const rows = await screen.findAllByTestId("account-row");
    await userEvent.click(
      within(rows[1] as HTMLElement).getByRole("button", { name: "Find vaults…" }),
    );
    const dialog = screen.getByRole("dialog", { name: "Find vaults" });
    await within(dialog).findByText("kv-dev");
    const picker = within(dialog).getByRole("combobox", { name: "Account" });
    expect(picker).toHaveValue("g.t");
    await userEvent.selectOptions(picker, "ada@contoso.com");
    await within(dialog).findByText("kv-dev");
    expect(callsOf(calls, "discover_vaults")).toEqual([
      { account: "g.t" },
      { account: account().id },
    ]);
  });

  it("draws only the rows in view of a tenant with hundreds of vaults", async () => {
    const many: Discovery = twoTenants();
    const contoso = many.tenants[0]?.subscriptions;
    if (contoso?.state !== "listed") throw new Error("fixture");
    for (let i = 0; i < 400; i++) {
      contoso.subscriptions[1]?.vaults.push(discoveredVault(`kv-team-${i}`, DEV));
    }
    mockBackend({ list_accounts: () => [account()], discover_vaults: () => many });
    const dialog = await openPicker();
    await within(dialog).findByText("kv-prod-api");
    expect(vaultNames(dialog).length).toBeLessThan(40);

    await userEvent.type(
      within(dialog).getByRole("searchbox", { name: "Search vaults" }),
      "team-399",
    );
    expect(vaultNames(dialog)).toEqual(["kv-team-399"]);
  });
});
