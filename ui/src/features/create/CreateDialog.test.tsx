import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import { callsOf, cert, detailsOf, listing, localVault, mockBackend } from "../../test/backend";
import {
  CSR,
  csrTemplate,
  formatSubject,
  heldWatch,
  operation,
  parseSubject,
  portalTemplate,
} from "./testing";

const vaults = () => [localVault(1, "Local vault")];

function createBackend(overrides: Parameters<typeof mockBackend>[0] = {}) {
  return mockBackend({
    list_vaults: vaults,
    list_certificates: listing([cert("existing")]),
    list_templates: () => [portalTemplate, csrTemplate],
    check_certificate_name: () => ({ state: "Free" }),
    check_policy: () => [],
    parse_subject: parseSubject,
    format_subject: formatSubject,
    get_certificate: ({ name }) => detailsOf(cert(name)),
    list_versions: ({ name }) => [cert(name, { version: "0123456789abcdef" })],
    ...overrides,
  });
}

const rowNames = () => screen.getAllByTestId("cert-row").map((row) => row.dataset.name);

/** Opens the vault and the dialog, and names the certificate. */
async function startDialog(name: string) {
  render(<App initialPath="/vaults/1" />);
  await screen.findAllByTestId("cert-row");
  await userEvent.click(screen.getByTestId("new-certificate-button"));
  const dialog = await screen.findByTestId("create-dialog");
  await waitFor(() =>
    expect(within(dialog).getByTestId("template-select")).toHaveValue(portalTemplate.id),
  );
  await userEvent.type(within(dialog).getByTestId("name-input"), name);
  return dialog;
}

const createButton = (dialog: HTMLElement) => within(dialog).getByTestId("create-button");

async function create(dialog: HTMLElement) {
  await waitFor(() => expect(createButton(dialog)).toBeEnabled());
  await userEvent.click(createButton(dialog));
}

