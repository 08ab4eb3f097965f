import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import type { CertificatePolicy } from "../../ipc/bindings/CertificatePolicy";
import type { Commands } from "../../ipc/bindings/Commands";
import {
  azureVault,
  callsOf,
  cert,
  detailsOf,
  listing,
  localVault,
  mockBackend,
} from "../../test/backend";
import { formatDate } from "./LifetimeActions";
import { firesAt } from "./policy";
import { policyFixture, policyHandlers } from "./testing";

const DAY = 86_400;
const NBF = Date.UTC(2026, 0, 1) / 1000;
const EXP = Date.UTC(2027, 0, 1) / 1000;

type Overrides = Parameters<typeof mockBackend>[0];

function setup(overrides: Overrides = {}, policy: CertificatePolicy = policyFixture()) {
  const calls = mockBackend({
    list_vaults: () => [localVault(1, "Local vault"), azureVault(2, "prod-kv")],
    get_certificate: ({ name }) => detailsOf(cert(name, { not_before: NBF, expires: EXP })),
    ...policyHandlers(policy),
    diff_policies: ({ before, after }) =>
      before.x509_props.validity_months === after.x509_props.validity_months
        ? []
        : [
            {
              field: "x509_props.validity_months",
              label: "Validity",
              before: `${before.x509_props.validity_months} months`,
              after: `${after.x509_props.validity_months} months`,
            },
          ],
    ...overrides,
  });
  render(<App initialPath="/vaults/1/policy/web" />);
  return calls;
}

const editor = () => screen.findByTestId("policy-editor");
const saveButton = () => screen.getByRole("button", { name: "Save…" });

async function setValidity(user: ReturnType<typeof userEvent.setup>, months: string) {
  const input = screen.getByLabelText("Validity (months)");
  await user.clear(input);
  await user.type(input, months);
  return input;
}

/** Sets the validity, reviews the change and confirms Save in the dialog. */
async function saveValidity(user: ReturnType<typeof userEvent.setup>, months: string) {
  await editor();
  const input = await setValidity(user, months);
  await waitFor(() => expect(saveButton()).toBeEnabled());
  await user.click(saveButton());
  const dialog = await screen.findByTestId("policy-save-dialog");
  await within(dialog).findByTestId("policy-change");
  await user.click(within(dialog).getByRole("button", { name: "Save" }));
  return { input, dialog };
}

