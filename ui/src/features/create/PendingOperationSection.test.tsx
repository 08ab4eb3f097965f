import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { MergePlan } from "../../ipc/bindings/MergePlan";
import {
  callsOf,
  cert,
  detailsOf,
  dragEnter,
  dropFiles,
  fakeFiles,
  fileReport,
  listing,
  localVault,
  mockBackend,
} from "../../test/backend";
import { CSR, heldWatch, operation } from "./testing";

const vaults = () => [localVault(1, "Local vault")];

const pendingRow = (name: string) => cert(name, { status: "Pending", thumbprint: null });

const mismatch: MergePlan = {
  ready: false,
  problems: [
    "This certificate's public key is not the CSR's: it was signed for another request, so Key Vault would refuse it.",
  ],
  chain: ["CN=other.contoso.com"],
  repairs: [],
};

const good: MergePlan = {
  ready: true,
  problems: [],
  chain: ["CN=partner.contoso.com", "CN=Contoso Issuing CA", "CN=Contoso Root CA"],
  repairs: ["Reordered to leaf first."],
};

/** A vault with one pending certificate awaiting merge; merging issues it. */
function pendingBackend(overrides: Parameters<typeof mockBackend>[0] = {}) {
  let issued: CertificateSummary | null = null;
  const fake = fakeFiles({
    "/drop/other.cer": { report: fileReport("other.contoso.com", { key: false }) },
    "/drop/partner.p7b": { report: fileReport("partner.contoso.com", { key: false }) },
  });
  const calls = mockBackend({
    list_vaults: vaults,
    list_certificates: listing([cert("existing"), pendingRow("partner")]),
    get_certificate: ({ name }) =>
      name === "partner" && !issued
        ? { ...detailsOf(pendingRow(name)), certificate: null }
        : detailsOf(issued ?? cert(name)),
    list_versions: () => [],
    get_operation: ({ name }) =>
      operation(name, {
        issuer: "Unknown",
        status_details: "Please Perform Merge to complete the request.",
      }),
    ...fake.handlers,
    plan_merge: ({ files }) => {
      const [first] = files;
      return first !== undefined && callsOf(calls, "open_file").length > 1 ? good : mismatch;
    },
    merge_certificate: ({ name }) => {
      issued = cert(name, { version: "0011223344556677" });
      return issued;
    },
    save_text_file: () => null,
    ...overrides,
  });
  return { calls, open: fake.open };
}

const rowOf = (name: string) =>
  screen.getAllByTestId("cert-row").find((row) => row.dataset.name === name);

