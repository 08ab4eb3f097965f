import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import {
  azureVault,
  callsOf,
  cert,
  deferred,
  detailsOf,
  type Events,
  expiringIn,
  listing,
  localVault,
  mockBackend,
  sendRows,
} from "../../test/backend";

const vaults = () => [localVault(1, "Local vault"), azureVault(2, "prod-kv")];
const rowNames = () => screen.getAllByTestId("cert-row").map((row) => row.dataset.name);

describe("the vault page", () => {
  it("shows rows after the first page while the listing continues", async () => {
    let events: Events<"list_certificates"> | undefined;
    const done = deferred<number>();
    mockBackend({
      list_vaults: vaults,
      list_certificates: (_args, channel) => {
        events = channel;
        return done.promise;
      },
    });
    render(<App initialPath="/vaults/1" />);
    await waitFor(() => expect(events).toBeDefined());
    const first = Array.from({ length: 25 }, (_, i) => cert(`web-${String(i).padStart(2, "0")}`));
    act(() => sendRows(events as Events<"list_certificates">, first));
    expect(await screen.findAllByTestId("cert-row")).not.toHaveLength(0);
    expect(screen.getByTestId("cert-count")).toHaveTextContent("Listing… 25 so far");

    act(() => sendRows(events as Events<"list_certificates">, [cert("zz-last")]));
    await act(async () => done.resolve(26));
    await waitFor(() =>
      expect(screen.getByTestId("cert-count")).toHaveTextContent("26 certificates"),
    );
    expect(screen.getByTestId("cert-table")).toHaveAttribute("aria-rowcount", "27");
  });

  it("counts every row when the listing's answer overtakes its last batches", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => cert(`late-${i}`));
    const last = deferred<void>();
    mockBackend({
      list_vaults: vaults,
      list_certificates: (_args, events) => {
        sendRows(events, rows.slice(0, 20));
        // As over IPC, where a large batch comes by a fetch of its own after the answer.
        void last.promise.then(() => sendRows(events, rows.slice(20)));
        return rows.length;
      },
    });
    render(<App initialPath="/vaults/1" />);
    await waitFor(() =>
      expect(screen.getByTestId("cert-count")).toHaveTextContent("Listing… 20 so far"),
    );
    await act(async () => last.resolve());
    await waitFor(() =>
      expect(screen.getByTestId("cert-count")).toHaveTextContent("60 certificates"),
    );
    expect(screen.getByTestId("cert-table")).toHaveAttribute("aria-rowcount", "61");
  });

  it("renders only the rows in view of a 10,000-row vault", async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => cert(`c-${i}`));
    mockBackend({ list_vaults: vaults, list_certificates: listing(rows, 25) });
    render(<App initialPath="/vaults/1" />);
    await waitFor(() =>
      expect(screen.getByTestId("cert-count")).toHaveTextContent("10,000 certificates"),
    );
    const rendered = screen.getAllByTestId("cert-row").length;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(60);
    expect(window.__certdeckPerf?.rows).toBe(10_000);
  });

  it("filters by name, thumbprint and tags as you type, ignoring case", async () => {
    mockBackend({
      list_vaults: vaults,
      list_certificates: listing([
        cert("api-gateway", { tags: { team: "Payments" } }),
        cert("web-frontend", { thumbprint: "DEADBEEF00112233445566778899AABBCCDDEEFF" }),
        cert("mail-relay", { tags: { owner: "ops" } }),
      ]),
    });
    render(<App initialPath="/vaults/1" />);
    const search = await screen.findByRole("searchbox", { name: "Search certificates" });
    await screen.findAllByTestId("cert-row");

    await userEvent.type(search, "WEB");
    expect(rowNames()).toEqual(["web-frontend"]);
    await userEvent.clear(search);
    await userEvent.type(search, "deadbeef");
    expect(rowNames()).toEqual(["web-frontend"]);
    await userEvent.clear(search);
    await userEvent.type(search, "payments");
    expect(rowNames()).toEqual(["api-gateway"]);
    await userEvent.clear(search);
    await userEvent.type(search, "OWNER");
    expect(rowNames()).toEqual(["mail-relay"]);
    expect(screen.getByTestId("cert-count")).toHaveTextContent("1 of 3 certificates");

    await userEvent.type(search, "-nothing");
    expect(screen.getByTestId("no-matches")).toHaveTextContent("No certificates match");
    await userEvent.click(screen.getByRole("button", { name: "Clear search and filter" }));
    expect(rowNames()).toHaveLength(3);
  });

  it("sorts by urgency then expiry by default, and by a column when its header is clicked", async () => {
    mockBackend({
      list_vaults: vaults,
      list_certificates: listing([
        expiringIn(200, "b-healthy"),
        expiringIn(10, "c-soon"),
        expiringIn(-35, "d-expired"),
        expiringIn(5, "a-sooner"),
        cert("e-disabled", { enabled: false, status: "Disabled" }),
      ]),
    });
    render(<App initialPath="/vaults/1" />);
    await screen.findAllByTestId("cert-row");
    expect(rowNames()).toEqual(["d-expired", "a-sooner", "c-soon", "e-disabled", "b-healthy"]);
    expect(screen.getByRole("columnheader", { name: /Status/ })).toHaveAttribute(
      "aria-sort",
      "ascending",
    );
    expect(screen.getAllByTestId("cert-row")[0]).toHaveTextContent("35 days ago");
    expect(screen.getAllByTestId("cert-row")[2]).toHaveTextContent("in 10 days");

    await userEvent.click(screen.getByRole("button", { name: /^Name/ }));
    expect(rowNames()).toEqual(["a-sooner", "b-healthy", "c-soon", "d-expired", "e-disabled"]);
    expect(screen.getByRole("columnheader", { name: /Name/ })).toHaveAttribute(
      "aria-sort",
      "ascending",
    );
    expect(screen.getByRole("columnheader", { name: /Status/ })).toHaveAttribute(
      "aria-sort",
      "none",
    );
    await userEvent.click(screen.getByRole("button", { name: /^Name/ }));
    expect(rowNames()).toEqual(["e-disabled", "d-expired", "c-soon", "b-healthy", "a-sooner"]);
    expect(screen.getByRole("columnheader", { name: /Name/ })).toHaveAttribute(
      "aria-sort",
      "descending",
    );
  });

  it("filters by status", async () => {
    mockBackend({
      list_vaults: vaults,
      list_certificates: listing([expiringIn(-3, "old"), expiringIn(3, "soon"), cert("fine")]),
    });
    render(<App initialPath="/vaults/1" />);
    await screen.findAllByTestId("cert-row");
    await userEvent.click(screen.getByRole("button", { name: /Expires soon/ }));
    expect(rowNames()).toEqual(["soon"]);
    await userEvent.click(screen.getByRole("button", { name: /^All/ }));
    expect(rowNames()).toHaveLength(3);
  });

  it("moves the selection with the arrow keys and opens details with Enter", async () => {
    const rows = [cert("alpha"), cert("bravo"), cert("charlie")];
    mockBackend({
      list_vaults: vaults,
      list_certificates: listing(rows),
      get_certificate: ({ name }) => detailsOf(cert(name)),
      list_versions: ({ name }) => [cert(name, { version: "v1" })],
    });
    render(<App initialPath="/vaults/1" />);
    await screen.findAllByTestId("cert-row");
    screen.getByTestId("cert-table").focus();
    await userEvent.keyboard("{ArrowDown}{ArrowDown}{ArrowUp}{ArrowDown}{Enter}");
    const pane = await screen.findByTestId("details-pane");
    expect(within(pane).getByRole("heading", { level: 2 })).toHaveTextContent("charlie");
    expect(screen.getByRole("row", { name: /charlie/ })).toHaveAttribute("aria-selected", "true");
    expect(screen.getByTestId("cert-table")).toHaveFocus();
    expect(screen.getByTestId("details-announcement")).toHaveTextContent(
      "Details of charlie opened",
    );
    await userEvent.click(within(pane).getByRole("button", { name: "Close details" }));
    expect(screen.queryByTestId("details-pane")).not.toBeInTheDocument();
    expect(screen.getByTestId("details-announcement")).toBeEmptyDOMElement();
  });

  it("shows subject, SANs, EKUs, policy and versions; a version's details on click", async () => {
    const calls = mockBackend({
      list_vaults: vaults,
      list_certificates: listing([cert("api")]),
      get_certificate: ({ name, version }) =>
        detailsOf(cert(name, version ? { version, enabled: false, status: "Disabled" } : {})),
      list_versions: ({ name }) => [
        cert(name, { version: "old0000000001", created: 1_600_000_000 }),
        cert(name, { version: "new0000000002", created: 1_700_000_000 }),
      ],
    });
    render(<App initialPath="/vaults/1?cert=api" />);
    const pane = await screen.findByTestId("details-pane");
    expect(await within(pane).findByTestId("subject")).toHaveTextContent("CN=api.example.com");
    const sans = within(pane).getByTestId("sans");
    expect(sans).toHaveTextContent("api.example.com");
    expect(sans).toHaveTextContent("10.0.0.1");
    expect(sans).toHaveTextContent("ops@example.com");
    const eku = within(pane).getByTestId("eku");
    expect(eku).toHaveTextContent("Server authentication");
    expect(eku).toHaveTextContent("Client authentication");
    expect(eku).toHaveTextContent("1.2.3.4");
    expect(within(pane).getByRole("region", { name: "Policy" })).toHaveTextContent(
      "AutoRenew at 80 % of lifetime",
    );
    expect(within(pane).getByRole("progressbar", { name: "Lifetime elapsed" })).toBeVisible();

    const versions = await within(pane).findAllByRole("button", { name: /^(new|old)0000000/ });
    expect(versions.map((v) => v.textContent)).toEqual([
      expect.stringContaining("new000000000"),
      expect.stringContaining("old000000000"),
    ]);
    expect(versions[0]).toHaveTextContent("Current");
    await userEvent.click(versions[1] as HTMLElement);
    await waitFor(() =>
      expect(callsOf(calls, "get_certificate").at(-1)).toEqual({
        vault: 1,
        name: "api",
        version: "old0000000001",
      }),
    );
    expect(await within(pane).findByText("Disabled", { selector: ".muted" })).toBeVisible();
  });

  it("explains a pending certificate", async () => {
    mockBackend({
      list_vaults: vaults,
      list_certificates: listing([cert("csr", { status: "Pending", thumbprint: null })]),
      get_certificate: ({ name }) => ({
        ...detailsOf(cert(name, { status: "Pending" })),
        certificate: null,
      }),
      list_versions: () => [],
    });
    render(<App initialPath="/vaults/1?cert=csr" />);
    expect(await screen.findByTestId("pending-note")).toHaveTextContent("no issued certificate");
  });

  it("cancels the listing when the page goes away", async () => {
    const calls = mockBackend({
      list_vaults: vaults,
      list_certificates: () => new Promise<number>(() => {}),
    });
    const { unmount } = render(<App initialPath="/vaults/1" />);
    await waitFor(() => expect(callsOf(calls, "list_certificates")).toHaveLength(1));
    const { request } = callsOf(calls, "list_certificates")[0] as { request: number };
    expect(callsOf(calls, "cancel_request")).toEqual([]);
    unmount();
    await waitFor(() => expect(callsOf(calls, "cancel_request")).toEqual([{ request }]));
  });

  it("cancels the running listing on refresh and lists again", async () => {
    const calls = mockBackend({
      list_vaults: vaults,
      list_certificates: (_args, events) => {
        sendRows(events, [cert("first")]);
        return new Promise<number>(() => {});
      },
    });
    render(<App initialPath="/vaults/1" />);
    await screen.findAllByTestId("cert-row");
    await userEvent.click(screen.getByRole("button", { name: "Refresh" }));
    await waitFor(() => expect(callsOf(calls, "list_certificates")).toHaveLength(2));
    const [first, second] = callsOf(calls, "list_certificates");
    expect(callsOf(calls, "cancel_request")).toEqual([{ request: first?.request }]);
    expect(second?.request).not.toBe(first?.request);
  });

  it("shows a listing error in place with its hint, and retries", async () => {
    let fail = true;
    mockBackend({
      list_vaults: vaults,
      list_certificates: (args, events) => {
        if (fail) {
          throw {
            code: "Forbidden",
            message: "You may not list certificates in prod-kv.",
            hint: "Ask for the Key Vault Certificates Officer role.",
          };
        }
        return listing([cert("ok")])(args, events);
      },
    });
    render(<App initialPath="/vaults/2" />);
    const error = await screen.findByTestId("vault-error");
    expect(error).toHaveTextContent("You may not list certificates in prod-kv.");
    expect(error).toHaveTextContent("Key Vault Certificates Officer");
    expect(error).toHaveTextContent("Forbidden");
    fail = false;
    await userEvent.click(within(error).getByRole("button", { name: "Retry" }));
    expect(await screen.findByTestId("cert-row")).toHaveAttribute("data-name", "ok");
    expect(screen.queryByTestId("vault-error")).not.toBeInTheDocument();
  });

  it("offers samples in an empty local vault and lists them once added", async () => {
    let rows: ReturnType<typeof cert>[] = [];
    const calls = mockBackend({
      list_vaults: vaults,
      list_certificates: (args, events) => listing(rows)(args, events),
      add_samples: () => {
        rows = [cert("sample-healthy"), expiringIn(-1, "sample-expired")];
        return rows.map((row) => row.name);
      },
    });
    render(<App initialPath="/vaults/1" />);
    const empty = await screen.findByTestId("vault-empty");
    await userEvent.click(within(empty).getByRole("button", { name: "Add samples" }));
    expect(callsOf(calls, "add_samples")).toEqual([{ vault: 1 }]);
    await waitFor(() => expect(rowNames()).toEqual(["sample-expired", "sample-healthy"]));
    expect(await screen.findByTestId("toast")).toHaveTextContent("Added 2 sample certificates");
  });

  it("offers Azure Portal only for Azure vaults", async () => {
    const calls = mockBackend({
      list_vaults: vaults,
      list_certificates: listing([cert("api")]),
      open_in_portal: () => null,
    });
    render(<App initialPath="/vaults/2" />);
    await screen.findAllByTestId("cert-row");
    await userEvent.click(screen.getByRole("button", { name: "Actions for api" }));
    await userEvent.click(screen.getByRole("menuitem", { name: "Open in Azure Portal" }));
    expect(callsOf(calls, "open_in_portal")).toEqual([
      { vault: 2, id: "https://vault.example/certificates/api" },
    ]);

    await userEvent.click(screen.getByRole("link", { name: "Local vault" }));
    await screen.findAllByTestId("cert-row");
    await userEvent.click(screen.getByRole("button", { name: "Actions for api" }));
    expect(screen.getByRole("menuitem", { name: "Copy thumbprint" })).toBeVisible();
    expect(screen.queryByRole("menuitem", { name: "Open in Azure Portal" })).toBeNull();
  });

  it("copies a certificate's name from the row menu", async () => {
    mockBackend({ list_vaults: vaults, list_certificates: listing([cert("api")]) });
    const user = userEvent.setup();
    render(<App initialPath="/vaults/1" />);
    await screen.findAllByTestId("cert-row");
    await user.pointer({ keys: "[MouseRight]", target: screen.getByRole("row", { name: /api/ }) });
    await user.click(screen.getByRole("menuitem", { name: "Copy name" }));
    expect(await navigator.clipboard.readText()).toBe("api");
    expect(await screen.findByTestId("toast")).toHaveTextContent("Copied name");
  });
});
