import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import type { BulkItem } from "../../ipc/bindings/BulkItem";
import type { BulkOutcome } from "../../ipc/bindings/BulkOutcome";
import type { CertificateRef } from "../../ipc/bindings/CertificateRef";
import {
  azureVault,
  callsOf,
  cert,
  deferred,
  listing,
  localVault,
  mockBackend,
} from "../../test/backend";

const lifetimeChange = {
  field: "lifetime_actions",
  label: "Lifetime actions",
  before: "AutoRenew at 80 % of lifetime",
  after: "AutoRenew at 30 days before expiry",
};

/** What previewing does to each certificate, by name. */
const previewOf = (name: string): BulkOutcome => {
  if (name === "api") return { outcome: "Unchanged" };
  if (name === "old")
    return {
      outcome: "Refused",
      issues: [
        {
          field: "issuer.name",
          severity: "Error",
          message: "The issuer DigiCert is not configured in this vault.",
        },
      ],
    };
  return { outcome: "WouldChange", changes: [lifetimeChange] };
};

const failure: BulkOutcome = {
  outcome: "Failed",
  error: { code: "Throttled", message: "Key Vault is throttling requests.", hint: "Try again." },
};

function backend({ applyGate }: { applyGate?: Promise<void> } = {}) {
  let applies = 0;
  return mockBackend({
    list_vaults: () => [localVault(1, "Local vault"), azureVault(2, "prod-kv")],
    list_certificates: (args, events) =>
      listing(
        args.vault === 1
          ? [cert("web"), cert("api"), cert("old"), cert("unpicked")]
          : [cert("prod-web"), cert("prod-api")],
      )(args, events),
    preview_bulk_policy: ({ targets }, events) => {
      const items = targets.map((target) => ({ target, outcome: previewOf(target.name) }));
      for (const item of items) events.onmessage(item);
      return items;
    },
    apply_bulk_policy: async ({ targets }, events) => {
      const first = applies++ === 0;
      const items: BulkItem[] = [];
      for (const [i, target] of targets.entries()) {
        const outcome: BulkOutcome =
          first && target.name === "prod-api"
            ? failure
            : { outcome: "Changed", changes: [lifetimeChange] };
        items.push({ target, outcome });
        events.onmessage({ target, outcome });
        if (i === 0 && applyGate) await applyGate;
      }
      return items;
    },
  });
}

const row = (name: string) =>
  screen.getAllByTestId("bulk-row").find((r) => r.dataset.name === name) as HTMLElement;

async function chooseAcrossTwoVaults() {
  await userEvent.click(await screen.findByRole("checkbox", { name: /^Local vault/ }));
  await userEvent.click(screen.getByRole("checkbox", { name: /^prod-kv/ }));
  const picker = await screen.findByTestId("picker-table");
  await waitFor(() => expect(within(picker).getAllByTestId("picker-row")).toHaveLength(6));
  for (const name of ["web in Local vault", "api in Local vault", "old in Local vault"]) {
    await userEvent.click(within(picker).getByRole("checkbox", { name: `Select ${name}` }));
  }
  // The search narrows the list; select-all takes every row shown.
  await userEvent.type(screen.getByRole("searchbox", { name: "Search certificates" }), "prod-");
  await waitFor(() => expect(within(picker).getAllByTestId("picker-row")).toHaveLength(2));
  await userEvent.click(within(picker).getByRole("checkbox", { name: "Select all shown" }));
  expect(screen.getByTestId("selected-count")).toHaveTextContent("5 selected");
  await userEvent.click(screen.getByRole("checkbox", { name: "Lifetime actions" }));
}

