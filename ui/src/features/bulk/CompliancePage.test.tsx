import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import type { CertificatePolicy } from "../../ipc/bindings/CertificatePolicy";
import type { ComplianceRow } from "../../ipc/bindings/ComplianceRow";
import type { PolicyTemplate } from "../../ipc/bindings/PolicyTemplate";
import {
  azureVault,
  callsOf,
  cert,
  deferred,
  listing,
  localVault,
  mockBackend,
} from "../../test/backend";

const policy: CertificatePolicy = {
  key_props: { key_type: "RSA", key_size: 3072, curve: null, exportable: false, reuse_key: null },
  secret_props: { content_type: "application/x-pkcs12" },
  x509_props: {
    subject: "CN=",
    sans: { dns_names: [], emails: [], upns: [], uris: [], ip_addresses: [] },
    ekus: ["1.3.6.1.5.5.7.3.1"],
    key_usage: null,
    validity_months: 12,
  },
  lifetime_actions: [{ trigger: { days_before_expiry: 30 }, action: "AutoRenew" }],
  issuer: { name: "Self", certificate_type: null, certificate_transparency: null },
  attributes: { enabled: true, created: null, updated: null },
};

const templates: PolicyTemplate[] = [
  {
    id: "builtin:tls",
    name: "Internal TLS",
    description: "RSA 3072, a year, renewed 30 days before expiry.",
    builtin: true,
    policy,
  },
];

const rows: ComplianceRow[] = [
  {
    target: { vault: 1, name: "web" },
    deviations: [
      { field: "key_props.key_size", label: "Key size", before: "2048", after: "3072" },
      {
        field: "lifetime_actions",
        label: "Lifetime actions",
        before: "AutoRenew at 80 % of lifetime",
        after: "AutoRenew at 30 days before expiry",
      },
    ],
    error: null,
  },
  { target: { vault: 1, name: "api" }, deviations: [], error: null },
  {
    target: { vault: 2, name: "prod-web" },
    deviations: [],
    error: { code: "Forbidden", message: "No permission to read prod-web's policy.", hint: null },
  },
];

const row = (name: string) =>
  screen.getAllByTestId("compliance-row").find((r) => r.dataset.name?.startsWith(`${name} in`)) as
    | HTMLElement
    | undefined;