describe("the policy editor page", () => {
  it("shows every section of a loaded policy", async () => {
    setup();
    const form = await editor();
    for (const legend of ["Key", "Secret", "X.509", "Lifetime actions", "Issuer", "Certificates"]) {
      expect(within(form).getByRole("group", { name: legend })).toBeInTheDocument();
    }
    expect(screen.getByLabelText("Key type")).toHaveValue("RSA");
    expect(screen.getByLabelText("Key size")).toHaveValue("2048");
    expect(screen.getByLabelText("Exportable private key")).toBeChecked();
    expect(screen.getByLabelText("PKCS #12 (.pfx)")).toBeChecked();
    expect(await screen.findByLabelText("Common name (CN)")).toHaveValue("web.contoso.com");
    expect(screen.getByLabelText("Organization (O)")).toHaveValue("Contoso");
    expect(screen.getByLabelText("DNS name 2")).toHaveValue("www.contoso.com");
    expect(screen.getByLabelText("IP address 1")).toHaveValue("10.0.0.1");
    expect(screen.getByLabelText(/Server authentication/)).toBeChecked();
    expect(screen.getByLabelText(/Client authentication/)).not.toBeChecked();
    expect(screen.getByLabelText("Sign data (digital signature)")).toBeChecked();
    expect(screen.getByLabelText("Validity (months)")).toHaveValue(12);
    expect(screen.getByLabelText("Self-signed")).toBeChecked();
    expect(screen.getByLabelText("Enabled")).toBeChecked();
    expect(screen.getAllByTestId("lifetime-action")).toHaveLength(1);
    // Nothing changed yet.
    expect(saveButton()).toBeDisabled();
    expect(screen.getByTestId("save-why")).toHaveTextContent("No changes to save.");
  });

  it("asks before leaving with unsaved changes", async () => {
    const user = userEvent.setup();
    setup({ list_certificates: listing([cert("web")]), list_versions: () => [] });
    await editor();
    await setValidity(user, "24");
    await user.click(screen.getByRole("link", { name: "← Local vault" }));
    const dialog = await screen.findByTestId("policy-leave-dialog");
    expect(dialog).toHaveAttribute("open");
    await user.click(within(dialog).getByRole("button", { name: "Stay" }));
    expect(screen.getByLabelText("Validity (months)")).toHaveValue(24);
    await user.click(screen.getByRole("link", { name: "← Local vault" }));
    await user.click(
      within(await screen.findByTestId("policy-leave-dialog")).getByRole("button", {
        name: "Leave",
      }),
    );
    await waitFor(() => expect(screen.queryByTestId("policy-editor")).not.toBeInTheDocument());
  });

  it("shows the load error with its hint and retries", async () => {
    let fail = true;
    setup({
      get_policy: () => {
        if (fail) {
          fail = false;
          throw {
            code: "Forbidden",
            message: "Access denied to the policy.",
            hint: "Ask for Certificates Get.",
          };
        }
        return policyFixture();
      },
    });
    const error = await screen.findByTestId("policy-load-error");
    expect(error).toHaveTextContent("Access denied to the policy.");
    expect(error).toHaveTextContent("Ask for Certificates Get.");
    await userEvent.setup().click(within(error).getByRole("button", { name: "Retry" }));
    expect(await editor()).toBeInTheDocument();
  });

  it("switches between key size and curve with the key type", async () => {
    const user = userEvent.setup();
    setup();
    await editor();
    await user.selectOptions(screen.getByLabelText("Key type"), "EC");
    expect(screen.queryByLabelText("Key size")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Curve")).toHaveValue("P-256");
    await user.selectOptions(screen.getByLabelText("Curve"), "P-384");
    await user.selectOptions(screen.getByLabelText("Key type"), "RSA-HSM");
    expect(screen.queryByLabelText("Curve")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Key size")).toHaveValue("2048");
    // An HSM key cannot be exportable, and says why.
    expect(screen.getByLabelText("Exportable private key")).not.toBeChecked();
    expect(screen.getByLabelText("Exportable private key")).toBeDisabled();
    expect(screen.getByText(/needs a Premium vault/)).toBeInTheDocument();
  });

  it("puts an invalid validity on its field and disables Save", async () => {
    const user = userEvent.setup();
    const calls = setup();
    await editor();
    const input = await setValidity(user, "200");
    await waitFor(() => expect(input).toHaveAttribute("aria-invalid", "true"));
    const notes = document.getElementById(input.getAttribute("aria-describedby") ?? "");
    expect(notes).toHaveTextContent("Validity must be between 1 and 120 months.");
    expect(saveButton()).toBeDisabled();
    expect(screen.getByTestId("save-why")).toHaveTextContent("Fix 1 error to save.");
    expect(callsOf(calls, "check_policy").at(-1)?.policy.x509_props.validity_months).toBe(200);

    await setValidity(user, "24");
    await waitFor(() => expect(input).not.toHaveAttribute("aria-invalid"));
    expect(saveButton()).toBeEnabled();
  });

  it("round-trips the subject between the builder and text, through the backend", async () => {
    const user = userEvent.setup();
    const calls = setup();
    await editor();
    const org = await screen.findByLabelText("Organization (O)");
    await user.clear(org);
    await user.type(org, "Contoso, Ltd");
    await waitFor(() =>
      expect(callsOf(calls, "format_subject").at(-1)?.attributes).toEqual([
        { key: "CN", value: "web.contoso.com", joined: false },
        { key: "O", value: "Contoso, Ltd", joined: false },
      ]),
    );
    await user.click(screen.getByRole("button", { name: "Edit as text" }));
    const text = screen.getByLabelText("Subject as text");
    await waitFor(() => expect(text).toHaveValue("CN=web.contoso.com, O=Contoso, Ltd"));

    await user.clear(text);
    await user.type(text, "CN=api.contoso.com, OU=Ops, C=NL");
    await user.click(screen.getByRole("button", { name: "Edit field by field" }));
    expect(await screen.findByLabelText("Common name (CN)")).toHaveValue("api.contoso.com");
    expect(screen.getByLabelText("Organizational unit (OU)")).toHaveValue("Ops");
    expect(screen.getByLabelText("Country (C)")).toHaveValue("NL");
    expect(callsOf(calls, "parse_subject").at(-1)).toEqual({
      subject: "CN=api.contoso.com, OU=Ops, C=NL",
    });

    // A subject the builder cannot hold stays text, and says why.
    await user.click(screen.getByRole("button", { name: "Edit as text" }));
    const again = screen.getByLabelText("Subject as text");
    await user.clear(again);
    await user.type(again, "CN=a+O=b, SERIALNUMBER=42");
    await user.click(screen.getByRole("button", { name: "Edit field by field" }));
    expect(await screen.findByTestId("subject-text-reason")).toHaveTextContent("SERIALNUMBER");
    expect(screen.getByLabelText("Subject as text")).toHaveValue("CN=a+O=b, SERIALNUMBER=42");
    expect(screen.queryByLabelText("Common name (CN)")).not.toBeInTheDocument();
  });

  it("adds and removes SAN entries, each with its own issue", async () => {
    const user = userEvent.setup();
    const calls = setup();
    await editor();
    await user.click(screen.getByRole("button", { name: "Add DNS name" }));
    const added = screen.getByLabelText("DNS name 3");
    await waitFor(() => expect(added).toHaveAttribute("aria-invalid", "true"));
    const notesOf = (input: HTMLElement) =>
      document.getElementById(input.getAttribute("aria-describedby") ?? "");
    expect(notesOf(added)).toHaveTextContent("A DNS name cannot be empty.");
    expect(screen.getByLabelText("DNS name 1")).not.toHaveAttribute("aria-invalid");

    await user.type(added, "bücher.example");
    await waitFor(() => expect(notesOf(added)).toHaveTextContent("Sent as its punycode form."));
    // A warning does not block saving.
    expect(added).not.toHaveAttribute("aria-invalid");
    expect(saveButton()).toBeEnabled();

    await user.click(screen.getByRole("button", { name: "Remove DNS name 1" }));
    expect(screen.getByLabelText("DNS name 1")).toHaveValue("www.contoso.com");
    expect(screen.getByLabelText("DNS name 2")).toHaveValue("bücher.example");
    expect(screen.queryByLabelText("DNS name 3")).not.toBeInTheDocument();
    await waitFor(() =>
      expect(callsOf(calls, "check_policy").at(-1)?.policy.x509_props.sans.dns_names).toEqual([
        "www.contoso.com",
        "bücher.example",
      ]),
    );
  });

  it("reviews the changes, saves, and marks what the service stored differently", async () => {
    const user = userEvent.setup();
    const calls = setup({
      save_policy: ({ policy }) => ({
        outcome: "Saved",
        policy: { ...policy, x509_props: { ...policy.x509_props, validity_months: 25 } },
        differences: [
          {
            field: "x509_props.validity_months",
            label: "Validity",
            before: "24 months",
            after: "25 months",
          },
        ],
      }),
    });
    await editor();
    await setValidity(user, "24");
    await waitFor(() => expect(saveButton()).toBeEnabled());
    await user.click(saveButton());
    const dialog = await screen.findByTestId("policy-save-dialog");
    const change = await within(dialog).findByTestId("policy-change");
    expect(change).toHaveTextContent("Validity");
    expect(change).toHaveTextContent("12 months");
    expect(change).toHaveTextContent("24 months");
    expect(dialog).toHaveTextContent(
      "Applies from the next version; the current certificate is unchanged.",
    );
    expect(callsOf(calls, "diff_policies")[0]?.before.x509_props.validity_months).toBe(12);
    expect(callsOf(calls, "save_policy")).toHaveLength(0);

    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByLabelText("Validity (months)")).toHaveValue(25));
    expect(callsOf(calls, "save_policy")[0]).toMatchObject({
      vault: 1,
      name: "web",
      policy: { x509_props: { validity_months: 24 } },
    });
    const input = screen.getByLabelText("Validity (months)");
    const notes = document.getElementById(input.getAttribute("aria-describedby") ?? "");
    expect(within(notes as HTMLElement).getByTestId("stored-differently")).toHaveTextContent(
      "Stored differently The service stored 25 months (sent: 24 months).",
    );
    expect(screen.getByTestId("policy-save-dialog")).not.toHaveAttribute("open");
    // The stored policy is the new baseline.
    expect(saveButton()).toBeDisabled();
  });

  it("keeps the edits when a save fails and saves them on Retry", async () => {
    const user = userEvent.setup();
    let tries = 0;
    const calls = setup({
      save_policy: ({ policy }) => {
        tries += 1;
        if (tries === 1) {
          throw {
            code: "Service",
            message: "The vault answered 503 Service Unavailable.",
            hint: "Try again in a moment.",
          };
        }
        return { outcome: "Saved", policy, differences: [] };
      },
    });
    const { input, dialog } = await saveValidity(user, "18");

    const retry = await within(dialog).findByRole("button", { name: "Retry" });
    expect(dialog).toHaveTextContent("The vault answered 503 Service Unavailable.");
    expect(input).toHaveValue(18);
    await user.click(retry);
    await waitFor(() =>
      expect(screen.getByTestId("policy-save-dialog")).not.toHaveAttribute("open"),
    );
    expect(callsOf(calls, "save_policy").map((c) => c.policy.x509_props.validity_months)).toEqual([
      18, 18,
    ]);
    expect(input).toHaveValue(18);
    expect(saveButton()).toBeDisabled();
  });

  it("puts a refusal's issues on their fields and keeps what was typed", async () => {
    const user = userEvent.setup();
    setup({
      save_policy: () => ({
        outcome: "Refused",
        issues: [
          {
            field: "x509_props.validity_months",
            severity: "Error",
            message: "This issuer signs for at most 24 months.",
          },
          { field: "", severity: "Error", message: "The vault refused the policy." },
        ],
      }),
    });
    const { input } = await saveValidity(user, "36");

    const refusal = await screen.findByTestId("policy-refusal");
    expect(refusal).toHaveTextContent("The vault refused the policy.");
    expect(input).toHaveValue(36);
    expect(input).toHaveAttribute("aria-invalid", "true");
    const notes = document.getElementById(input.getAttribute("aria-describedby") ?? "");
    expect(notes).toHaveTextContent("This issuer signs for at most 24 months.");
    expect(screen.getByTestId("policy-save-dialog")).not.toHaveAttribute("open");
  });

  it("dates each lifetime action for the current version", async () => {
    const user = userEvent.setup();
    setup();
    await editor();
    const at80 = NBF + (EXP - NBF) * 0.8;
    expect(
      firesAt(
        { action: "AutoRenew", trigger: { lifetime_percentage: 80 } },
        { not_before: NBF, expires: EXP },
      ),
    ).toBe(at80);
    expect(
      firesAt(
        { action: "EmailContacts", trigger: { days_before_expiry: 30 } },
        { not_before: NBF, expires: EXP },
      ),
    ).toBe(EXP - 30 * DAY);
    const [first] = await screen.findAllByTestId("fires-at");
    expect(first).toHaveTextContent(`Would fire ${formatDate(at80)}`);

    await user.click(screen.getByRole("button", { name: "Add action" }));
    const second = screen.getAllByTestId("lifetime-action")[1] as HTMLElement;
    expect(within(second).getByLabelText("Action 2")).toHaveValue("EmailContacts");
    expect(within(second).getByTestId("fires-at")).toHaveTextContent(formatDate(EXP - 30 * DAY));
    const days = within(second).getByLabelText("Action 2 days before expiry");
    await user.clear(days);
    await user.type(days, "400");
    expect(within(second).getByTestId("fires-at")).toHaveTextContent(
      `Would fire ${formatDate(EXP - 400 * DAY)}: already due`,
    );
    await user.click(screen.getByRole("button", { name: "Remove action 1" }));
    expect(screen.getAllByTestId("lifetime-action")).toHaveLength(1);
  });

  it("starts from a template chosen in the menu", async () => {
    const user = userEvent.setup();
    const template: Commands["list_templates"]["result"][number] = {
      id: "builtin:ec-web",
      name: "EC web server",
      description: "P-384, 6 months",
      builtin: true,
      policy: policyFixture({
        key_props: {
          key_type: "EC",
          key_size: null,
          curve: "P-384",
          exportable: false,
          reuse_key: true,
        },
      }),
    };
    setup({ list_templates: () => [template] });
    await editor();
    await user.click(screen.getByRole("button", { name: "Start from…" }));
    await user.click(await screen.findByRole("menuitem", { name: "Template: EC web server" }));
    expect(screen.getByLabelText("Key type")).toHaveValue("EC");
    expect(screen.getByLabelText("Curve")).toHaveValue("P-384");
    expect(screen.getByLabelText("Reuse the key on renewal")).toBeChecked();
    expect(screen.getByTestId("policy-notice")).toHaveTextContent("EC web server");
    await waitFor(() => expect(saveButton()).toBeEnabled());
  });

  it("copies the policy of a certificate in another vault", async () => {
    const user = userEvent.setup();
    const other = policyFixture({
      x509_props: {
        ...policyFixture().x509_props,
        subject: "CN=api.fabrikam.com",
        validity_months: 6,
      },
    });
    const calls = setup({
      list_certificates: (args, events) =>
        listing(args.vault === 2 ? [cert("api"), cert("db")] : [cert("web")])(args, events),
      get_policy: ({ vault, name }) => (vault === 2 && name === "db" ? other : policyFixture()),
    });
    await editor();
    await user.click(screen.getByRole("button", { name: "Start from…" }));
    await user.click(
      await screen.findByRole("menuitem", { name: "Copy policy from another certificate…" }),
    );
    const dialog = await screen.findByTestId("copy-policy-dialog");
    await user.selectOptions(within(dialog).getByLabelText("Vault"), "prod-kv");
    const certificate = await within(dialog).findByLabelText("Certificate");
    await waitFor(() => expect(within(certificate).getAllByRole("option")).toHaveLength(2));
    await user.selectOptions(certificate, "db");
    await user.click(within(dialog).getByRole("button", { name: "Copy policy" }));
    await waitFor(() => expect(screen.getByLabelText("Validity (months)")).toHaveValue(6));
    expect(callsOf(calls, "get_policy").at(-1)).toEqual({ vault: 2, name: "db" });
    expect(screen.getByTestId("policy-notice")).toHaveTextContent("db");
    expect(screen.queryByTestId("copy-policy-dialog")).not.toBeInTheDocument();
  });
});