describe("new certificate", () => {
  it("creates a self-signed certificate from the portal default, live, into the table", async () => {
    const watch = heldWatch();
    const calls = createBackend({
      create_certificate: ({ name }) => ({ outcome: "Started", operation: operation(name) }),
      watch_operation: watch.handler,
    });
    const dialog = await startDialog("web");
    await waitFor(() =>
      expect(within(dialog).getByTestId("name-status")).toHaveTextContent("New certificate"),
    );
    await create(dialog);

    const progress = await within(dialog).findByTestId("create-progress");
    expect(progress).toHaveTextContent("Creating web…");
    expect(progress).toHaveTextContent("Self-signed");
    await waitFor(() => expect(watch.started).toBe(true));
    act(() => watch.send(operation("web", { status_details: "Generating the key pair." })));
    expect(within(progress).getByTestId("operation-details")).toHaveTextContent(
      "Generating the key pair.",
    );
    expect(within(progress).getByTestId("elapsed")).toHaveTextContent(/^0:0\d$/);

    const issued = cert("web", { version: "fedcba9876543210" });
    act(() =>
      watch.end({
        outcome: "Issued",
        certificate: issued,
        operation: operation("web", { status: "completed" }),
      }),
    );
    expect(await within(dialog).findByTestId("create-issued")).toBeInTheDocument();
    expect(progress).toHaveTextContent("web is issued");
    await waitFor(() => expect(rowNames()).toContain("web"));
    await waitFor(() =>
      expect(screen.getByRole("row", { name: /web/ })).toHaveAttribute("aria-selected", "true"),
    );
    expect(callsOf(calls, "list_certificates")).toHaveLength(1);
    expect(callsOf(calls, "create_certificate")).toEqual([
      {
        vault: 1,
        name: "web",
        policy: portalTemplate.policy,
        tags: {},
        enabled: true,
        deleted_name: null,
      },
    ]);
    expect(callsOf(calls, "watch_operation")).toEqual([
      { vault: 1, name: "web", request: expect.any(Number) },
    ]);

    await userEvent.click(within(dialog).getByTestId("close-create"));
    expect(screen.queryByTestId("create-progress")).not.toBeInTheDocument();
    expect(await screen.findByTestId("details-pane")).toHaveAccessibleName("Details of web");
    // The watch had ended: nothing to cancel.
    expect(callsOf(calls, "cancel_request")).toEqual([]);
  });

  it("sends tags and Enabled as chosen", async () => {
    const calls = createBackend({
      create_certificate: ({ name }) => ({ outcome: "Started", operation: operation(name) }),
      watch_operation: () => ({
        outcome: "Issued",
        certificate: cert("tagged"),
        operation: null,
      }),
    });
    const dialog = await startDialog("tagged");
    await userEvent.click(within(dialog).getByTestId("enabled-input"));
    await userEvent.click(within(dialog).getByRole("button", { name: "Add tag" }));
    await userEvent.type(within(dialog).getByLabelText("Tag 1 name"), "env");
    await userEvent.type(within(dialog).getByLabelText("Tag 1 value"), "prod");
    await create(dialog);
    await within(dialog).findByTestId("create-issued");
    expect(callsOf(calls, "create_certificate")[0]).toMatchObject({
      tags: { env: "prod" },
      enabled: false,
    });
  });

  it("shows a refusal's issues on the policy and keeps Create disabled until fixed", async () => {
    const calls = createBackend({
      create_certificate: () => ({
        outcome: "Refused",
        issues: [
          {
            field: "x509_props.validity_months",
            severity: "Error",
            message: "The issuer allows at most 12 months.",
          },
        ],
      }),
    });
    const dialog = await startDialog("web");
    await create(dialog);
    expect(await within(dialog).findByTestId("create-refused")).toBeInTheDocument();
    expect(dialog).toHaveTextContent("The issuer allows at most 12 months.");
    expect(createButton(dialog)).toBeDisabled();
    expect(within(dialog).queryByTestId("create-progress")).not.toBeInTheDocument();
    expect(callsOf(calls, "watch_operation")).toEqual([]);
  });

  it("keeps Create disabled while the policy check finds an error", async () => {
    createBackend({
      check_policy: () => [
        { field: "x509_props.subject", severity: "Error", message: "Enter a subject." },
      ],
    });
    const dialog = await startDialog("web");
    expect(await within(dialog).findByText("Enter a subject.")).toBeInTheDocument();
    await waitFor(() =>
      expect(within(dialog).getByTestId("create-blocker")).toHaveTextContent(
        "Fix the policy's errors first.",
      ),
    );
    expect(createButton(dialog)).toBeDisabled();
  });

  it("cancels the operation, then deletes it, saying what stays behind", async () => {
    const watch = heldWatch();
    const calls = createBackend({
      create_certificate: ({ name }) => ({ outcome: "Started", operation: operation(name) }),
      watch_operation: watch.handler,
      cancel_operation: ({ name }) => operation(name, { cancellation_requested: true }),
      delete_operation: ({ name }) => operation(name, { cancellation_requested: true }),
      get_certificate: ({ name }) => ({
        ...detailsOf(cert(name, { status: "Disabled", enabled: false, thumbprint: null })),
        certificate: null,
      }),
    });
    const dialog = await startDialog("web");
    await create(dialog);
    await within(dialog).findByTestId("create-progress");
    await waitFor(() => expect(watch.started).toBe(true));

    await userEvent.click(within(dialog).getByTestId("cancel-operation"));
    await waitFor(() =>
      expect(within(dialog).getByTestId("operation-status")).toHaveTextContent(
        "Cancelled (cancellation requested)",
      ),
    );
    expect(callsOf(calls, "cancel_operation")).toEqual([{ vault: 1, name: "web" }]);
    act(() =>
      watch.end({
        outcome: "Cancelled",
        operation: operation("web", { cancellation_requested: true }),
      }),
    );
    const cancelled = await within(dialog).findByTestId("create-cancelled");
    expect(within(dialog).queryByTestId("cancel-operation")).not.toBeInTheDocument();

    await userEvent.click(within(cancelled).getByTestId("delete-operation"));
    expect(within(cancelled).getByTestId("delete-explanation")).toHaveTextContent(
      "stays in the vault, disabled and without a certificate",
    );
    await userEvent.click(within(cancelled).getByTestId("delete-operation-confirm"));
    expect(await within(dialog).findByTestId("create-deleted")).toBeInTheDocument();
    expect(callsOf(calls, "delete_operation")).toEqual([{ vault: 1, name: "web" }]);
    // The certificate left behind joins the table from its own row, not a re-list.
    await waitFor(() => expect(rowNames()).toContain("web"));
    expect(callsOf(calls, "list_certificates")).toHaveLength(1);
  });

  it("stops watching, not the operation, when closed while it runs", async () => {
    const watch = heldWatch();
    const calls = createBackend({
      create_certificate: ({ name }) => ({ outcome: "Started", operation: operation(name) }),
      watch_operation: watch.handler,
      get_certificate: ({ name }) => ({
        ...detailsOf(cert(name, { status: "Pending", thumbprint: null })),
        certificate: null,
      }),
      get_operation: ({ name }) => operation(name),
    });
    const dialog = await startDialog("web");
    await create(dialog);
    await waitFor(() => expect(watch.started).toBe(true));
    await userEvent.click(within(dialog).getByTestId("close-create"));
    const request = callsOf(calls, "watch_operation")[0]?.request;
    await waitFor(() => expect(callsOf(calls, "cancel_request")).toContainEqual({ request }));
    expect(callsOf(calls, "cancel_operation")).toEqual([]);
    // It shows as Pending, selected, its operation in the details.
    await waitFor(() => expect(rowNames()).toContain("web"));
    expect(await screen.findByTestId("pending-operation")).toBeInTheDocument();
  });

  it("keeps the form after a failure, with the service's error, to fix and retry", async () => {
    let attempt = 0;
    const calls = createBackend({
      create_certificate: ({ name }) => ({ outcome: "Started", operation: operation(name) }),
      watch_operation: ({ name }) => {
        attempt++;
        return attempt === 1
          ? {
              outcome: "Failed",
              operation: operation(name, {
                status: "failed",
                error: { code: "BadParameter", message: "The subject is not allowed." },
              }),
            }
          : { outcome: "Issued", certificate: cert(name), operation: null };
      },
      check_certificate_name: () =>
        attempt === 0 ? { state: "Free" } : { state: "Exists", enabled: false, expires: null },
    });
    const dialog = await startDialog("web");
    await create(dialog);
    const failure = await within(dialog).findByTestId("create-failure");
    expect(within(failure).getByTestId("operation-error")).toHaveTextContent(
      "The subject is not allowed.",
    );
    expect(within(failure).getByTestId("operation-error")).toHaveTextContent("BadParameter");
    expect(within(dialog).getByTestId("name-input")).toHaveValue("web");
    // The failed attempt left the certificate: the retry adds a version to it.
    await waitFor(() =>
      expect(within(dialog).getByTestId("name-status")).toHaveTextContent("web exists"),
    );
    expect(within(dialog).getByTestId("new-version-confirm")).toBeChecked();
    expect(within(dialog).getByTestId("policy-replaced")).toHaveTextContent("becomes web's policy");
    await create(dialog);
    await within(dialog).findByTestId("create-issued");
    expect(callsOf(calls, "create_certificate")).toHaveLength(2);
  });

  it("purges a deleted name first when the user types it out", async () => {
    const calls = createBackend({
      check_certificate_name: () => ({ state: "Deleted", deleted_on: null, scheduled_purge: null }),
      create_certificate: ({ name }) => ({ outcome: "Started", operation: operation(name) }),
      watch_operation: ({ name }) => ({
        outcome: "Issued",
        certificate: cert(name),
        operation: null,
      }),
    });
    const dialog = await startDialog("old");
    await waitFor(() =>
      expect(within(dialog).getByTestId("name-status")).toHaveTextContent("old was deleted"),
    );
    expect(within(dialog).getByTestId("recover-button")).toHaveTextContent(
      "Recover, then create as a new version",
    );
    expect(createButton(dialog)).toBeDisabled();
    await userEvent.click(within(dialog).getByTestId("purge-button"));
    expect(createButton(dialog)).toBeDisabled();
    await userEvent.type(within(dialog).getByTestId("purge-confirm-input"), "old");
    await create(dialog);
    await within(dialog).findByTestId("create-issued");
    expect(callsOf(calls, "create_certificate")[0]).toMatchObject({
      name: "old",
      deleted_name: "Purge",
    });
  });

  it("shows the CSR of an Unknown issuer, to copy and save", async () => {
    const calls = createBackend({
      create_certificate: ({ name }) => ({
        outcome: "Started",
        operation: operation(name, { issuer: "Unknown" }),
      }),
      watch_operation: ({ name }) => ({
        outcome: "AwaitingMerge",
        operation: operation(name, {
          issuer: "Unknown",
          status_details: "Please Perform Merge to complete the request.",
        }),
      }),
      get_certificate: ({ name }) => ({
        ...detailsOf(cert(name, { status: "Pending", thumbprint: null })),
        certificate: null,
      }),
      save_text_file: ({ suggested_name }) => `/home/admin/${suggested_name}`,
    });
    render(<App initialPath="/vaults/1" />);
    await screen.findAllByTestId("cert-row");
    await userEvent.click(screen.getByTestId("new-certificate-button"));
    const dialog = await screen.findByTestId("create-dialog");
    await waitFor(() =>
      expect(within(dialog).getByTestId("template-select")).toHaveValue(portalTemplate.id),
    );
    await userEvent.selectOptions(within(dialog).getByTestId("template-select"), csrTemplate.id);
    await userEvent.type(within(dialog).getByTestId("name-input"), "partner");
    await create(dialog);

    const waiting = await within(dialog).findByTestId("create-awaiting-merge");
    expect(callsOf(calls, "create_certificate")[0]?.policy.issuer.name).toBe("Unknown");
    expect(within(waiting).getByTestId("csr")).toHaveValue(CSR);
    expect(within(waiting).getByTestId("csr")).toHaveAttribute("readonly");
    expect(within(waiting).getByTestId("merge-zone")).toBeInTheDocument();
    await userEvent.click(within(waiting).getByTestId("csr-save"));
    expect(callsOf(calls, "save_text_file")).toEqual([
      { suggested_name: "partner.csr", contents: CSR },
    ]);
    expect(await screen.findByTestId("toast")).toHaveTextContent(
      "Saved the CSR to /home/admin/partner.csr",
    );
    // The pending certificate joins the table, without a re-list.
    await waitFor(() => expect(rowNames()).toContain("partner"));
    expect(callsOf(calls, "list_certificates")).toHaveLength(1);
  });
});
