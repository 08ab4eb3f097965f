import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import type { CertificateContact } from "../../ipc/bindings/CertificateContact";
import { callsOf, localVault, mockBackend } from "../../test/backend";

const vaults = () => [localVault(1, "Local vault")];
const pki: CertificateContact = { email: "pki@contoso.com", name: "PKI", phone: "" };

describe("the certificate contacts view", () => {
  it("says there are none, then adds one and saves it", async () => {
    let stored: CertificateContact[] = [];
    const calls = mockBackend({
      list_vaults: vaults,
      get_contacts: () => stored,
      set_contacts: ({ contacts }) => {
        stored = contacts;
        return { outcome: "Saved", value: contacts };
      },
    });
    render(<App initialPath="/vaults/1/contacts" />);
    expect(await screen.findByTestId("contacts-empty")).toHaveTextContent(
      "No certificate contacts",
    );
    expect(screen.getByTestId("contacts-save")).toBeDisabled();
    await userEvent.click(screen.getByRole("button", { name: "Add contact" }));
    await userEvent.type(screen.getByLabelText("Contact 1 e-mail"), "pki@contoso.com");
    await userEvent.type(screen.getByLabelText("Contact 1 name"), "PKI");
    await userEvent.click(screen.getByTestId("contacts-save"));
    await waitFor(() => expect(callsOf(calls, "set_contacts")).toHaveLength(1));
    expect(callsOf(calls, "set_contacts")[0]?.contacts).toEqual([pki]);
    await waitFor(() => expect(screen.getByTestId("contacts-save")).toBeDisabled());
    expect(screen.getByLabelText("Contact 1 e-mail")).toHaveValue("pki@contoso.com");
    expect(screen.getByTestId("contacts-delete")).toBeInTheDocument();
  });

  it("shows a refused e-mail on its field and keeps the edit", async () => {
    mockBackend({
      list_vaults: vaults,
      get_contacts: () => [pki],
      set_contacts: () => ({
        outcome: "Refused",
        issues: [
          {
            field: "contacts.1.email",
            severity: "Error",
            message: "Invalid e-mail 'ops': expected name@domain, e.g. ops@contoso.com.",
          },
        ],
      }),
    });
    render(<App initialPath="/vaults/1/contacts" />);
    expect(await screen.findByLabelText("Contact 1 e-mail")).toHaveValue("pki@contoso.com");
    await userEvent.click(screen.getByRole("button", { name: "Add contact" }));
    const email = screen.getByLabelText("Contact 2 e-mail");
    await userEvent.type(email, "ops");
    await userEvent.click(screen.getByTestId("contacts-save"));
    await waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
    const issue = screen.getByTestId("field-issue");
    expect(issue).toHaveAttribute("data-field", "contacts.1.email");
    expect(issue).toHaveTextContent("expected name@domain");
    expect(email).toHaveValue("ops");
    // Editing the row clears what was said about it.
    await userEvent.type(email, "@contoso.com");
    expect(screen.queryByTestId("field-issue")).not.toBeInTheDocument();
  });

  it("deletes them all after asking", async () => {
    let stored = [pki];
    const calls = mockBackend({
      list_vaults: vaults,
      get_contacts: () => stored,
      delete_contacts: () => {
        const removed = stored;
        stored = [];
        return removed;
      },
    });
    render(<App initialPath="/vaults/1/contacts" />);
    await userEvent.click(await screen.findByTestId("contacts-delete"));
    const confirm = screen.getByTestId("contacts-delete-confirm");
    expect(confirm).toHaveTextContent("Delete all 1 contact?");
    expect(callsOf(calls, "delete_contacts")).toEqual([]);
    await userEvent.click(within(confirm).getByRole("button", { name: "Delete all contacts" }));
    expect(await screen.findByTestId("contacts-empty")).toBeInTheDocument();
    expect(callsOf(calls, "delete_contacts")).toEqual([{ vault: 1 }]);
  });

  it("shows why the contacts cannot be read", async () => {
    mockBackend({
      list_vaults: vaults,
      get_contacts: () => {
        throw {
          code: "Forbidden",
          message: "Local vault refused: the managecontacts permission is missing.",
          hint: "Grant it.",
        };
      },
    });
    render(<App initialPath="/vaults/1/contacts" />);
    expect(await screen.findByRole("alert")).toHaveTextContent("managecontacts");
  });
});
