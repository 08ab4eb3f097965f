import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import { callsOf, deferred, mockBackend } from "../../test/backend";
import { account } from "./testing";
import type { Account } from "./types";

const AUTHORIZE =
  "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?client_id=c&state=s";

const accountsCard = () => screen.getByRole("region", { name: "Accounts" });
const signInCalls = (calls: { command: string; args: unknown }[]) => callsOf(calls, "sign_in");

describe("Settings → Accounts", () => {
  it("waits for the browser, showing its address, then lists the account signed in", async () => {
    let accounts: Account[] = [];
    const signedIn = deferred<Account>();
    const calls = mockBackend({
      list_accounts: () => accounts,
      sign_in: (_args, events) => {
        events.onmessage({ kind: "opened_browser", url: AUTHORIZE });
        return signedIn.promise;
      },
    });
    render(<App initialPath="/settings" />);
    expect(await screen.findByTestId("accounts-empty")).toHaveTextContent("No accounts yet");
    await userEvent.selectOptions(
      within(accountsCard()).getByRole("combobox", { name: "Cloud" }),
      "Azure US Government",
    );
    await userEvent.click(within(accountsCard()).getByRole("button", { name: "Add account" }));

    const dialog = screen.getByRole("dialog", { name: "Sign in to Azure" });
    expect(await within(dialog).findByText("Waiting for the browser…")).toBeVisible();
    expect(within(dialog).getByTestId("sign-in-url")).toHaveTextContent(AUTHORIZE);
    expect(within(dialog).getByRole("button", { name: "Copy sign-in address" })).toBeVisible();
    expect(signInCalls(calls)).toEqual([
      {
        method: "browser",
        tenant: null,
        cloud: "azure_us_government",
        request: expect.any(Number),
      },
    ]);

    accounts = [account({ cloud: "azure_us_government" })];
    signedIn.resolve(accounts[0] as Account);
    await waitFor(() => expect(dialog).not.toHaveAttribute("open"));
    const row = within(accountsCard()).getByTestId("account-row");
    expect(row).toHaveTextContent("Ada Lovelace");
    expect(row).toHaveTextContent("ada@contoso.com");
    expect(row).toHaveTextContent("Azure US Government");
    expect(row).toHaveTextContent(account().home_tenant);
    expect(screen.queryByTestId("accounts-empty")).toBeNull();
    expect(callsOf(calls, "cancel_request")).toEqual([]);
  });

  it("switches to a device code: the browser's sign-in is cancelled, the code shown", async () => {
    const calls = mockBackend({
      list_accounts: () => [],
      sign_in: (args, events) => {
        if (args.method === "browser") {
          events.onmessage({ kind: "opened_browser", url: AUTHORIZE });
        } else {
          events.onmessage({
            kind: "device_code",
            user_code: "FJ4K-QW2P",
            verification_uri: "https://microsoft.com/devicelogin",
            message:
              "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code FJ4K-QW2P to authenticate.",
          });
        }
        return deferred<Account>().promise;
      },
    });
    render(<App initialPath="/settings" />);
    await userEvent.click(await screen.findByRole("button", { name: "Add account" }));
    const dialog = screen.getByRole("dialog", { name: "Sign in to Azure" });
    await within(dialog).findByText("Waiting for the browser…");
    await userEvent.click(within(dialog).getByRole("button", { name: "Use a code instead" }));

    expect(await within(dialog).findByTestId("device-code")).toHaveTextContent("FJ4K-QW2P");
    expect(within(dialog).getByRole("button", { name: "Copy code" })).toBeVisible();
    expect(dialog).toHaveTextContent("https://microsoft.com/devicelogin");
    expect(dialog).toHaveTextContent("enter the code FJ4K-QW2P to authenticate");
    expect(within(dialog).getByText("Waiting for you to enter the code…")).toBeVisible();
    expect(within(dialog).queryByRole("button", { name: "Use a code instead" })).toBeNull();
    const [browser, code] = signInCalls(calls);
    expect(code?.method).toBe("device_code");
    expect(callsOf(calls, "cancel_request")).toEqual([{ request: browser?.request }]);

    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(dialog).not.toHaveAttribute("open");
    expect(callsOf(calls, "cancel_request")).toEqual([
      { request: browser?.request },
      { request: code?.request },
    ]);
  });

  it("shows the service's refusal with its hint, and tries again", async () => {
    let tries = 0;
    mockBackend({
      list_accounts: () => [],
      sign_in: () => {
        tries++;
        throw {
          code: "Service",
          message:
            "AADSTS700016: Application with identifier '00000000-0000-0000-0000-000000000000' was not found in the directory 'Contoso'.",
          hint: "Put your own app registration's client id in Settings → Accounts.",
        };
      },
    });
    render(<App initialPath="/settings" />);
    await userEvent.click(await screen.findByRole("button", { name: "Add account" }));
    const dialog = screen.getByRole("dialog", { name: "Sign in to Azure" });
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("AADSTS700016");
    expect(alert).toHaveTextContent("Put your own app registration's client id");
    expect(alert).toHaveAttribute("data-error-code", "Service");
    await userEvent.click(within(dialog).getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(tries).toBe(2));
  });

  it("signs out after asking, and the account leaves the list", async () => {
    const ada = account();
    const grace = account({ id: "g.t", username: "grace@fabrikam.com", name: "Grace Hopper" });
    const calls = mockBackend({
      list_accounts: () => [ada, grace],
      sign_out: ({ account: id }) => [ada, grace].filter((known) => known.id !== id),
    });
    render(<App initialPath="/settings" />);
    await userEvent.click(
      await screen.findByRole("button", { name: "Sign out of grace@fabrikam.com" }),
    );
    const confirm = screen.getByRole("dialog", { name: "Sign out of grace@fabrikam.com?" });
    expect(confirm).toHaveTextContent("forgets this account's tokens");
    expect(callsOf(calls, "sign_out")).toEqual([]);
    await userEvent.click(within(confirm).getByRole("button", { name: "Sign out" }));

    await waitFor(() =>
      expect(within(accountsCard()).getAllByTestId("account-row")).toHaveLength(1),
    );
    expect(within(accountsCard()).getByTestId("account-row")).toHaveTextContent("Ada Lovelace");
    expect(callsOf(calls, "sign_out")).toEqual([{ account: "g.t" }]);
  });

  it("saves the sign-in client id and tenant, and shows a refusal on the form", async () => {
    let settings = { theme: "system" as const, sign_in_client_id: null, sign_in_tenant: null };
    const calls = mockBackend({
      list_accounts: () => [],
      get_settings: () => settings,
      set_sign_in: ({ client_id, tenant }) => {
        if (tenant === "contoso") {
          throw {
            code: "InvalidInput",
            message: '"contoso" is not a tenant: give its id (a GUID) or one of its domains.',
            hint: "For example contoso.onmicrosoft.com.",
          };
        }
        settings = { ...settings, sign_in_client_id: client_id, sign_in_tenant: tenant } as never;
        return settings;
      },
    });
    render(<App initialPath="/settings" />);
    const form = await screen.findByRole("form", { name: "Sign-in settings" });
    expect(form).toHaveTextContent("The default is a placeholder");
    const save = within(form).getByRole("button", { name: "Save sign-in settings" });
    expect(save).toBeDisabled();
    await userEvent.type(
      within(form).getByRole("textbox", { name: /Client ID/ }),
      " 11111111-2222-3333-4444-555555555555 ",
    );
    await userEvent.type(within(form).getByRole("textbox", { name: /Tenant/ }), "contoso");
    await userEvent.click(save);
    expect(await within(form).findByRole("alert")).toHaveTextContent('"contoso" is not a tenant');

    await userEvent.clear(within(form).getByRole("textbox", { name: /Tenant/ }));
    await userEvent.click(save);
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(callsOf(calls, "set_sign_in").at(-1)).toEqual({
      client_id: "11111111-2222-3333-4444-555555555555",
      tenant: null,
    });
    expect(await screen.findByText("Sign-in settings saved")).toBeVisible();
  });
});
