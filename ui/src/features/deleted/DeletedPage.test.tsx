import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import type { RecoverProgress } from "../../ipc/bindings/RecoverProgress";
import {
  callsOf,
  cert,
  deferred,
  detailsOf,
  type Events,
  listing,
  localVault,
  mockBackend,
} from "../../test/backend";
import { deletedCert, deletedListing } from "./testing";

const vaults = () => [localVault(1, "Local vault")];
const rowNames = () => screen.getAllByTestId("deleted-row").map((row) => row.dataset.name);

describe("the Deleted view", () => {
  it("lists deleted certificates with their dates and recovery level", async () => {
    mockBackend({
      list_vaults: vaults,
      list_deleted_certificates: deletedListing(() => [deletedCert("old-web"), deletedCert("api")]),
    });
    render(<App initialPath="/vaults/1/deleted" />);
    await waitFor(() => expect(rowNames()).toEqual(["api", "old-web"]));
    const row = screen.getAllByTestId("deleted-row")[0] as HTMLElement;
    expect(row).toHaveTextContent("Recoverable+Purgeable");
    expect(screen.getByTestId("deleted-count")).toHaveTextContent("2 deleted");
    expect(screen.getByTestId("vault-tab-deleted")).toHaveClass("active");
  });

  it("says what soft delete keeps when nothing is deleted", async () => {
    mockBackend({ list_vaults: vaults, list_deleted_certificates: deletedListing(() => []) });
    render(<App initialPath="/vaults/1/deleted" />);
    const empty = await screen.findByTestId("deleted-empty");
    expect(empty).toHaveTextContent("No deleted certificates");
    expect(empty).toHaveTextContent("scheduled purge date");
  });

  it("shows why the list failed, and lists again on request", async () => {
    let fail = true;
    mockBackend({
      list_vaults: vaults,
      list_deleted_certificates: (args, events) => {
        if (fail) throw { code: "Forbidden", message: "No list permission.", hint: "Ask." };
        return deletedListing(() => [deletedCert("back")])(args, events);
      },
    });
    render(<App initialPath="/vaults/1/deleted" />);
    expect(await screen.findByText("No list permission.")).toBeInTheDocument();
    fail = false;
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(rowNames()).toEqual(["back"]));
  });

  it("recovers with progress until readable, then the row moves back to the listing", async () => {
    const settled = deferred<void>();
    let progress: Events<"recover_certificate"> | undefined;
    const calls = mockBackend({
      list_vaults: vaults,
      list_certificates: listing([cert("keep")]),
      get_certificate: ({ name }) => detailsOf(cert(name)),
      list_versions: ({ name }) => [cert(name)],
      list_deleted_certificates: deletedListing(() => [deletedCert("back"), deletedCert("other")]),
      recover_certificate: async ({ name }, events) => {
        progress = events;
        events.onmessage({ stage: "Recovering" } satisfies RecoverProgress);
        await settled.promise;
        return cert(name);
      },
    });
    render(<App initialPath="/vaults/1" />);
    await screen.findAllByTestId("cert-row");
    await userEvent.click(screen.getByTestId("vault-tab-deleted"));
    await waitFor(() => expect(rowNames()).toHaveLength(2));
    await userEvent.click(screen.getByRole("row", { name: /back/ }));
    await userEvent.click(screen.getByTestId("recover-selected"));
    const result = await screen.findByTestId("deleted-result");
    expect(result).toHaveTextContent("Recovering…");
    act(() => progress?.onmessage({ stage: "Waiting", tries: 3 }));
    await waitFor(() => expect(result).toHaveTextContent("not readable yet (checked 3×)"));
    await act(async () => settled.resolve());
    await waitFor(() => expect(result).toHaveTextContent("Recovered: readable again"));
    expect(rowNames()).toEqual(["other"]);
    expect(callsOf(calls, "recover_certificate")).toEqual([
      expect.objectContaining({ vault: 1, name: "back" }),
    ]);

    await userEvent.click(within(result).getByRole("link", { name: "Open" }));
    expect(await screen.findByTestId("details-pane")).toHaveAccessibleName("Details of back");
    const listed = screen.getAllByTestId("cert-row").map((r) => r.dataset.name);
    expect(listed).toEqual(expect.arrayContaining(["keep", "back"]));
    expect(
      callsOf(calls, "list_certificates"),
      "the listing took the row, no re-list",
    ).toHaveLength(1);
  });

  it("purges only after the name is typed, and bulk purges with a result each", async () => {
    const calls = mockBackend({
      list_vaults: vaults,
      list_deleted_certificates: deletedListing(() => [
        deletedCert("a1"),
        deletedCert("b2"),
        deletedCert("c3"),
      ]),
      purge_certificate: ({ name }) => {
        if (name === "c3")
          throw { code: "BeingDeleted", message: "Still deleting.", hint: "Wait." };
        return null;
      },
    });
    render(<App initialPath="/vaults/1/deleted" />);
    await waitFor(() => expect(rowNames()).toHaveLength(3));

    await userEvent.click(screen.getByRole("row", { name: /a1/ }));
    await userEvent.click(screen.getByTestId("purge-selected"));
    const dialog = await screen.findByTestId("purge-dialog");
    const confirm = within(dialog).getByTestId("purge-confirm");
    await userEvent.type(within(dialog).getByTestId("purge-typed"), "a");
    expect(confirm).toBeDisabled();
    await userEvent.type(within(dialog).getByTestId("purge-typed"), "1");
    await userEvent.click(confirm);
    await waitFor(() => expect(rowNames()).toEqual(["b2", "c3"]));

    await userEvent.click(screen.getByRole("checkbox", { name: /all/i }));
    await userEvent.click(screen.getByTestId("purge-selected"));
    const bulk = await screen.findByTestId("purge-dialog");
    expect(within(bulk).getByRole("heading")).toHaveTextContent("Purge 2 deleted certificates?");
    await userEvent.type(within(bulk).getByTestId("purge-typed"), "2");
    await userEvent.click(within(bulk).getByTestId("purge-confirm"));
    await waitFor(() => {
      const states = screen
        .getAllByTestId("deleted-result")
        .map((r) => `${r.dataset.name}:${r.dataset.state}`);
      expect(states).toEqual(["a1:purged", "b2:purged", "c3:failed"]);
    });
    expect(screen.getByTestId("deleted-results")).toHaveTextContent("Still deleting.");
    expect(rowNames()).toEqual(["c3"]);
    expect(callsOf(calls, "purge_certificate").map((a) => a.name)).toEqual(["a1", "b2", "c3"]);
  });

  it("offers no purge under purge protection, and says why", async () => {
    mockBackend({
      list_vaults: vaults,
      list_deleted_certificates: deletedListing(() => [
        deletedCert("kept", "CustomizedRecoverable"),
      ]),
    });
    render(<App initialPath="/vaults/1/deleted" />);
    await waitFor(() => expect(rowNames()).toEqual(["kept"]));
    expect(screen.getByTestId("purge-protected-note")).toHaveTextContent(
      "deleted certificates cannot be purged",
    );
    await userEvent.click(screen.getByRole("row", { name: /kept/ }));
    expect(screen.getByTestId("purge-selected")).toBeDisabled();
    expect(screen.getByTestId("recover-selected")).toBeEnabled();
  });
});
