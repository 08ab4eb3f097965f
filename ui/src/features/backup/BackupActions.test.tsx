import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { createQueryClient } from "../../app/App";
import type { CopyPlan } from "../../ipc/bindings/CopyPlan";
import { azureVault, callsOf, cert, localVault, mockBackend } from "../../test/backend";
import { BackupActions } from "./BackupActions";

const local = localVault(1, "Local vault");
const vaults = () => [local, localVault(2, "Second"), azureVault(3, "prod-kv")];

function show(overrides: Parameters<typeof mockBackend>[0] = {}) {
  const calls = mockBackend({ list_vaults: vaults, ...overrides });
  render(
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter>
        <BackupActions vault={local} name="web" />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return calls;
}

const plan = (overrides: Partial<CopyPlan> = {}): CopyPlan => ({
  name: "web",
  method: "BackupRestore",
  explanation: "Both vaults belong to the same local vault server.",
  refused: null,
  ...overrides,
});

describe("backing up a certificate", () => {
  it("explains where a backup restores, then saves through the native dialog", async () => {
    let answer: string | null = null;
    const calls = show({ save_backup: () => answer });
    const user = userEvent.setup();
    await user.click(screen.getByTestId("backup-certificate"));
    const dialog = screen.getByTestId("backup-dialog");
    expect(within(dialog).getByTestId("backup-rule")).toHaveTextContent(
      "any vault of this local vault server",
    );

    await user.click(within(dialog).getByTestId("backup-save"));
    expect(await within(dialog).findByText(/Nothing saved/)).toBeInTheDocument();
    answer = "/home/me/web.kvbackup";
    await user.click(within(dialog).getByTestId("backup-save"));
    expect(await within(dialog).findByTestId("backup-saved")).toHaveTextContent(
      "Saved to /home/me/web.kvbackup",
    );
    expect(callsOf(calls, "save_backup")).toEqual([
      { vault: 1, name: "web" },
      { vault: 1, name: "web" },
    ]);
    expect(within(dialog).queryByTestId("backup-save")).not.toBeInTheDocument();
  });

  it("shows why a backup failed, with the hint", async () => {
    show({
      save_backup: () => {
        throw { code: "Forbidden", message: "Denied.", hint: 'Ask for the "backup" permission.' };
      },
    });
    const user = userEvent.setup();
    await user.click(screen.getByTestId("backup-certificate"));
    await user.click(screen.getByTestId("backup-save"));
    expect(await screen.findByRole("alert")).toHaveTextContent('Ask for the "backup" permission.');
  });
});

describe("copying a certificate to another vault", () => {
  it("explains the method for the chosen vault before copying, then copies", async () => {
    const calls = show({
      plan_copy: ({ target }) =>
        target === 2
          ? plan()
          : plan({ method: "ExportImport", explanation: "Exported with its key and imported." }),
      copy_certificate: ({ name }) => cert(name, { version: "abc" }),
    });
    const user = userEvent.setup();
    await user.click(screen.getByTestId("copy-certificate"));
    const dialog = screen.getByTestId("copy-dialog");
    expect(await within(dialog).findByTestId("copy-plan")).toHaveTextContent(
      "By backup and restore",
    );
    await user.selectOptions(within(dialog).getByLabelText("To vault"), "prod-kv");
    await waitFor(() =>
      expect(within(dialog).getByTestId("copy-plan")).toHaveTextContent(
        "By export with the private key and import",
      ),
    );
    expect(callsOf(calls, "copy_certificate")).toHaveLength(0);

    await user.click(within(dialog).getByTestId("copy-confirm"));
    expect(await within(dialog).findByTestId("copy-done")).toHaveTextContent(
      "Copied web to prod-kv.",
    );
    expect(callsOf(calls, "copy_certificate")).toEqual([{ vault: 1, name: "web", target: 3 }]);
    expect(within(dialog).getByRole("link", { name: "Open it there" })).toHaveAttribute(
      "href",
      "/vaults/3?cert=web",
    );
  });

  it("refuses before sending when the plan says the copy cannot run", async () => {
    const calls = show({
      plan_copy: () =>
        plan({
          method: "ExportImport",
          refused: {
            code: "InvalidInput",
            message: "The private key of web is not exportable.",
            hint: "Key Vault never hands out a non-exportable key.",
          },
        }),
    });
    const user = userEvent.setup();
    await user.click(screen.getByTestId("copy-certificate"));
    const dialog = screen.getByTestId("copy-dialog");
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("not exportable");
    expect(within(dialog).getByTestId("copy-confirm")).toBeDisabled();
    expect(callsOf(calls, "copy_certificate")).toHaveLength(0);
  });
});
