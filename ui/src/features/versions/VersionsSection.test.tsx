import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import { callsOf, cert, detailsOf, listing, localVault, mockBackend } from "../../test/backend";

const versions = (enabledOld: boolean) => [
  cert("api", { version: "old0000000001", created: 1_600_000_000, enabled: enabledOld }),
  cert("api", { version: "new0000000002", created: 1_700_000_000 }),
];

describe("a version's Enabled flag in the details pane", () => {
  it("disables an older version from the list and takes the answer into the cache, the listing untouched", async () => {
    const calls = mockBackend({
      list_vaults: () => [localVault(1, "Local vault")],
      list_certificates: listing([cert("api")]),
      get_certificate: ({ name }) => detailsOf(cert(name)),
      list_versions: () => versions(true),
      set_certificate_enabled: ({ version, enabled }) => {
        const row = versions(true).find((v) => v.version === version) ?? cert("api");
        return { ...row, enabled, status: enabled ? "Healthy" : "Disabled" };
      },
    });
    const user = userEvent.setup();
    render(<App initialPath="/vaults/1?cert=api" />);
    const pane = await screen.findByTestId("details-pane");
    await user.click(
      await within(pane).findByRole("button", { name: "Disable version old000000000" }),
    );
    expect(callsOf(calls, "set_certificate_enabled")).toEqual([
      { vault: 1, name: "api", version: "old0000000001", enabled: false },
    ]);
    const older = await within(pane).findByRole("button", { name: "Enable version old000000000" });
    expect(older).toBeEnabled();
    const rows = within(pane).getAllByTestId("timeline-row");
    expect(rows[1]).toHaveAttribute("data-disabled");
    expect(rows[0]).not.toHaveAttribute("data-disabled");
    // Written from the answer: neither the versions nor the vault were listed again.
    expect(callsOf(calls, "list_versions")).toHaveLength(1);
    expect(callsOf(calls, "list_certificates")).toHaveLength(1);
    await waitFor(() => expect(screen.getAllByTestId("cert-row")[0]).toHaveTextContent("Healthy"));
  });
});
