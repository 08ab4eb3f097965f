import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { azureVault, callsOf, cert, listing, mockBackend } from "../../test/backend";
import { account, FABRIKAM } from "./testing";

const SIGN_IN_REQUIRED = {
  code: "SignInRequired",
  message:
    "Fabrikam asks ada@contoso.com to sign in again (AADSTS50076: multi-factor authentication).",
  hint: "Sign in again",
} as const;

function accountVault(): VaultEntry {
  return {
    ...azureVault(4, "kv-fabrikam"),
    credential: { kind: "account", account: account().id, tenant_id: FABRIKAM },
  };
}

describe("a vault whose account needs the user", () => {
  it("offers Sign in again where the error is, signs in to its tenant, then lists", async () => {
    let signedIn = false;
    const calls = mockBackend({
      list_vaults: () => [accountVault()],
      list_accounts: () => [account({ cloud: "azure_china" })],
      list_certificates: (args, events) => {
        if (!signedIn) throw SIGN_IN_REQUIRED;
        return listing([cert("fabrikam-web")])(args, events);
      },
      sign_in: () => {
        signedIn = true;
        return account({ cloud: "azure_china" });
      },
    });
    render(<App initialPath="/vaults/4" />);
    const error = await screen.findByTestId("vault-error");
    expect(within(error).getByRole("alert")).toHaveTextContent("AADSTS50076");
    await userEvent.click(within(error).getByRole("button", { name: "Sign in again" }));

    expect(await screen.findByTestId("cert-row")).toHaveAttribute("data-name", "fabrikam-web");
    await waitFor(() => expect(screen.queryByTestId("vault-error")).toBeNull());
    expect(callsOf(calls, "sign_in")).toEqual([
      { method: "browser", tenant: FABRIKAM, cloud: "azure_china", request: expect.any(Number) },
    ]);
  });

  it("offers only Retry for other errors and other credentials", async () => {
    mockBackend({
      list_vaults: () => [azureVault(2, "kv-cli")],
      list_accounts: () => [],
      list_certificates: () => {
        throw SIGN_IN_REQUIRED;
      },
    });
    render(<App initialPath="/vaults/2" />);
    const error = await screen.findByTestId("vault-error");
    expect(within(error).getByRole("button", { name: "Retry" })).toBeVisible();
    expect(within(error).queryByRole("button", { name: "Sign in again" })).toBeNull();
  });
});
