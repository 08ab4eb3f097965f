import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import {
  azureVault,
  callsOf,
  cert,
  deferred,
  detailsOf,
  dragEnter,
  dragLeave,
  dropFiles,
  expiringIn,
  type FakeFile,
  fakeFiles,
  fileReport,
  listing,
  localVault,
  mockBackend,
} from "../../test/backend";

const vaults = () => [localVault(1, "Local vault"), azureVault(2, "prod-kv")];
const PASSWORD = "Secret-123";

const pfx = (cn: string, password?: string): FakeFile => ({ report: fileReport(cn), password });

/** A backend with `files` to drop, an empty Local vault, free names and working imports. */
function importBackend(
  files: Record<string, FakeFile>,
  overrides: Parameters<typeof mockBackend>[0] = {},
) {
  const fake = fakeFiles(files);
  const calls = mockBackend({
    list_vaults: vaults,
    list_certificates: listing([]),
    check_certificate_name: () => ({ state: "Free" }),
    get_certificate: ({ name }) => detailsOf(cert(name)),
    list_versions: ({ name }) => [cert(name, { version: "0123456789abcdef" })],
    ...fake.handlers,
    ...overrides,
  });
  return { calls, open: fake.open };
}

function itemOf(fileName: string): HTMLElement {
  const found = screen
    .queryAllByTestId("import-item")
    .find((element) => element.dataset.fileName === fileName);
  if (!found) throw new Error(`no import item for ${fileName}`);
  return found;
}

async function inState(fileName: string, state: string) {
  await waitFor(() => expect(itemOf(fileName)).toHaveAttribute("data-state", state));
  return itemOf(fileName);
}

const states = () => screen.getAllByTestId("import-item").map((element) => element.dataset.state);

async function openVault() {
  render(<App initialPath="/vaults/1" />);
  await screen.findByTestId("vault-empty");
}

