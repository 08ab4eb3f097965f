import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import type { DeleteExplanation } from "../../ipc/bindings/DeleteExplanation";
import {
  callsOf,
  cert,
  detailsOf,
  listing,
  localVault,
  mockBackend,
  now,
} from "../../test/backend";
import { formatDate } from "../certificates/dates";
import { DAY, deletedCert, deletedListing } from "./testing";

/** Deleted now, as the delete answers. */
const deleted = (name: string) =>
  deletedCert(name, "Recoverable+Purgeable", { deleted_on: now(), scheduled_purge: purgeOn });

const purgeOn = now() + 90 * DAY;

function told(level: string, days: number | null): DeleteExplanation {
  const recoverable = level !== "Purgeable";
  return {
    name: "web",
    settings: { recovery_level: level, recoverable_days: days },
    recoverable,
    purge_protected: recoverable && !level.endsWith("Purgeable"),
    purge_on: recoverable && days !== null ? purgeOn : null,
  };
}

function backend(explanation: DeleteExplanation) {
  return mockBackend({
    list_vaults: () => [localVault(1, "Local vault")],
    list_certificates: listing([cert("web"), cert("api")]),
    get_certificate: ({ name }) => detailsOf(cert(name)),
    list_versions: ({ name }) => [cert(name)],
    explain_delete: () => explanation,
    delete_certificate: ({ name }) => ({
      summary: cert(name),
      recovery_id: explanation.recoverable ? `https://v/deletedcertificates/${name}` : null,
      deleted_on: now(),
      scheduled_purge: explanation.purge_on,
      recovery_level: explanation.settings.recovery_level,
      recoverable_days: explanation.settings.recoverable_days,
    }),
  });
}

async function openDeleteDialog() {
  render(<App initialPath="/vaults/1?cert=web" />);
  await screen.findByTestId("details-pane");
  await userEvent.click(await screen.findByTestId("delete-certificate"));
  return screen.findByTestId("delete-dialog");
}

const rowNames = () => screen.getAllByTestId("cert-row").map((row) => row.dataset.name);

describe("deleting a certificate", () => {
  it("explains the soft delete, then the row leaves the table and the details close", async () => {
    const calls = backend(told("Recoverable+Purgeable", 90));
    const dialog = await openDeleteDialog();
    const consequence = await within(dialog).findByTestId("delete-consequence");
    expect(consequence).toHaveTextContent(`until ${formatDate(purgeOn)}`);
    expect(consequence).toHaveTextContent("keeps deleted certificates 90 days");
    expect(consequence).toHaveTextContent("Recovery level Recoverable+Purgeable");
    await waitFor(() => expect(rowNames()).toEqual(["api", "web"]));

    await userEvent.click(within(dialog).getByTestId("delete-confirm"));
    await waitFor(() => expect(rowNames()).toEqual(["api"]));
    await waitFor(() => expect(screen.queryByTestId("details-pane")).not.toBeInTheDocument());
    expect(callsOf(calls, "delete_certificate")).toEqual([{ vault: 1, name: "web" }]);
    expect(callsOf(calls, "list_certificates"), "no re-list").toHaveLength(1);
  });

  it("shows a deletion in Deleted while Key Vault settles it, until the vault lists it", async () => {
    let settled = false;
    mockBackend({
      list_vaults: () => [localVault(1, "Local vault")],
      list_certificates: listing([cert("web"), cert("api")]),
      get_certificate: ({ name }) => detailsOf(cert(name)),
      list_versions: ({ name }) => [cert(name)],
      explain_delete: () => told("Recoverable+Purgeable", 90),
      delete_certificate: ({ name }) => deleted(name),
      list_deleted_certificates: deletedListing(() => (settled ? [deleted("web")] : [])),
    });
    const dialog = await openDeleteDialog();
    await within(dialog).findByTestId("delete-consequence");
    await userEvent.click(within(dialog).getByTestId("delete-confirm"));
    await waitFor(() => expect(rowNames()).toEqual(["api"]));
    await userEvent.click(screen.getByTestId("vault-tab-deleted"));
    const row = await screen.findByRole("row", { name: /web/ });
    expect(row).toHaveTextContent("Being deleted…");
    settled = true;
    await waitFor(
      () => expect(screen.getByRole("row", { name: /web/ })).not.toHaveTextContent("Being deleted"),
      {
        timeout: 5_000,
      },
    );
  });

  it("says purge protection forbids an early purge", async () => {
    backend(told("CustomizedRecoverable", 30));
    const dialog = await openDeleteDialog();
    expect(await within(dialog).findByTestId("delete-purge-note")).toHaveTextContent(
      `Purge protection is on (recovery level CustomizedRecoverable): nobody can purge it before ${formatDate(purgeOn)}`,
    );
  });

  it("warns that a delete is final where soft delete is off", async () => {
    backend(told("Purgeable", null));
    const dialog = await openDeleteDialog();
    expect(await within(dialog).findByTestId("delete-consequence")).toHaveTextContent(
      "cannot be recovered",
    );
    expect(within(dialog).getByTestId("delete-confirm")).toHaveTextContent("Delete for good");
  });

  it("keeps the dialog open with the error when the delete is refused", async () => {
    mockBackend({
      list_vaults: () => [localVault(1, "Local vault")],
      list_certificates: listing([cert("web")]),
      get_certificate: ({ name }) => detailsOf(cert(name)),
      list_versions: ({ name }) => [cert(name)],
      explain_delete: () => told("Recoverable+Purgeable", 90),
      delete_certificate: () => {
        throw { code: "Forbidden", message: "No delete permission.", hint: "Ask for it." };
      },
    });
    const dialog = await openDeleteDialog();
    await within(dialog).findByTestId("delete-consequence");
    await userEvent.click(within(dialog).getByTestId("delete-confirm"));
    expect(await within(dialog).findByText("No delete permission.")).toBeInTheDocument();
    expect(rowNames()).toEqual(["web"]);
  });
});
