import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import { callsOf, cert, detailsOf, listing, localVault, mockBackend } from "../../test/backend";
import { heldWatch, operation } from "../create/testing";

describe("Renew now", () => {
  it("watches the renewal and shows the new version when it is issued", async () => {
    const watch = heldWatch();
    let renewed = false;
    const versionOf = (version: string) => cert("web", { version });
    const calls = mockBackend({
      list_vaults: () => [localVault(1, "Local vault")],
      list_certificates: listing([cert("web")]),
      get_certificate: ({ name }) => detailsOf(cert(name)),
      list_versions: () => (renewed ? [versionOf("new0"), versionOf("old0")] : [versionOf("old0")]),
      get_policy: () => {
        throw { code: "NotFound", message: "no policy in this test", hint: null };
      },
      renew_certificate: ({ name }) => operation(name, { status: "inProgress" }),
      watch_operation: watch.handler,
    });
    render(<App initialPath="/vaults/1?cert=web" />);
    const pane = await screen.findByTestId("details-pane");
    await userEvent.click(await within(pane).findByRole("button", { name: /Renew now/ }));
    await userEvent.click(await screen.findByRole("button", { name: "Renew" }));
    await waitFor(() => expect(watch.started).toBe(true));
    expect(callsOf(calls, "watch_operation")).toEqual([
      expect.objectContaining({ vault: 1, name: "web" }),
    ]);
    const listedBefore = callsOf(calls, "list_versions").length;

    renewed = true;
    await act(async () =>
      watch.end({ outcome: "Issued", certificate: versionOf("new0"), operation: null }),
    );
    await waitFor(() =>
      expect(callsOf(calls, "list_versions").length).toBeGreaterThan(listedBefore),
    );
    expect(await screen.findByText(/web renewed: its new version is current/)).toBeVisible();
  });
});