describe("importing by drag and drop", () => {
  it("names the target vault while dragging, and opens dropped files in the panel", async () => {
    const { calls } = importBackend({ "/drop/web.pfx": pfx("www.contoso.com") });
    await openVault();

    await dragEnter();
    expect(screen.getByTestId("drop-overlay")).toHaveTextContent("Drop to import into Local vault");
    await dragLeave();
    expect(screen.queryByTestId("drop-overlay")).not.toBeInTheDocument();

    await dropFiles(["/drop/web.pfx"]);
    const panel = await screen.findByTestId("import-panel");
    expect(panel).toHaveTextContent("Import into Local vault");
    const item = await inState("web.pfx", "ready");
    expect(within(item).getByTestId("subject")).toHaveTextContent("CN=www.contoso.com");
    expect(within(item).getByTestId("key-match")).toHaveTextContent(
      "Present, matches the certificate",
    );
    expect(item).toHaveTextContent("Contoso Issuing CA missing");
    expect(within(item).getByTestId("repairs")).toHaveTextContent("The PFX exactly as dropped");
    expect(within(item).getByTestId("name-input")).toHaveValue("www-contoso-com");
    expect(within(item).getByTestId("name-status")).toHaveTextContent("New certificate");
    expect(callsOf(calls, "open_file")).toEqual([{ path: "/drop/web.pfx", password: null }]);
    expect(callsOf(calls, "check_certificate_name")).toEqual([
      { vault: 1, name: "www-contoso-com" },
    ]);
  });

  it("targets the first vault, and says so, when no vault page is open", async () => {
    importBackend({});
    render(<App initialPath="/settings" />);
    await screen.findByRole("link", { name: "Local vault" });
    await dragEnter();
    const overlay = screen.getByTestId("drop-overlay");
    expect(overlay).toHaveTextContent("Drop to import into Local vault");
    expect(overlay).toHaveTextContent("No vault is open");
  });

  it("asks for a vault first when there is none, opening nothing", async () => {
    const calls = mockBackend();
    render(<App initialPath="/" />);
    await screen.findByTestId("vaults-empty");
    await dragEnter();
    expect(screen.getByTestId("drop-overlay")).toHaveTextContent("Add a vault first");
    await dragLeave();
    await dropFiles(["/drop/web.pfx"]);
    expect(await screen.findByTestId("toast")).toHaveTextContent("Add a vault first");
    expect(screen.queryByTestId("import-panel")).not.toBeInTheDocument();
    expect(callsOf(calls, "open_file")).toEqual([]);
  });

  it("asks for a password, says when it is wrong, and opens with the right one", async () => {
    const { calls } = importBackend({ "/drop/web.pfx": pfx("www.contoso.com", PASSWORD) });
    await openVault();
    await dropFiles(["/drop/web.pfx"]);
    const item = await inState("web.pfx", "needs-password");
    const field = within(item).getByTestId("password-input");
    expect(field).toHaveAttribute("type", "password");
    expect(field).toHaveFocus();

    await userEvent.type(field, "wrong");
    await userEvent.click(within(item).getByTestId("password-submit"));
    expect(await within(item).findByTestId("item-error")).toHaveTextContent(
      "Wrong password (or the file is damaged)",
    );
    expect(item).toHaveAttribute("data-state", "needs-password");

    await userEvent.clear(within(item).getByTestId("password-input"));
    await userEvent.type(within(item).getByTestId("password-input"), `${PASSWORD}{Enter}`);
    await inState("web.pfx", "ready");
    expect(within(item).queryByTestId("password-input")).not.toBeInTheDocument();
    expect(callsOf(calls, "open_file").map((call) => call.password)).toEqual([
      null,
      "wrong",
      PASSWORD,
    ]);
  });

  it("explains why a lone certificate cannot be imported and offers nothing to send", async () => {
    importBackend({ "/drop/alone.cer": { report: fileReport("web.contoso.com", { key: false }) } });
    await openVault();
    await dropFiles(["/drop/alone.cer"]);
    const item = await inState("alone.cer", "blocked");
    expect(item).toHaveTextContent("Cannot import");
    expect(within(item).getByTestId("problems")).toHaveTextContent("holds no private key");
    expect(within(item).getByTestId("key-match")).toHaveTextContent("Missing");
    expect(within(item).queryByTestId("import-item-button")).not.toBeInTheDocument();
    expect(within(item).queryByTestId("repairs")).not.toBeInTheDocument();
    expect(item).toHaveTextContent("drop that file too");
    expect(screen.getByTestId("import-all")).toBeDisabled();
  });

  it("pairs a certificate with its separately dropped key into one item", async () => {
    const files = {
      "/drop/web.cer": { report: fileReport("web.contoso.com", { key: false }) },
      "/drop/web.key": { report: fileReport(null) },
    };
    const keyOpens = deferred<void>();
    const fake = fakeFiles(files);
    const { calls } = importBackend(files, {
      ...fake.handlers,
      open_file: async (args) => {
        if (args.path.endsWith(".key")) await keyOpens.promise;
        return fake.handlers.open_file(args);
      },
    });
    await openVault();
    await dropFiles(["/drop/web.cer", "/drop/web.key"]);
    // Its key may be in the file still opening: not "cannot import" yet.
    await waitFor(() => expect(itemOf("web.cer")).toHaveTextContent("holds no private key"));
    expect(itemOf("web.cer")).toHaveAttribute("data-state", "opening");
    await act(async () => keyOpens.resolve());
    const item = await inState("web.cer", "blocked");
    expect(within(item).getByTestId("pair-button")).toHaveTextContent("Pair with web.key");
    const key = await inState("web.key", "blocked");
    expect(within(key).getByTestId("problems")).toHaveTextContent("holds no certificate");

    await userEvent.click(within(item).getByTestId("pair-button"));
    await inState("web.cer", "ready");
    expect(screen.getAllByTestId("import-item")).toHaveLength(1);
    expect(item).toHaveTextContent("web.cer + web.key");
    expect(within(item).getByTestId("key-match")).toHaveTextContent("matches the certificate");
    expect(within(item).getByTestId("repairs")).toHaveTextContent("come from 2 files");
    expect(within(item).getByTestId("name-input")).toHaveValue("web-contoso-com");
    const [certId, keyId] = callsOf(calls, "plan_import").map((call) => call.files[0]);
    expect(callsOf(calls, "plan_import").at(-1)?.files).toEqual([certId, keyId]);

    await userEvent.click(within(item).getByTestId("import-item-button"));
    await inState("web.cer", "done");
    expect(callsOf(calls, "import_certificate")[0]).toMatchObject({
      vault: 1,
      files: [certId, keyId],
      content_type: null,
    });
  });

  it("re-plans when the content type changes", async () => {
    const { calls } = importBackend({ "/drop/web.pfx": pfx("www.contoso.com") });
    await openVault();
    await dropFiles(["/drop/web.pfx"]);
    const item = await inState("web.pfx", "ready");
    expect(within(item).getByTestId("content-type-pfx")).toBeChecked();
    await userEvent.click(within(item).getByTestId("content-type-pem"));
    await inState("web.pfx", "ready");
    expect(within(item).getByTestId("content-type-pem")).toBeChecked();
    expect(callsOf(calls, "plan_import").map((call) => call.content_type)).toEqual([null, "Pem"]);
  });
});