describe("a pending certificate's operation", () => {
  it("shows the operation, its CSR and the merge drop zone in the details", async () => {
    pendingBackend();
    render(<App initialPath="/vaults/1?cert=partner" />);
    const section = await screen.findByTestId("pending-operation");
    await waitFor(() =>
      expect(within(section).getByTestId("operation-status")).toHaveTextContent(
        "waiting for the signed certificate",
      ),
    );
    expect(section).toHaveTextContent("Your certificate authority (CSR to merge)");
    expect(section).toHaveTextContent("Requested");
    expect(within(section).getByTestId("operation-details")).toHaveTextContent(
      "Please Perform Merge",
    );
    expect(within(section).getByTestId("csr")).toHaveValue(CSR);
    expect(within(section).getByTestId("merge-zone")).toBeInTheDocument();
    // Dragging over the window says where the files go.
    await dragEnter();
    expect(screen.getByTestId("drop-overlay")).toHaveTextContent("Drop to merge into partner");
    expect(within(section).getByTestId("merge-zone")).toHaveAttribute("data-dragging", "true");
  });

  it("routes a drop to the merge, explains a mismatch, then merges the right certificate", async () => {
    const { calls, open } = pendingBackend();
    render(<App initialPath="/vaults/1?cert=partner" />);
    const section = await screen.findByTestId("pending-operation");
    await within(section).findByTestId("merge-zone");

    await dropFiles(["/drop/other.cer"]);
    const problems = await within(section).findByTestId("merge-problems");
    expect(problems).toHaveTextContent("Cannot merge: nothing was sent.");
    expect(problems).toHaveTextContent("public key is not the CSR's");
    expect(within(section).getByTestId("merge-button")).toBeDisabled();
    // The import queue never saw it.
    expect(screen.queryByTestId("import-panel")).not.toBeInTheDocument();
    expect(callsOf(calls, "plan_import")).toEqual([]);
    expect(callsOf(calls, "merge_certificate")).toEqual([]);
    const [wrongId] = callsOf(calls, "plan_merge")[0]?.files ?? [];

    await dropFiles(["/drop/partner.p7b"]);
    await waitFor(() =>
      expect(within(section).getByTestId("merge-plan")).toHaveAttribute("data-ready", "true"),
    );
    // The file dropped before is closed; the chain is shown leaf first, with the repairs.
    await waitFor(() => expect(open.has(wrongId as number)).toBe(false));
    const chain = within(section).getByTestId("merge-chain");
    expect(
      within(chain)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(good.chain);
    expect(within(section).getByTestId("merge-repairs")).toHaveTextContent(
      "Reordered to leaf first.",
    );
    expect(rowOf("partner")).toHaveTextContent("Pending");

    await userEvent.click(within(section).getByTestId("merge-button"));
    await waitFor(() => expect(rowOf("partner")).toHaveTextContent("Healthy"));
    const [plan] = callsOf(calls, "plan_merge").slice(-1);
    expect(callsOf(calls, "merge_certificate")).toEqual([
      { vault: 1, name: "partner", files: plan?.files },
    ]);
    // The pane now shows the issued certificate.
    await waitFor(() => expect(screen.queryByTestId("pending-operation")).not.toBeInTheDocument());
    expect(callsOf(calls, "list_certificates")).toHaveLength(1);
  });

  it("merges a file chosen with Choose file… too", async () => {
    const { calls } = pendingBackend({ pick_files: () => ["/drop/other.cer"] });
    render(<App initialPath="/vaults/1?cert=partner" />);
    const section = await screen.findByTestId("pending-operation");
    await userEvent.click(await within(section).findByRole("button", { name: "Choose file…" }));
    expect(await within(section).findByTestId("merge-problems")).toHaveTextContent(
      "public key is not the CSR's",
    );
    expect(callsOf(calls, "open_file")).toEqual([{ path: "/drop/other.cer", password: null }]);
    expect(within(section).getByTestId("merge-button")).toBeDisabled();
  });

  it("queues drops for import again once the pending panel is closed", async () => {
    const { calls } = pendingBackend({
      plan_import: () => {
        throw { code: "NotACertificate", message: "nope", hint: null };
      },
    });
    render(<App initialPath="/vaults/1?cert=partner" />);
    await screen.findByTestId("merge-zone");
    await userEvent.click(screen.getByRole("button", { name: "Close details" }));
    await waitFor(() => expect(screen.queryByTestId("details-pane")).not.toBeInTheDocument());
    await dropFiles(["/drop/other.cer"]);
    expect(await screen.findByTestId("import-panel")).toBeInTheDocument();
    expect(callsOf(calls, "plan_merge")).toEqual([]);
  });

  it("watches an operation in progress live, and stops watching when the pane closes", async () => {
    const watch = heldWatch();
    const calls = mockBackend({
      list_vaults: vaults,
      list_certificates: listing([pendingRow("web")]),
      get_certificate: ({ name }) => ({ ...detailsOf(pendingRow(name)), certificate: null }),
      list_versions: () => [],
      get_operation: ({ name }) => operation(name, { issuer: "DigiCert-prod" }),
      watch_operation: watch.handler,
    });
    render(<App initialPath="/vaults/1?cert=web" />);
    const section = await screen.findByTestId("pending-operation");
    await waitFor(() => expect(watch.started).toBe(true));
    expect(section).toHaveTextContent("DigiCert-prod");
    act(() => watch.send(operation("web", { status_details: "Waiting for DigiCert." })));
    expect(within(section).getByTestId("operation-details")).toHaveTextContent(
      "Waiting for DigiCert.",
    );
    await userEvent.click(screen.getByRole("button", { name: "Close details" }));
    const request = callsOf(calls, "watch_operation")[0]?.request;
    await waitFor(() => expect(callsOf(calls, "cancel_request")).toContainEqual({ request }));
  });

  it("cancels and deletes a pending operation from the details", async () => {
    let cancelled = false;
    const calls = mockBackend({
      list_vaults: vaults,
      list_certificates: listing([pendingRow("web")]),
      get_certificate: ({ name }) => ({ ...detailsOf(pendingRow(name)), certificate: null }),
      list_versions: () => [],
      get_operation: ({ name }) => operation(name, { cancellation_requested: cancelled }),
      watch_operation: () => new Promise(() => {}),
      cancel_operation: ({ name }) => {
        cancelled = true;
        return operation(name, { cancellation_requested: true });
      },
      delete_operation: ({ name }) => operation(name, { cancellation_requested: true }),
    });
    render(<App initialPath="/vaults/1?cert=web" />);
    const section = await screen.findByTestId("pending-operation");
    await userEvent.click(await within(section).findByTestId("cancel-operation"));
    await waitFor(() =>
      expect(within(section).getByTestId("operation-status")).toHaveTextContent("Cancelled"),
    );
    expect(within(section).queryByTestId("cancel-operation")).not.toBeInTheDocument();
    await userEvent.click(within(section).getByTestId("delete-operation"));
    await userEvent.click(within(section).getByTestId("delete-operation-confirm"));
    await waitFor(() =>
      expect(callsOf(calls, "delete_operation")).toEqual([{ vault: 1, name: "web" }]),
    );
  });
});
