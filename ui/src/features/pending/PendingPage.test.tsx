import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import type { PendingOperation } from "../../ipc/bindings/PendingOperation";
import {
  callsOf,
  cert,
  deferred,
  detailsOf,
  listing,
  localVault,
  mockBackend,
  now,
} from "../../test/backend";
import { CSR, operation } from "../create/testing";
import { ageText } from "./age";

const vaults = () => [localVault(1, "Local vault")];
const pendingRow = (name: string, ageSeconds = 600) =>
  cert(name, { status: "Pending", thumbprint: null, created: now() - ageSeconds });

describe("the pending operations view", () => {
  it("says so when nothing is pending, and reads no operation", async () => {
    const calls = mockBackend({
      list_vaults: vaults,
      list_certificates: listing([cert("web"), cert("api")]),
    });
    render(<App initialPath="/vaults/1/pending" />);
    expect(await screen.findByTestId("pending-empty")).toHaveTextContent("No pending operations");
    expect(screen.getByTestId("vault-tab-pending")).toHaveClass("active");
    expect(callsOf(calls, "get_operation")).toEqual([]);
  });

  it("lists each pending certificate's operation with its status, issuer, age and details", async () => {
    mockBackend({
      list_vaults: vaults,
      list_certificates: listing([
        cert("healthy"),
        pendingRow("partner", 3 * 3600),
        pendingRow("renewal", 2 * 86_400),
      ]),
      get_operation: ({ name }) =>
        name === "partner"
          ? operation(name, {
              issuer: "Unknown",
              status_details: "Please Perform Merge to complete the request.",
            })
          : operation(name, {
              issuer: "digicert",
              status: "failed",
              error: { code: "Unauthorized", message: "The DigiCert account was refused." },
            }),
    });
    render(<App initialPath="/vaults/1/pending" />);
    await waitFor(() => expect(screen.getAllByTestId("pending-row")).toHaveLength(2));
    expect(screen.getByTestId("pending-count")).toHaveTextContent("2 pending operations");
    const [oldest, newest] = screen.getAllByTestId("pending-row");
    expect(oldest).toHaveAttribute("data-name", "renewal");
    await waitFor(() => expect(oldest).toHaveTextContent("Failed"));
    expect(oldest).toHaveTextContent("digicert");
    expect(oldest).toHaveTextContent("2 days");
    expect(oldest).toHaveTextContent("The DigiCert account was refused.");
    await waitFor(() => expect(newest).toHaveTextContent("Waiting for merge"));
    expect(newest).toHaveTextContent("Your certificate authority (CSR to merge)");
    expect(newest).toHaveTextContent("3 h");
  });

  it("opens an operation with its CSR, shown at once from the list and read afresh", async () => {
    const calls = mockBackend({
      list_vaults: vaults,
      list_certificates: listing([pendingRow("partner")]),
      get_operation: ({ name }) => operation(name, { issuer: "Unknown" }),
      get_certificate: ({ name }) => ({ ...detailsOf(pendingRow(name)), certificate: null }),
      save_text_file: () => null,
    });
    render(<App initialPath="/vaults/1/pending" />);
    const row = await screen.findByTestId("pending-row");
    await waitFor(() => expect(row).toHaveTextContent("Waiting for merge"));
    await userEvent.click(within(row).getByRole("button", { name: "partner" }));
    const pane = await screen.findByTestId("operation-pane");
    expect(within(pane).getByTestId("csr")).toHaveValue(CSR);
    expect(within(pane).getByTestId("merge-zone")).toBeInTheDocument();
    expect(within(pane).getByTestId("delete-operation")).toBeInTheDocument();
    // One read for the list, one as the pane opens (it may be acted on).
    expect(callsOf(calls, "get_operation")).toHaveLength(2);
  });

  it("reads at most four operations at once", async () => {
    const names = ["a", "b", "c", "d", "e", "f"];
    const held = new Map(names.map((name) => [name, deferred<PendingOperation>()]));
    let inFlight = 0;
    let most = 0;
    mockBackend({
      list_vaults: vaults,
      list_certificates: listing(names.map((name) => pendingRow(name))),
      get_operation: async ({ name }) => {
        most = Math.max(most, ++inFlight);
        try {
          return await (held.get(name)?.promise ?? Promise.reject(new Error(name)));
        } finally {
          inFlight--;
        }
      },
    });
    render(<App initialPath="/vaults/1/pending" />);
    await waitFor(() => expect(inFlight).toBe(4));
    for (const name of names) held.get(name)?.resolve(operation(name));
    await waitFor(() =>
      expect(
        screen.getAllByTestId("pending-status").every((cell) => cell.textContent === "In progress"),
      ).toBe(true),
    );
    expect(most).toBe(4);
  });
});

describe("ageText", () => {
  it("uses the largest whole unit", () => {
    expect(ageText(1000, 1000 + 20)).toBe("just now");
    expect(ageText(1000, 1000 + 5 * 60)).toBe("5 min");
    expect(ageText(1000, 1000 + 3 * 3600 + 59)).toBe("3 h");
    expect(ageText(1000, 1000 + 86_400)).toBe("1 day");
  });
});
