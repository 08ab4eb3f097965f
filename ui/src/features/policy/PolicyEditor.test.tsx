import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { App, createQueryClient } from "../../app/App";
import { ToastProvider } from "../../components/Toasts";
import type { CertificatePolicy } from "../../ipc/bindings/CertificatePolicy";
import { callsOf, cert, detailsOf, listing, localVault, mockBackend } from "../../test/backend";
import { hasErrors } from "./issues";
import { PolicyEditor } from "./PolicyEditor";
import { defaultPolicy } from "./policy";
import { policyFixture, policyHandlers } from "./testing";
import { usePolicyChecks } from "./usePolicyChecks";

/** How "New certificate" embeds the editor: it owns the policy, the hook the issues. */
function Embedded({ onPolicy }: { onPolicy: (policy: CertificatePolicy) => void }) {
  const [policy, setPolicy] = useState(defaultPolicy);
  const { issues } = usePolicyChecks(null, policy);
  return (
    <>
      <PolicyEditor
        value={policy}
        onChange={(next) => {
          setPolicy(next);
          onPolicy(next);
        }}
        issues={issues}
        vault={null}
      />
      <button type="button" disabled={hasErrors(issues)}>
        Create
      </button>
    </>
  );
}

describe("the embedded policy editor", () => {
  it("edits a new policy, checked without a vault, with no current version to date", async () => {
    const user = userEvent.setup();
    const calls = mockBackend(policyHandlers());
    let latest: CertificatePolicy | null = null;
    render(
      <QueryClientProvider client={createQueryClient()}>
        <ToastProvider>
          <Embedded onPolicy={(policy) => (latest = policy)} />
        </ToastProvider>
      </QueryClientProvider>,
    );
    const cn = await screen.findByLabelText("Common name (CN)");
    await user.type(cn, "new.contoso.com");
    await waitFor(() => expect(latest?.x509_props.subject).toBe("CN=new.contoso.com"));
    expect(screen.queryByTestId("fires-at")).not.toBeInTheDocument();

    const validity = screen.getByLabelText("Validity (months)");
    await user.clear(validity);
    await user.type(validity, "0");
    await waitFor(() => expect(screen.getByRole("button", { name: "Create" })).toBeDisabled());
    expect(validity).toHaveAttribute("aria-invalid", "true");
    expect(callsOf(calls, "check_policy").at(-1)?.vault).toBeNull();
  });

  it("picks a named issuer from the vault's issuers, with its provider", async () => {
    const user = userEvent.setup();
    mockBackend(policyHandlers());
    function WithVault() {
      const [policy, setPolicy] = useState(() => policyFixture());
      return <PolicyEditor value={policy} onChange={setPolicy} issues={[]} vault={1} />;
    }
    render(
      <QueryClientProvider client={createQueryClient()}>
        <WithVault />
      </QueryClientProvider>,
    );
    await user.click(await screen.findByLabelText("A certificate authority"));
    const name = await screen.findByLabelText("Issuer name");
    expect(
      within(name).getByRole("option", { name: "DigiCert-OV (DigiCert)" }),
    ).toBeInTheDocument();
    await waitFor(() => expect(name).toHaveValue("DigiCert-OV"));
    expect(screen.getByLabelText("Certificate type")).toBeInTheDocument();
    expect(screen.getByLabelText("Publish to certificate transparency logs")).not.toBeChecked();
    await user.click(screen.getByLabelText("Unknown (CSR)"));
    expect(screen.queryByLabelText("Issuer name")).not.toBeInTheDocument();
    expect(screen.getByText(/get it signed elsewhere/)).toBeInTheDocument();
  });

  it("shows a field-less issue at the top and a section's issue in its section", () => {
    mockBackend(policyHandlers());
    render(
      <QueryClientProvider client={createQueryClient()}>
        <PolicyEditor
          value={policyFixture()}
          onChange={() => {}}
          issues={[
            { field: "", severity: "Warning", message: "The vault has no contacts." },
            { field: "key_props", severity: "Error", message: "The key is not allowed here." },
          ]}
          vault={1}
        />
      </QueryClientProvider>,
    );
    const top = screen.getByTestId("policy-general-issues");
    expect(top).toHaveTextContent("The vault has no contacts.");
    expect(top).not.toHaveTextContent("The key is not allowed here.");
    expect(screen.getByRole("group", { name: "Key" })).toHaveTextContent(
      "The key is not allowed here.",
    );
  });
});