describe("compliance", () => {
  it("streams rows against a template, filters deviating ones, and Fix pre-fills bulk apply", async () => {
    const gate = deferred<void>();
    const calls = mockBackend({
      list_vaults: () => [localVault(1, "Local vault"), azureVault(2, "prod-kv")],
      list_certificates: (args, events) =>
        listing(args.vault === 1 ? [cert("web"), cert("api")] : [cert("prod-web")])(args, events),
      list_templates: () => templates,
      check_compliance: async (_args, events) => {
        events.onmessage(rows[0] as ComplianceRow);
        await gate.promise;
        events.onmessage(rows[1] as ComplianceRow);
        events.onmessage(rows[2] as ComplianceRow);
        return rows.length;
      },
      preview_bulk_policy: ({ targets }) =>
        targets.map((target) => ({ target, outcome: { outcome: "Unchanged" } })),
    });
    render(<App initialPath="/policies" />);
    await userEvent.click(await screen.findByRole("link", { name: "Compliance" }));
    expect(await screen.findByRole("combobox", { name: "Template" })).toHaveValue("builtin:tls");
    expect(screen.getByText("RSA 3072, a year, renewed 30 days before expiry.")).toBeVisible();
    await userEvent.click(screen.getByRole("button", { name: "Check compliance" }));

    // The first row shows before the check ends.
    await waitFor(() => expect(row("web")).toBeDefined());
    expect(screen.getByTestId("compliance-count")).toHaveTextContent("Checking… 1 so far");
    expect(row("web")).toHaveTextContent("2 deviations");
    expect(row("web")).toHaveTextContent("Key size: 2048 → 3072");
    const [sent] = callsOf(calls, "check_compliance");
    expect(sent?.vaults).toEqual([1, 2]);
    expect(sent?.template).toEqual(policy);

    gate.resolve();
    await waitFor(() =>
      expect(screen.getByTestId("compliance-count")).toHaveTextContent(
        "3 checked · 1 compliant · 1 deviating · 1 unreadable",
      ),
    );
    expect(row("api")).toHaveTextContent("Compliant");
    expect(row("prod-web")).toHaveTextContent("Unreadable");
    expect(row("prod-web")).toHaveTextContent("No permission to read prod-web's policy.");

    await userEvent.click(screen.getByRole("checkbox", { name: "Deviating only" }));
    expect(row("api")).toBeUndefined();
    expect(screen.getAllByTestId("compliance-row")).toHaveLength(2);

    const table = screen.getByTestId("compliance-table");
    await userEvent.click(
      within(table).getByRole("checkbox", { name: "Select web in Local vault" }),
    );
    await userEvent.click(screen.getByRole("button", { name: "Fix selected…" }));

    expect(await screen.findByTestId("prefill-note")).toHaveTextContent(
      "Pre-filled from template “Internal TLS”: 1 certificate",
    );
    expect(screen.getByTestId("selected-count")).toHaveTextContent("1 selected");
    expect(screen.getByRole("checkbox", { name: /^Local vault/ })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Key size" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Lifetime actions" })).toBeChecked();
    // The template leaves key usage unset, so the patch leaves it as it is.
    expect(screen.getByRole("checkbox", { name: "Key usage" })).not.toBeChecked();
    await waitFor(() =>
      expect(
        within(screen.getByTestId("picker-table")).getByRole("checkbox", {
          name: "Select web in Local vault",
        }),
      ).toBeChecked(),
    );

    await userEvent.click(screen.getByRole("button", { name: "Preview 1 certificate" }));
    await waitFor(() => expect(callsOf(calls, "preview_bulk_policy")).toHaveLength(1));
    const [preview] = callsOf(calls, "preview_bulk_policy");
    expect(preview?.targets).toEqual([{ vault: 1, name: "web" }]);
    expect(preview?.patch).toEqual({
      key_type: "RSA",
      key_size: 3072,
      curve: null,
      exportable: false,
      reuse_key: null,
      content_type: "application/x-pkcs12",
      ekus: ["1.3.6.1.5.5.7.3.1"],
      key_usage: null,
      validity_months: 12,
      lifetime_actions: [{ trigger: { days_before_expiry: 30 }, action: "AutoRenew" }],
      issuer_name: "Self",
      enabled: true,
    });
    expect(await screen.findByTestId("bulk-counts")).toHaveTextContent(
      "0 would change · 1 already so — skipped",
    );
  });

  it("shows a failed check as an error, not as an empty table", async () => {
    mockBackend({
      list_vaults: () => [localVault(1, "Local vault")],
      list_templates: () => templates,
      check_compliance: () => {
        throw { code: "Offline", message: "The vault cannot be reached.", hint: null };
      },
    });
    render(<App initialPath="/policies/compliance" />);
    await userEvent.click(await screen.findByRole("button", { name: "Check compliance" }));
    expect(await screen.findByTestId("run-error")).toHaveTextContent(
      "The vault cannot be reached.",
    );
    expect(screen.queryByTestId("compliance-empty")).not.toBeInTheDocument();
  });

  it("lints the policies of the rows in view when asked", async () => {
    const calls = mockBackend({
      list_vaults: () => [localVault(1, "Local vault")],
      list_templates: () => templates,
      check_compliance: (_args, events) => {
        events.onmessage(rows[0] as ComplianceRow);
        events.onmessage(rows[1] as ComplianceRow);
        return 2;
      },
      get_policy: () => policy,
      check_policy: () => [
        {
          field: "x509_props.subject",
          severity: "Warning",
          message: "The CN is not among the DNS names.",
        },
      ],
    });
    render(<App initialPath="/policies/compliance" />);
    await userEvent.click(await screen.findByRole("button", { name: "Check compliance" }));
    await waitFor(() => expect(screen.getAllByTestId("compliance-row")).toHaveLength(2));
    expect(callsOf(calls, "get_policy")).toHaveLength(0);

    await userEvent.click(screen.getByRole("checkbox", { name: "Lint policies" }));
    await waitFor(() => expect(row("web")).toHaveTextContent("1 finding"));
    expect(row("web")).toHaveTextContent("The CN is not among the DNS names.");
    expect(callsOf(calls, "get_policy")).toContainEqual({ vault: 1, name: "web" });
    expect(callsOf(calls, "check_policy")).toContainEqual({ vault: 1, policy });
  });
});
