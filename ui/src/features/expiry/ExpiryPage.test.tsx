import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import {
  azureVault,
  callsOf,
  cert,
  expiringIn,
  listing,
  localVault,
  mockBackend,
} from "../../test/backend";

const vaults = () => [
  localVault(1, "Local vault"),
  azureVault(2, "prod-kv"),
  azureVault(3, "eu-kv"),
];
const rowNames = () => screen.getAllByTestId("expiry-row").map((row) => row.dataset.name);
const rowsByVault: Record<number, CertificateSummary[]> = {
  1: [
    expiringIn(200, "sample-healthy"),
    expiringIn(10, "sample-expiring"),
    expiringIn(-5, "sample-expired"),
    cert("sample-pending", { expires: null, status: "Pending", thumbprint: null }),
  ],
  2: [expiringIn(60, "prod-api"), expiringIn(400, "prod-web")],
};

function backendWithFailingVault() {
  return mockBackend({
    list_vaults: vaults,
    list_certificates: (args, events) => {
      if (args.vault === 3) {
        throw {
          code: "NotSignedIn",
          message: "Not signed in to the tenant of eu-kv.",
          hint: "Run `az login`.",
        };
      }
      return listing(rowsByVault[args.vault] ?? [])(args, events);
    },
    save_text_file: () => "/home/me/certdeck-expiry.csv",
  });
}

describe("the expiry view", () => {
  it("lists every vault by expiry, expired first, while a failing vault shows its error", async () => {
    backendWithFailingVault();
    render(<App initialPath="/expiry" />);
    const error = await screen.findByTestId("vault-error");
    expect(error).toHaveTextContent("eu-kv");
    expect(error).toHaveTextContent("Not signed in to the tenant of eu-kv.");
    expect(error).toHaveTextContent("Run `az login`.");
    await waitFor(() => expect(rowNames()).toHaveLength(6));
    expect(rowNames()).toEqual([
      "sample-expired",
      "sample-expiring",
      "prod-api",
      "sample-healthy",
      "prod-web",
      "sample-pending",
    ]);
    expect(screen.getAllByTestId("expiry-row")[0]).toHaveTextContent("Local vault");
    expect(screen.getByTestId("expiry-timeline")).toHaveAccessibleName(
      expect.stringContaining("Overdue: 1"),
    );
  });

  it("filters by window and by vault", async () => {
    backendWithFailingVault();
    render(<App initialPath="/expiry" />);
    await waitFor(() => expect(rowNames()).toHaveLength(6));
    await userEvent.click(screen.getByRole("button", { name: "Expired" }));
    expect(rowNames()).toEqual(["sample-expired"]);
    await userEvent.click(screen.getByRole("button", { name: "≤30 days" }));
    expect(rowNames()).toEqual(["sample-expired", "sample-expiring"]);
    await userEvent.click(screen.getByRole("button", { name: "≤90 days" }));
    expect(rowNames()).toEqual(["sample-expired", "sample-expiring", "prod-api"]);

    const localToggle = screen.getByRole("button", { name: /^Local vault/ });
    await userEvent.click(localToggle);
    expect(localToggle).toHaveAttribute("aria-pressed", "false");
    expect(rowNames()).toEqual(["prod-api"]);
    expect(screen.getByTestId("expiry-timeline")).toHaveAccessibleName(
      expect.stringContaining("Overdue: 0"),
    );
  });

  it("opens a certificate in its vault", async () => {
    backendWithFailingVault();
    render(<App initialPath="/expiry" />);
    await waitFor(() => expect(rowNames()).toHaveLength(6));
    await userEvent.click(screen.getByRole("row", { name: /prod-api/ }));
    expect(await screen.findByRole("heading", { level: 1, name: "prod-kv" })).toBeVisible();
    expect(screen.getByTestId("details-pane")).toHaveAccessibleName("Details of prod-api");
  });

  it("exports what it shows as CSV and says where it went", async () => {
    const calls = backendWithFailingVault();
    render(<App initialPath="/expiry" />);
    await waitFor(() => expect(rowNames()).toHaveLength(6));
    await userEvent.click(screen.getByRole("button", { name: "Expired" }));
    await userEvent.click(screen.getByRole("button", { name: "Export CSV" }));
    const [saved] = callsOf(calls, "save_text_file");
    expect(saved?.suggested_name).toMatch(/^certdeck-expiry-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = saved?.contents.trim().split("\r\n");
    expect(lines?.[0]).toBe("vault,name,status,expires,thumbprint,id");
    expect(lines).toHaveLength(2);
    expect(lines?.[1]).toMatch(/^Local vault,sample-expired,Expired,\d{4}-\d{2}-\d{2}T/);
    expect(await screen.findByTestId("toast")).toHaveTextContent(
      "Saved 1 rows to /home/me/certdeck-expiry.csv",
    );
  });
});
