import { render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import {
  callsOf,
  deferred,
  dropFiles,
  fakeFiles,
  fileReport,
  listing,
  localVault,
  mockBackend,
} from "../../test/backend";

const items = () => screen.queryAllByTestId("import-item").map((item) => item.dataset.fileName);

describe("files opened with CertDeck", () => {
  it("asks once for the files of its command line and opens them like a drop", async () => {
    const vaults = deferred<ReturnType<typeof localVault>[]>();
    const fake = fakeFiles({
      "/home/me/web.pfx": { report: fileReport("www.contoso.com") },
      "/home/me/api.pem": { report: fileReport("api.contoso.com") },
    });
    const calls = mockBackend({
      // The vault list comes after the opened files: they wait for it.
      list_vaults: () => vaults.promise,
      list_certificates: listing([]),
      check_certificate_name: () => ({ state: "Free" }),
      take_opened_files: () => ["/home/me/web.pfx"],
      ...fake.handlers,
    });
    render(<App initialPath="/" />);
    await waitFor(() => expect(callsOf(calls, "take_opened_files")).toHaveLength(1));
    expect(screen.queryByTestId("import-panel")).not.toBeInTheDocument();

    vaults.resolve([localVault(1, "Local vault")]);
    const panel = await screen.findByTestId("import-panel");
    expect(panel).toHaveTextContent("Import into Local vault");
    await waitFor(() => expect(items()).toEqual(["web.pfx"]));
    expect(callsOf(calls, "open_file")).toEqual([{ path: "/home/me/web.pfx", password: null }]);
    const item = screen.getByTestId("import-item");
    await waitFor(() =>
      expect(within(item).getByTestId("subject")).toHaveTextContent("CN=www.contoso.com"),
    );

    // A second launch's files then come as a drop, into the same panel.
    await dropFiles(["/home/me/api.pem"]);
    await waitFor(() => expect(items()).toEqual(["web.pfx", "api.pem"]));
    expect(callsOf(calls, "take_opened_files")).toHaveLength(1);
  });

  it("opens no panel when nothing was opened with it", async () => {
    const calls = mockBackend({ list_vaults: () => [localVault(1, "Local vault")] });
    render(<App initialPath="/" />);
    await screen.findByRole("link", { name: "Local vault" });
    await waitFor(() => expect(callsOf(calls, "take_opened_files")).toHaveLength(1));
    expect(screen.queryByTestId("import-panel")).not.toBeInTheDocument();
  });
});
