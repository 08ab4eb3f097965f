import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import type { AttentionRow } from "../../ipc/bindings/AttentionRow";
import type { AttentionSummary } from "../../ipc/bindings/AttentionSummary";
import {
  azureVault,
  callsOf,
  cert,
  deferred,
  localVault,
  mockBackend,
  now,
} from "../../test/backend";

const DAY = 86_400;

const rows: AttentionRow[] = [
  {
    vault: 1,
    name: "old-web",
    problem: { kind: "Expired", expires: now() - 35 * DAY },
    fixes: ["Renew", "EditPolicy"],
  },
  {
    vault: 1,
    name: "off",
    problem: { kind: "Disabled", expires: now() + 200 * DAY },
    fixes: ["Enable"],
  },
  {
    vault: 1,
    name: "mailer",
    problem: { kind: "NoContacts" },
    fixes: ["SetContacts", "EditPolicy"],
  },
];

const failedVault: AttentionRow = {
  vault: 2,
  name: null,
  problem: {
    kind: "CheckFailed",
    error: { code: "Forbidden", message: "prod-kv refused the listing.", hint: "Ask for Reader." },
  },
  fixes: [],
};

const summary = (found: number): AttentionSummary => ({
  certificates: 12,
  rows: found,
  failed_vaults: 1,
  requests: { listing_pages: 1, contacts: 1, operations: 0, policies: 2 },
});

const row = (name: string) =>
  screen.getAllByTestId("attention-row").find((r) => r.dataset.name?.startsWith(`${name} in`));

describe("needs attention", () => {
  it("streams each vault's rows, says a vault failed, and fixes a row in place", async () => {
    const gate = deferred<void>();
    const calls = mockBackend({
      list_vaults: () => [localVault(1, "Local vault"), azureVault(2, "prod-kv")],
      needs_attention: async (_args, events) => {
        events.onmessage({ vault: 1, rows: rows.slice(0, 2), done: false, certificates: null });
        await gate.promise;
        events.onmessage({ vault: 1, rows: rows.slice(2), done: true, certificates: 12 });
        events.onmessage({ vault: 2, rows: [failedVault], done: true, certificates: null });
        return summary(4);
      },
      set_certificate_enabled: ({ name }) => cert(name),
      list_certificates: () => 0,
    });
    render(<App initialPath="/attention" />);

    // The first vault's rows show while the other is still being checked.
    await waitFor(() => expect(row("old-web")).toBeDefined());
    expect(screen.getByTestId("attention-count")).toHaveTextContent(
      "Checking 2 of 2 vaults… 2 found so far",
    );
    expect(row("old-web")).toHaveTextContent("Expired");
    expect(row("old-web")).toHaveTextContent("Expired 35 days ago");
    const [sent] = callsOf(calls, "needs_attention");
    expect(sent?.vaults).toEqual([1, 2]);
    expect(sent?.window_days).toBe(30);

    gate.resolve();
    await waitFor(() =>
      expect(screen.getByTestId("attention-count")).toHaveTextContent(
        "4 need attention · 12 certificates in 2 vaults",
      ),
    );
    expect(screen.getByTestId("attention-count")).toHaveAttribute(
      "title",
      "Requests: 1 listing pages, 1 contacts reads, 0 pending operations, 2 policies",
    );
    // Most urgent first: the vault that could not be checked, then the expired certificate.
    const order = screen.getAllByTestId("attention-row").map((r) => r.dataset.name);
    expect(order).toEqual([
      "— in prod-kv",
      "old-web in Local vault",
      "off in Local vault",
      "mailer in Local vault",
    ]);
    expect(row("—")).toHaveTextContent("prod-kv refused the listing. Ask for Reader.");
    // In full above the rows too.
    expect(screen.getByRole("region", { name: "prod-kv not checked" })).toHaveTextContent(
      "prod-kv could not be checkedprod-kv refused the listing.Ask for Reader.",
    );
    expect(
      within(row("mailer") as HTMLElement).getByRole("button", { name: "Set contacts" }),
    ).toBeVisible();
    expect(screen.getByTestId("attention-badge")).toHaveTextContent("4");

    await userEvent.click(
      within(row("off") as HTMLElement).getByRole("button", { name: "Enable" }),
    );
    await waitFor(() => expect(row("off")).toHaveTextContent("Enabled"));
    expect(callsOf(calls, "set_certificate_enabled")).toEqual([
      { vault: 1, name: "off", version: null, enabled: true },
    ]);
    expect(screen.getByTestId("attention-count")).toHaveTextContent("3 need attention");
    expect(screen.getByTestId("attention-badge")).toHaveTextContent("3");
    // Still on the inbox: the click was the button's, not the row's.
    expect(screen.getByTestId("attention-table")).toBeVisible();
  });

  it("gives a vault without contacts one row whose fix opens its contacts", async () => {
    mockBackend({
      list_vaults: () => [localVault(1, "Local vault")],
      needs_attention: async (_args, events) => {
        const fixes: AttentionRow["fixes"] = ["SetContacts"];
        const vaultRow = { vault: 1, name: null, problem: { kind: "VaultWithoutContacts" }, fixes };
        events.onmessage({
          vault: 1,
          rows: [vaultRow as AttentionRow],
          done: true,
          certificates: 3,
        });
        return { ...summary(1), failed_vaults: 0 };
      },
      get_contacts: () => [],
    });
    render(<App initialPath="/attention" />);

    await waitFor(() => expect(row("—")).toHaveTextContent("has no certificate contacts"));
    // Not a vault that failed: no failure section for it.
    expect(screen.queryByTestId("attention-failures")).toBeNull();
    await userEvent.click(
      within(row("—") as HTMLElement).getByRole("button", { name: "Set contacts" }),
    );
    expect(await screen.findByTestId("contacts-empty")).toBeVisible();
  });

  it("asks again with another window, and says when nothing needs attention", async () => {
    const calls = mockBackend({
      list_vaults: () => [localVault(1, "Local vault")],
      needs_attention: () => ({ ...summary(0), failed_vaults: 0 }),
    });
    render(<App initialPath="/attention" />);
    expect(await screen.findByTestId("attention-empty")).toHaveTextContent(
      "Nothing needs attention in 1 vault",
    );
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Expiring within" }), "90");
    await waitFor(() => expect(callsOf(calls, "needs_attention")).toHaveLength(2));
    expect(callsOf(calls, "needs_attention")[1]?.window_days).toBe(90);
    expect(await screen.findByTestId("attention-empty")).toHaveTextContent("within 90 days");
  });

  it("goes to the view of a navigating fix", async () => {
    mockBackend({
      list_vaults: () => [localVault(1, "Local vault")],
      needs_attention: (_args, events) => {
        events.onmessage({
          vault: 1,
          rows: [rows[2] as AttentionRow],
          done: true,
          certificates: 1,
        });
        return summary(1);
      },
      get_policy: () => new Promise(() => {}),
      get_certificate: () => new Promise(() => {}),
    });
    render(<App initialPath="/attention" />);
    await waitFor(() => expect(row("mailer")).toBeDefined());
    await userEvent.click(
      within(row("mailer") as HTMLElement).getByRole("button", { name: "Edit policy" }),
    );
    expect(await screen.findByTestId("policy-page")).toBeVisible();
    expect(screen.getByRole("link", { name: "← Local vault" })).toHaveAttribute(
      "href",
      "/vaults/1?cert=mailer",
    );
  });
});
