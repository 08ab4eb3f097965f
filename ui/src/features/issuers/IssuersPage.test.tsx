import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import type { IssuerDetails } from "../../ipc/bindings/IssuerDetails";
import { callsOf, localVault, mockBackend } from "../../test/backend";

const vaults = () => [localVault(1, "Local vault")];

const digicert: IssuerDetails = {
  name: "digicert",
  provider: "DigiCert",
  account_id: "contoso",
  organization_id: "org-1",
  admins: [{ first_name: "Ada", last_name: "Admin", email: "ada@contoso.com", phone: "" }],
  enabled: true,
  created: 1_700_000_000,
  updated: 1_700_000_000,
};

describe("the issuers view", () => {
  it("says there are none and offers to create one", async () => {
    mockBackend({ list_vaults: vaults, list_issuers: () => [] });
    render(<App initialPath="/vaults/1/issuers" />);
    const empty = await screen.findByTestId("issuers-empty");
    expect(empty).toHaveTextContent("No issuers in this vault");
    await userEvent.click(within(empty).getByRole("button", { name: "Create the first issuer" }));
    expect(await screen.findByTestId("issuer-form")).toBeInTheDocument();
    expect(screen.getByLabelText("Name")).toHaveValue("");
  });

  it("lists the issuers and opens one without ever showing a password", async () => {
    mockBackend({
      list_vaults: vaults,
      list_issuers: () => [{ name: "digicert", provider: "DigiCert" }],
      get_issuer: () => digicert,
    });
    render(<App initialPath="/vaults/1/issuers" />);
    const row = await screen.findByTestId("issuer-row");
    expect(row).toHaveTextContent("DigiCert");
    await userEvent.click(within(row).getByRole("button", { name: "digicert" }));
    const form = await screen.findByTestId("issuer-form");
    expect(within(form).getByLabelText("Account id")).toHaveValue("contoso");
    expect(within(form).getByLabelText("Administrator 1 e-mail")).toHaveValue("ada@contoso.com");
    expect(within(form).queryByLabelText("Name")).not.toBeInTheDocument();
    const password = within(form).getByLabelText(/^Password/);
    expect(password).toHaveValue("");
    expect(within(form).getByTestId("password-state")).toHaveTextContent("unchanged");
    await userEvent.type(password, "new-key");
    expect(within(form).getByTestId("password-state")).toHaveTextContent("replaced when you save");
  });

  it("creates an issuer: refusals land on their fields, then it is saved and listed", async () => {
    let attempt = 0;
    const calls = mockBackend({
      list_vaults: vaults,
      list_issuers: () => [],
      get_issuer: () => ({ ...digicert, name: "lab", provider: "CertDeckLocalCA" }),
      save_issuer: ({ name, issuer }) =>
        ++attempt === 1
          ? {
              outcome: "Refused",
              issues: [
                { field: "name", severity: "Error", message: "Enter a name." },
                {
                  field: "admins.0.email",
                  severity: "Error",
                  message: "Enter an e-mail address: Key Vault needs one for each contact.",
                },
              ],
            }
          : {
              outcome: "Saved",
              value: {
                ...digicert,
                name,
                provider: issuer.provider,
                account_id: issuer.account_id || null,
                admins: issuer.admins,
              },
            },
    });
    render(<App initialPath="/vaults/1/issuers?issuer=" />);
    const form = await screen.findByTestId("issuer-form");
    await userEvent.selectOptions(
      within(form).getByLabelText("Provider"),
      "Local vault test CA (CertDeck)",
    );
    await userEvent.click(within(form).getByRole("button", { name: "Add administrator" }));
    await userEvent.click(within(form).getByTestId("issuer-save"));
    await waitFor(() =>
      expect(within(form).getByLabelText("Name")).toHaveAttribute("aria-invalid", "true"),
    );
    expect(within(form).getByLabelText("Administrator 1 e-mail")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    expect(form).toHaveTextContent("Key Vault needs one for each contact.");

    await userEvent.type(within(form).getByLabelText("Name"), "lab");
    await userEvent.type(within(form).getByLabelText("Administrator 1 e-mail"), "ada@contoso.com");
    await userEvent.click(within(form).getByTestId("issuer-save"));
    const row = await screen.findByTestId("issuer-row");
    expect(row).toHaveAttribute("data-name", "lab");
    const sent = callsOf(calls, "save_issuer")[1];
    expect(sent).toMatchObject({ name: "lab", create: true });
    expect(sent?.issuer).toMatchObject({ provider: "CertDeckLocalCA", password: null });
  });

  it("deletes an issuer after saying policies may still use it", async () => {
    const calls = mockBackend({
      list_vaults: vaults,
      list_issuers: () => [{ name: "digicert", provider: "DigiCert" }],
      get_issuer: () => digicert,
      delete_issuer: () => digicert,
    });
    render(<App initialPath="/vaults/1/issuers?issuer=digicert" />);
    await userEvent.click(await screen.findByTestId("issuer-delete"));
    const confirm = screen.getByTestId("issuer-delete-confirm");
    expect(confirm).toHaveTextContent("may still use it");
    await userEvent.click(within(confirm).getByRole("button", { name: "Delete issuer digicert" }));
    expect(await screen.findByTestId("issuers-empty")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId("issuer-form")).not.toBeInTheDocument());
    expect(callsOf(calls, "delete_issuer")).toEqual([{ vault: 1, name: "digicert" }]);
  });
});