describe("naming an import", () => {
  it("says which character breaks the rule, and checks the name once typing pauses", async () => {
    const { calls } = importBackend({ "/drop/web.pfx": pfx("www.contoso.com") });
    await openVault();
    await dropFiles(["/drop/web.pfx"]);
    const item = await inState("web.pfx", "ready");
    const name = within(item).getByTestId("name-input");

    await userEvent.clear(name);
    expect(within(item).getByTestId("name-error")).toHaveTextContent("Enter a name.");
    expect(item).toHaveAttribute("data-state", "blocked");
    await userEvent.type(name, "web_01");
    expect(within(item).getByTestId("name-error")).toHaveTextContent(
      "Names take only letters, digits and '-'; '_' is not allowed.",
    );
    await userEvent.clear(name);
    await userEvent.type(name, "contoso-web");
    await inState("web.pfx", "ready");
    // Typing "contoso-web" asked the vault once, not once per letter.
    expect(callsOf(calls, "check_certificate_name").map((call) => call.name)).toEqual([
      "www-contoso-com",
      "contoso-web",
    ]);
  });

  it("asks to confirm a new version when the name exists", async () => {
    const { calls } = importBackend(
      { "/drop/web.pfx": pfx("www.contoso.com") },
      { check_certificate_name: () => ({ state: "Exists", enabled: true, expires: null }) },
    );
    await openVault();
    await dropFiles(["/drop/web.pfx"]);
    const item = await inState("web.pfx", "blocked");
    expect(within(item).getByTestId("name-status")).toHaveTextContent(
      "www-contoso-com exists in Local vault: importing adds a new version",
    );
    expect(within(item).getByTestId("import-item-button")).toBeDisabled();
    await userEvent.click(within(item).getByTestId("new-version-confirm"));
    await inState("web.pfx", "ready");
    await userEvent.click(within(item).getByTestId("import-item-button"));
    await inState("web.pfx", "done");
    expect(callsOf(calls, "import_certificate")[0]?.options).toEqual({
      name: "www-contoso-com",
      enabled: true,
      tags: {},
      deleted_name: null,
    });
  });

  it("recovers a deleted name, or purges it after the name is typed again", async () => {
    const { calls } = importBackend(
      {
        "/drop/a.pfx": pfx("a.contoso.com"),
        "/drop/b.pfx": pfx("b.contoso.com"),
      },
      {
        check_certificate_name: () => ({
          state: "Deleted",
          deleted_on: Date.UTC(2026, 10, 2) / 1000,
          scheduled_purge: Date.UTC(2027, 1, 1) / 1000,
        }),
      },
    );
    await openVault();
    await dropFiles(["/drop/a.pfx", "/drop/b.pfx"]);
    const a = await inState("a.pfx", "blocked");
    expect(within(a).getByTestId("name-status")).toHaveTextContent(
      /a-contoso-com was deleted on .*2026.* and can be recovered until .*2027/,
    );
    await userEvent.click(within(a).getByTestId("recover-button"));
    await inState("a.pfx", "ready");

    const b = await inState("b.pfx", "blocked");
    await userEvent.click(within(b).getByTestId("purge-button"));
    expect(b).toHaveAttribute("data-state", "blocked");
    await userEvent.type(within(b).getByTestId("purge-confirm-input"), "b-contoso");
    expect(b).toHaveAttribute("data-state", "blocked");
    await userEvent.type(within(b).getByTestId("purge-confirm-input"), "-com");
    await inState("b.pfx", "ready");

    await userEvent.click(screen.getByTestId("import-all"));
    await inState("a.pfx", "done");
    await inState("b.pfx", "done");
    const sent = callsOf(calls, "import_certificate").map((call) => [
      call.options.name,
      call.options.deleted_name,
    ]);
    expect(sent).toEqual([
      ["a-contoso-com", "Recover"],
      ["b-contoso-com", "Purge"],
    ]);
  });

  it("sends the tags and Enabled as chosen", async () => {
    const { calls } = importBackend({ "/drop/web.pfx": pfx("www.contoso.com") });
    await openVault();
    await dropFiles(["/drop/web.pfx"]);
    const item = await inState("web.pfx", "ready");
    await userEvent.click(within(item).getByRole("checkbox", { name: /Enabled/ }));
    await userEvent.click(within(item).getByRole("button", { name: "Add tag" }));
    await userEvent.type(within(item).getByRole("textbox", { name: "Tag 1 name" }), "team");
    await userEvent.type(within(item).getByRole("textbox", { name: "Tag 1 value" }), "payments");
    await userEvent.click(within(item).getByTestId("import-item-button"));
    await inState("web.pfx", "done");
    expect(callsOf(calls, "import_certificate")[0]?.options).toMatchObject({
      enabled: false,
      tags: { team: "payments" },
    });
  });
});