describe("policy actions in the details", () => {
  const vaultSetup = (overrides: Parameters<typeof mockBackend>[0] = {}) =>
    mockBackend({
      list_vaults: () => [localVault(1, "Local vault")],
      list_certificates: listing([cert("web")]),
      get_certificate: ({ name }) => detailsOf(cert(name)),
      list_versions: ({ name }) => [cert(name, { version: "v1" })],
      ...policyHandlers(),
      ...overrides,
    });

  it("opens the policy editor from a certificate's details", async () => {
    const user = userEvent.setup();
    vaultSetup();
    render(<App initialPath="/vaults/1?cert=web" />);
    const pane = await screen.findByTestId("details-pane");
    await user.click(within(pane).getByRole("link", { name: "Edit policy" }));
    expect(await screen.findByTestId("policy-editor")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Policy of web" })).toBeInTheDocument();
  });

  it("renews now after a confirmation and says it started", async () => {
    const user = userEvent.setup();
    const calls = vaultSetup({
      renew_certificate: ({ name }) => ({
        name,
        status: "inProgress",
        status_details: "Pending certificate created.",
        cancellation_requested: false,
        csr: null,
        issuer: "Self",
        error: null,
        target: null,
        request_id: "r1",
      }),
    });
    render(<App initialPath="/vaults/1?cert=web" />);
    const pane = await screen.findByTestId("details-pane");
    await user.click(within(pane).getByRole("button", { name: "Renew now" }));
    expect(callsOf(calls, "renew_certificate")).toHaveLength(0);
    const before = callsOf(calls, "get_certificate").length;
    await user.click(screen.getByRole("button", { name: "Renew" }));
    expect(await screen.findByTestId("toast")).toHaveTextContent(
      "Renewal of web started: Pending certificate created.",
    );
    expect(callsOf(calls, "renew_certificate")).toEqual([{ vault: 1, name: "web" }]);
    // The certificate's details are fetched again.
    await waitFor(() => expect(callsOf(calls, "get_certificate").length).toBeGreaterThan(before));
  });

  it("saves the edited policy as a template", async () => {
    const user = userEvent.setup();
    const calls = vaultSetup({
      save_template: ({ name, description, policy }) => [
        { id: "user:1", name, description, builtin: false, policy },
      ],
      delete_template: () => [],
    });
    render(<App initialPath="/vaults/1/policy/web" />);
    await screen.findByTestId("policy-editor");
    await user.click(screen.getByRole("button", { name: "Start from…" }));
    await user.click(await screen.findByRole("menuitem", { name: "Save as template…" }));
    const dialog = await screen.findByTestId("save-template-dialog");
    await user.type(within(dialog).getByLabelText("Name"), "Web servers");
    await user.type(within(dialog).getByLabelText(/Description/), "RSA 2048, a year");
    await user.click(within(dialog).getByRole("button", { name: "Save template" }));
    await waitFor(() =>
      expect(screen.queryByTestId("save-template-dialog")).not.toBeInTheDocument(),
    );
    expect(callsOf(calls, "save_template")[0]).toMatchObject({
      name: "Web servers",
      description: "RSA 2048, a year",
      policy: { x509_props: { validity_months: 12 } },
    });
    await user.click(screen.getByRole("button", { name: "Start from…" }));
    expect(
      await screen.findByRole("menuitem", { name: "My template: Web servers" }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole("menuitem", { name: "Delete my template: Web servers" }));
    expect(callsOf(calls, "delete_template")).toEqual([{ id: "user:1" }]);
    await user.click(screen.getByRole("button", { name: "Start from…" }));
    await screen.findByRole("menuitem", { name: "Save as template…" });
    expect(screen.queryByRole("menuitem", { name: /Web servers/ })).not.toBeInTheDocument();
  });
});

describe("the EmailContacts lint", () => {
  it("links to the vault's contacts where it warns", () => {
    mockBackend(policyHandlers());
    const policy: CertificatePolicy = {
      ...policyFixture(),
      lifetime_actions: [{ trigger: { days_before_expiry: 30 }, action: "EmailContacts" }],
    };
    render(
      <MemoryRouter>
        <QueryClientProvider client={createQueryClient()}>
          <PolicyEditor
            value={policy}
            onChange={() => {}}
            issues={[
              {
                field: "lifetime_actions.0.action",
                severity: "Warning",
                message:
                  "EmailContacts e-mails the vault's certificate contacts, and this vault has none.",
              },
            ]}
            vault={7}
          />
        </QueryClientProvider>
      </MemoryRouter>,
    );
    expect(screen.getByTestId("set-contacts-link")).toHaveAttribute("href", "/vaults/7/contacts");
  });
});
