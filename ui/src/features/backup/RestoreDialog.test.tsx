import { emit } from "@tauri-apps/api/event";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import {
  callsOf,
  cert,
  detailsOf,
  dropFiles,
  listing,
  localVault,
  mockBackend,
} from "../../test/backend";

const rowNames = () => screen.queryAllByTestId("cert-row").map((row) => row.dataset.name);
const listed = (name: string) => waitFor(() => expect(rowNames()).toContain(name));

const vaults = () => [localVault(1, "Local vault"), localVault(2, "Second")];

const info = (path: string) => {
  const file_name = path.split("/").pop() ?? path;
  return {
    path,
    file_name,
    size: 4096,
    likely_name: file_name.endsWith(".kvbackup") ? file_name.slice(0, -9) : null,
  };
};

function restoreBackend(overrides: Parameters<typeof mockBackend>[0] = {}) {
  return mockBackend({
    list_vaults: vaults,
    list_certificates: listing([cert("api")]),
    get_certificate: ({ name }) => detailsOf(cert(name)),
    list_versions: ({ name }) => [cert(name, { version: "0123456789abcdef" })],
    inspect_backup: ({ path }) => info(path),
    restore_backup: ({ path }) => cert(info(path).likely_name ?? "x", { version: "abc" }),
    ...overrides,
  });
}

describe("restoring a dropped backup", () => {
  it("asks first, saying what the file is, then restores into the vault on screen and lists the row", async () => {
    const calls = restoreBackend();
    const user = userEvent.setup();
    render(<App initialPath="/vaults/2" />);
    await listed("api");

    await dropFiles(["/home/me/web.kvbackup"]);
    const dialog = await screen.findByTestId("restore-dialog");
    expect(within(dialog).getByRole("heading")).toHaveTextContent("Restore into Second?");
    const file = await within(dialog).findByTestId("restore-file");
    expect(file).toHaveTextContent("web.kvbackup");
    expect(file).toHaveTextContent("4.0 KB");
    expect(file).toHaveTextContent("Named after the certificate web");
    expect(file).toHaveTextContent("encrypted by Key Vault");
    expect(callsOf(calls, "restore_backup")).toHaveLength(0);
    expect(callsOf(calls, "open_file")).toHaveLength(0);
    expect(screen.queryByTestId("import-item")).not.toBeInTheDocument();

    await user.click(within(dialog).getByTestId("restore-confirm"));
    expect(await within(dialog).findByTestId("restore-result")).toHaveTextContent("Restored web");
    expect(callsOf(calls, "restore_backup")).toEqual([{ vault: 2, path: "/home/me/web.kvbackup" }]);
    // The row joins the listing from the answer, without listing the vault again.
    await listed("web");
    expect(callsOf(calls, "list_certificates")).toHaveLength(1);
  });

  it("says a dragged backup will be restored, not imported", async () => {
    restoreBackend();
    render(<App initialPath="/vaults/2" />);
    await listed("api");
    const enter = (paths: string[]) =>
      act(() => emit("tauri://drag-enter", { paths, position: { x: 10, y: 10 } }));
    await enter(["/tmp/web.kvbackup"]);
    expect(await screen.findByTestId("drop-overlay")).toHaveTextContent(
      "Drop to restore into Second",
    );
    await act(() => emit("tauri://drag-leave", null));
    await enter(["/tmp/web.kvbackup", "/tmp/web.pfx"]);
    expect(await screen.findByTestId("drop-overlay")).toHaveTextContent(
      "Drop to import into Second",
    );
  });

  it("explains a conflict and a refusal with the error's hint, per file", async () => {
    restoreBackend({
      restore_backup: ({ path }) => {
        throw path.includes("web")
          ? {
              code: "AlreadyExists",
              message:
                "A certificate named web exists in Second, so the backup cannot be restored there.",
              hint: "Delete it and purge it first, or restore the backup into another vault.",
            }
          : {
              code: "BackupNotRestorable",
              message: "Second refused the backup: Cannot decrypt backup blob.",
              hint: "Key Vault restores a backup only into a vault of the same Azure subscription and geography.",
            };
      },
    });
    const user = userEvent.setup();
    render(<App initialPath="/vaults/2" />);
    await listed("api");
    await dropFiles(["/tmp/web.kvbackup", "/tmp/other.KVBACKUP"]);
    const dialog = await screen.findByTestId("restore-dialog");
    await waitFor(() => expect(within(dialog).getAllByTestId("restore-file")).toHaveLength(2));
    await user.click(within(dialog).getByTestId("restore-confirm"));

    const alerts = await within(dialog).findAllByRole("alert");
    await waitFor(() => expect(within(dialog).getAllByRole("alert")).toHaveLength(2));
    expect(alerts[0]).toHaveTextContent("purge it first");
    expect(within(dialog).getAllByRole("alert")[1]).toHaveTextContent(
      "same Azure subscription and geography",
    );
    expect(within(dialog).getByRole("button", { name: "Close" })).toBeInTheDocument();
  });

  it("restores a file picked from the vault's menu", async () => {
    const calls = restoreBackend({ pick_backup_file: () => "/picked/api-copy.kvbackup" });
    const user = userEvent.setup();
    render(<App initialPath="/vaults/1" />);
    await user.click(await screen.findByRole("button", { name: "Actions for Second" }));
    await user.click(screen.getByRole("menuitem", { name: "Restore backup…" }));
    const dialog = await screen.findByTestId("restore-dialog");
    expect(within(dialog).getByRole("heading")).toHaveTextContent("Restore into Second?");
    await within(dialog).findByTestId("restore-file");
    await user.click(within(dialog).getByTestId("restore-confirm"));
    await within(dialog).findByTestId("restore-result");
    expect(callsOf(calls, "restore_backup")).toEqual([
      { vault: 2, path: "/picked/api-copy.kvbackup" },
    ]);
  });
});