describe("importing many files", () => {
  const six = Object.fromEntries(
    Array.from({ length: 6 }, (_, i) => [`/drop/bulk-${i}.pfx`, pfx(`bulk-${i}.contoso.test`)]),
  );

  it("imports every ready file, shows progress, and retries a failure", async () => {
    let failOnce = true;
    const { calls } = importBackend(six, {
      import_certificate: ({ options }) => {
        if (options.name === "bulk-2-contoso-test" && failOnce) {
          failOnce = false;
          throw { code: "Throttled", message: "Key Vault is busy.", hint: "Try again shortly." };
        }
        return cert(options.name, { version: "feedface" });
      },
    });
    await openVault();
    await dropFiles(Object.keys(six));
    await waitFor(() => expect(states()).toEqual(Array(6).fill("ready")));
    expect(screen.getByTestId("import-all")).toHaveTextContent("Import all ready (6)");

    await userEvent.click(screen.getByTestId("import-all"));
    const progress = screen.getByTestId("import-progress");
    expect(progress).toHaveAttribute("role", "progressbar");
    expect(progress).toHaveAttribute("aria-valuemax", "6");
    await waitFor(() => expect(progress).toHaveAttribute("aria-valuenow", "6"));
    const failed = await inState("bulk-2.pfx", "failed");
    expect(within(failed).getByTestId("item-error")).toHaveTextContent("Key Vault is busy.");
    expect(within(failed).getByTestId("item-error")).toHaveTextContent("Try again shortly.");
    expect(within(failed).getByTestId("name-input")).toHaveValue("bulk-2-contoso-test");
    expect(screen.getByTestId("import-panel")).toHaveTextContent("5 of 6 imported, 1 failed");

    await userEvent.click(screen.getByTestId("retry-failed"));
    await inState("bulk-2.pfx", "done");
    expect(itemOf("bulk-0.pfx")).toHaveTextContent(
      "Imported as bulk-0-contoso-test (version feedface)",
    );
    expect(callsOf(calls, "import_certificate")).toHaveLength(7);
    // Each name was checked once, when planned: no import made another name worth re-asking.
    expect(callsOf(calls, "check_certificate_name")).toHaveLength(6);
  });

  it("plans each of 100 files once; editing one neither re-plans nor re-checks the others", async () => {
    const hundred = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`/drop/c-${i}.pfx`, pfx(`c-${i}.contoso.test`)]),
    );
    const { calls } = importBackend(hundred);
    await openVault();
    await dropFiles(Object.keys(hundred));
    // The list is virtualised: the header's counts speak for the cards off screen.
    await waitFor(
      () => expect(screen.getByTestId("import-all")).toHaveTextContent("Import all ready (100)"),
      { timeout: 20_000 },
    );
    expect(callsOf(calls, "plan_import")).toHaveLength(100);

    const name = within(itemOf("c-50.pfx")).getByTestId("name-input");
    await userEvent.type(name, "-x");
    await waitFor(() =>
      expect(callsOf(calls, "check_certificate_name").at(-1)?.name).toBe("c-50-contoso-test-x"),
    );
    expect(callsOf(calls, "plan_import")).toHaveLength(100);
    expect(callsOf(calls, "check_certificate_name")).toHaveLength(101);
  }, 30_000); // jsdom and development React take seconds over 100 cards; the webview does not.

  it("never has more than 8 imports in flight, and Cancel stops those not started", async () => {
    const ten = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`/drop/many-${i}.pfx`, pfx(`many-${i}.contoso.test`)]),
    );
    const inFlight: ReturnType<typeof deferred<CertificateSummary>>[] = [];
    const names: string[] = [];
    importBackend(ten, {
      import_certificate: ({ options }) => {
        const reply = deferred<CertificateSummary>();
        inFlight.push(reply);
        names.push(options.name);
        return reply.promise;
      },
    });
    await openVault();
    await dropFiles(Object.keys(ten));
    await waitFor(() => expect(states()).toEqual(Array(10).fill("ready")));
    await userEvent.click(screen.getByTestId("import-all"));
    await waitFor(() => expect(inFlight).toHaveLength(8));
    expect(states()).toEqual(Array(10).fill("importing"));

    await userEvent.click(screen.getByTestId("cancel-imports"));
    expect(states()).toEqual([...Array(8).fill("importing"), "ready", "ready"]);
    const progress = screen.getByTestId("import-progress");
    expect(progress).toHaveAttribute("aria-valuemax", "8");
    await act(async () => {
      for (const [i, reply] of inFlight.entries()) reply.resolve(cert(names[i] ?? "", {}));
    });
    await waitFor(() => expect(progress).toHaveAttribute("aria-valuenow", "8"));
    expect(states()).toEqual([...Array(8).fill("done"), "ready", "ready"]);
    expect(inFlight).toHaveLength(8);
  });
});