describe("bulk apply", () => {
  it("previews certificates of two vaults: diffs, skipped unchanged ones, refusals", async () => {
    const calls = backend();
    render(<App initialPath="/welcome" />);
    await userEvent.click(await screen.findByRole("link", { name: "Policies" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Policies" })).toBeVisible();
    await chooseAcrossTwoVaults();

    await userEvent.click(screen.getByRole("button", { name: "Preview 5 certificates" }));
    await waitFor(() =>
      expect(screen.getByTestId("bulk-counts")).toHaveTextContent(
        "3 would change · 1 already so — skipped · 1 refused · 0 failed",
      ),
    );
    const [sent] = callsOf(calls, "preview_bulk_policy");
    expect(sent?.targets).toHaveLength(5);
    expect(sent?.targets).toContainEqual({ vault: 2, name: "prod-api" });
    expect(sent?.targets).not.toContainEqual({ vault: 1, name: "unpicked" });
    expect(sent?.patch.lifetime_actions).toEqual([
      { trigger: { days_before_expiry: 30 }, action: "AutoRenew" },
    ]);
    expect(sent?.patch.validity_months).toBeNull();

    expect(row("web")).toHaveTextContent("Would change");
    expect(row("web")).toHaveTextContent(
      "Lifetime actions: AutoRenew at 80 % of lifetime → AutoRenew at 30 days before expiry",
    );
    expect(row("api")).toHaveTextContent("Already so — skipped");
    expect(row("old")).toHaveTextContent("Refused");
    expect(row("old")).toHaveTextContent("The issuer DigiCert is not configured in this vault.");

    await userEvent.click(row("web"));
    const details = screen.getByTestId("bulk-details");
    expect(within(details).getByRole("rowheader", { name: "Lifetime actions" })).toBeVisible();
    expect(details).toHaveTextContent("AutoRenew at 30 days before expiry");
  });

  it("applies only what would change, shows progress and a failure, retries only that one", async () => {
    const gate = deferred<void>();
    const calls = backend({ applyGate: gate.promise });
    render(<App initialPath="/policies" />);
    await chooseAcrossTwoVaults();
    await userEvent.click(screen.getByRole("button", { name: "Preview 5 certificates" }));
    const apply = await screen.findByRole("button", { name: "Apply to 3 certificates" });
    await waitFor(() => expect(apply).toBeEnabled());
    await userEvent.click(apply);

    const progress = await screen.findByTestId("bulk-progress");
    await waitFor(() => expect(progress).toHaveTextContent("Applied 1 of 3"));
    expect(screen.getByRole("progressbar", { name: "Apply progress" })).toHaveAttribute("max", "3");
    gate.resolve();
    await waitFor(() =>
      expect(screen.getByTestId("bulk-counts")).toHaveTextContent(
        "2 changed · 1 already so — skipped · 1 refused · 1 failed",
      ),
    );
    expect(screen.queryByTestId("bulk-progress")).not.toBeInTheDocument();
    const [applied] = callsOf(calls, "apply_bulk_policy");
    expect(applied?.targets.map((t: CertificateRef) => t.name).sort()).toEqual([
      "prod-api",
      "prod-web",
      "web",
    ]);
    expect(row("prod-api")).toHaveTextContent("Failed");
    expect(row("prod-api")).toHaveTextContent("Key Vault is throttling requests.");
    expect(row("web")).toHaveTextContent("Changed");

    await userEvent.click(screen.getByRole("button", { name: "Retry failed (1)" }));
    await waitFor(() => expect(screen.getByTestId("bulk-counts")).toHaveTextContent("3 changed"));
    const retried = callsOf(calls, "apply_bulk_policy")[1];
    expect(retried?.targets).toEqual([{ vault: 2, name: "prod-api" }]);
    expect(retried?.patch).toEqual(applied?.patch);
    expect(screen.queryByRole("button", { name: /Retry failed/ })).not.toBeInTheDocument();
  });

  it("cancels what has not started and says so", async () => {
    const gate = deferred<void>();
    const calls = mockBackend({
      list_vaults: () => [localVault(1, "Local vault")],
      list_certificates: listing([cert("a"), cert("b"), cert("c")]),
      preview_bulk_policy: async ({ targets }, events) => {
        const first = { target: targets[0] as CertificateRef, outcome: previewOf("a") };
        events.onmessage(first);
        await gate.promise;
        return [first];
      },
      cancel_request: () => {
        gate.resolve();
        return null;
      },
    });
    render(<App initialPath="/policies" />);
    await userEvent.click(await screen.findByRole("checkbox", { name: /^Local vault/ }));
    await userEvent.click(await screen.findByRole("checkbox", { name: "Select all shown" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Validity" }));
    await userEvent.click(screen.getByRole("button", { name: "Preview 3 certificates" }));
    await screen.findByTestId("bulk-progress");
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() =>
      expect(screen.getByTestId("bulk-counts")).toHaveTextContent("2 not started"),
    );
    const [sent] = callsOf(calls, "preview_bulk_policy");
    expect(callsOf(calls, "cancel_request")).toEqual([{ request: sent?.request }]);
    expect(sent?.patch.validity_months).toBe(12);
    expect(screen.getByRole("button", { name: "Continue (2 not started)" })).toBeEnabled();
  });

  it("shows a run that fails as a whole, and what it did not reach", async () => {
    mockBackend({
      list_vaults: () => [localVault(1, "Local vault")],
      list_certificates: listing([cert("a"), cert("b")]),
      preview_bulk_policy: () => {
        throw { code: "NotSignedIn", message: "Not signed in to Azure.", hint: "Run `az login`." };
      },
    });
    render(<App initialPath="/policies" />);
    await userEvent.click(await screen.findByRole("checkbox", { name: /^Local vault/ }));
    await userEvent.click(await screen.findByRole("checkbox", { name: "Select all shown" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Enabled" }));
    await userEvent.click(screen.getByRole("button", { name: "Preview 2 certificates" }));
    expect(await screen.findByTestId("run-error")).toHaveTextContent("Not signed in to Azure.");
    expect(screen.getByTestId("bulk-counts")).toHaveTextContent("2 not started");
  });

  it("picks certificates by keyboard: arrows move, Space selects", async () => {
    mockBackend({
      list_vaults: () => [localVault(1, "Local vault")],
      list_certificates: listing([cert("a"), cert("b"), cert("c")]),
    });
    render(<App initialPath="/policies" />);
    await userEvent.click(await screen.findByRole("checkbox", { name: /^Local vault/ }));
    const grid = await screen.findByRole("grid", { name: "Certificates to change" });
    await waitFor(() => expect(within(grid).getAllByTestId("picker-row")).toHaveLength(3));
    grid.focus();
    await userEvent.keyboard("[ArrowDown][Space]");
    const rows = within(grid).getAllByTestId("picker-row");
    expect(rows[1]).toHaveAttribute("aria-selected", "true");
    expect(rows[0]).toHaveAttribute("aria-selected", "false");
    expect(screen.getByTestId("selected-count")).toHaveTextContent("1 selected");
    await userEvent.keyboard("{Control>}a{/Control}");
    expect(screen.getByTestId("selected-count")).toHaveTextContent("3 selected");
  });
});