describe("after an import", () => {
  it("shows the imported row without listing again, selected with its details open", async () => {
    const { calls } = importBackend({ "/drop/web.pfx": pfx("www.contoso.com") });
    await openVault();
    await dropFiles(["/drop/web.pfx"]);
    const item = await inState("web.pfx", "ready");
    await userEvent.click(within(item).getByTestId("import-item-button"));
    await inState("web.pfx", "done");
    await userEvent.click(screen.getByTestId("import-close"));
    expect(screen.queryByTestId("import-panel")).not.toBeInTheDocument();

    const row = await screen.findByRole("row", { selected: true });
    expect(row).toHaveAttribute("data-name", "www-contoso-com");
    expect(await screen.findByTestId("details-pane")).toHaveAccessibleName(
      "Details of www-contoso-com",
    );
    expect(screen.getByTestId("cert-count")).toHaveTextContent("1 certificate");
    expect(callsOf(calls, "list_certificates")).toHaveLength(1);
  });

  it("adds the row to a listed 10,000-row vault with one list request in all", async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => cert(`c-${i}`));
    const version = "0123456789abcdef";
    const { calls } = importBackend(
      { "/drop/web.pfx": pfx("www.contoso.com") },
      {
        list_certificates: listing(rows, 1_000),
        // Expiring soon, so it sorts first among the healthy 10,000.
        import_certificate: ({ options }) =>
          expiringIn(10, options.name, {
            id: `https://vault.example/certificates/${options.name}/${version}`,
            version,
          }),
      },
    );
    render(<App initialPath="/vaults/1" />);
    await waitFor(() =>
      expect(screen.getByTestId("cert-count")).toHaveTextContent("10,000 certificates"),
    );
    await dropFiles(["/drop/web.pfx"]);
    await userEvent.click(
      within(await inState("web.pfx", "ready")).getByTestId("import-item-button"),
    );
    await inState("web.pfx", "done");
    await userEvent.click(screen.getByTestId("import-close"));

    const row = await screen.findByRole("row", { selected: true });
    expect(row).toHaveAttribute("data-name", "www-contoso-com");
    expect(row).toHaveTextContent("Expires soon");
    expect(screen.getByTestId("cert-count")).toHaveTextContent("10,001 certificates");
    await screen.findByTestId("details-pane");
    expect(callsOf(calls, "list_certificates")).toHaveLength(1);
    expect(callsOf(calls, "get_certificate")).toEqual([
      { vault: 1, name: "www-contoso-com", version: null },
    ]);
  });

  it("re-checks only the queued names an import took, once each", async () => {
    const taken = new Set<string>();
    const importing = deferred<void>();
    const { calls } = importBackend(
      {
        "/drop/a.pfx": pfx("a.contoso.com"),
        "/drop/b.pfx": pfx("b.contoso.com"),
        "/drop/c.pfx": pfx("c.contoso.com"),
      },
      {
        check_certificate_name: ({ name }) =>
          taken.has(name) ? { state: "Exists", enabled: true, expires: null } : { state: "Free" },
        import_certificate: async ({ options }) => {
          await importing.promise;
          taken.add(options.name);
          return cert(options.name, { version: "feedface" });
        },
      },
    );
    await openVault();
    await dropFiles(["/drop/a.pfx", "/drop/b.pfx", "/drop/c.pfx"]);
    await waitFor(() => expect(states()).toEqual(["ready", "ready", "ready"]));
    await userEvent.click(within(itemOf("a.pfx")).getByTestId("import-item-button"));
    await inState("a.pfx", "importing");
    // While a.pfx is being imported, b.pfx takes its name: the vault says it is still free.
    const bName = within(itemOf("b.pfx")).getByTestId("name-input");
    await userEvent.clear(bName);
    await userEvent.type(bName, "a-contoso-com");
    await waitFor(() =>
      expect(callsOf(calls, "check_certificate_name").at(-1)?.name).toBe("a-contoso-com"),
    );
    const checksBefore = callsOf(calls, "check_certificate_name").length;

    await act(async () => importing.resolve());
    await inState("a.pfx", "done");
    const b = await inState("b.pfx", "blocked");
    await waitFor(() =>
      expect(within(b).getByTestId("name-status")).toHaveTextContent("a-contoso-com exists"),
    );
    expect(itemOf("c.pfx")).toHaveAttribute("data-state", "ready");
    // b.pfx asked again, c.pfx (another name) did not.
    expect(callsOf(calls, "check_certificate_name").slice(checksBefore)).toEqual([
      { vault: 1, name: "a-contoso-com" },
    ]);
  });

  it("closing the panel closes every file still open, and nothing else", async () => {
    const { calls, open } = importBackend({
      "/drop/a.pfx": pfx("a.contoso.com"),
      "/drop/b.pfx": pfx("b.contoso.com"),
      "/drop/locked.pfx": pfx("locked.contoso.com", PASSWORD),
    });
    await openVault();
    await dropFiles(["/drop/a.pfx", "/drop/b.pfx", "/drop/locked.pfx"]);
    await inState("a.pfx", "ready");
    await inState("b.pfx", "ready");
    await inState("locked.pfx", "needs-password");
    await userEvent.click(within(itemOf("a.pfx")).getByTestId("import-item-button"));
    await inState("a.pfx", "done");
    const [, bId] = callsOf(calls, "plan_import").map((call) => call.files[0]);

    await userEvent.click(screen.getByTestId("import-close"));
    expect(screen.queryByTestId("import-panel")).not.toBeInTheDocument();
    // a.pfx was closed by its import; locked.pfx was never opened.
    expect(callsOf(calls, "close_files")).toEqual([{ files: [bId] }]);
    expect(open.size).toBe(0);
  });

  it("forgets a file removed from the queue", async () => {
    const { calls } = importBackend({ "/drop/a.pfx": pfx("a.contoso.com") });
    await openVault();
    await dropFiles(["/drop/a.pfx"]);
    const item = await inState("a.pfx", "ready");
    await userEvent.click(within(item).getByRole("button", { name: "Remove a.pfx" }));
    expect(screen.queryByTestId("import-item")).not.toBeInTheDocument();
    expect(screen.getByTestId("import-empty")).toHaveTextContent("No files to import");
    expect(callsOf(calls, "close_files")).toHaveLength(1);
  });

  it("queues the files picked with Import… in the toolbar", async () => {
    const { calls } = importBackend(
      { "/picked/web.pfx": pfx("www.contoso.com") },
      { pick_files: () => ["/picked/web.pfx"] },
    );
    await openVault();
    await userEvent.click(screen.getByTestId("import-button"));
    await inState("web.pfx", "ready");
    expect(callsOf(calls, "pick_files")).toHaveLength(1);
  });
});
