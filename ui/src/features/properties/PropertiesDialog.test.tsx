import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { createQueryClient } from "../../app/App";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import { callsOf, cert, mockBackend } from "../../test/backend";
import { PropertiesDialog } from "./PropertiesDialog";

function open(current: CertificateSummary) {
  render(
    <QueryClientProvider client={createQueryClient()}>
      <PropertiesDialog vault={1} current={current} onClose={() => {}} />
    </QueryClientProvider>,
  );
  return screen.getByTestId("properties-dialog");
}

const review = () => screen.getByRole("button", { name: "Review changes" });

describe("the properties dialog", () => {
  it("refuses a tag name over 512 characters and a value over 256 before anything is sent", async () => {
    const calls = mockBackend();
    const user = userEvent.setup();
    open(cert("web", { tags: { env: "test" } }));
    const name = screen.getByRole("textbox", { name: "Tag 1 name" });
    await user.clear(name);
    await user.click(name);
    await user.paste("n".repeat(513));
    expect(screen.getByText(/Tag names are at most 512 characters/)).toBeInTheDocument();
    expect(review()).toBeDisabled();

    await user.clear(name);
    await user.type(name, "env");
    const value = screen.getByRole("textbox", { name: "Tag 1 value" });
    await user.click(value);
    await user.paste("v".repeat(250));
    expect(screen.queryByText(/Tag values are at most/)).not.toBeInTheDocument();
    await user.paste("v".repeat(10));
    expect(
      screen.getByText(/Tag values are at most 256 characters; 'env' has 264/),
    ).toBeInTheDocument();
    expect(review()).toBeDisabled();
    expect(callsOf(calls, "set_certificate_tags")).toHaveLength(0);
  });

  it("stops adding tags at Key Vault's 15", async () => {
    mockBackend();
    const tags = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`t${i}`, "x"]));
    open(cert("web", { tags }));
    expect(screen.getByRole("button", { name: "Add tag" })).toBeDisabled();
    expect(screen.getByText("(15 of 15)")).toBeInTheDocument();
  });

  it("shows the change as a diff, saves it, and shows the tags the vault reads back", async () => {
    const calls = mockBackend({
      set_certificate_tags: ({ name, tags }) => cert(name, { tags: { ...tags, stamped: "yes" } }),
      get_certificate: () => {
        throw new Error("not needed");
      },
    });
    const user = userEvent.setup();
    open(cert("web", { tags: { env: "test", old: "1" } }));
    const value = screen.getByRole("textbox", { name: "Tag 1 value" });
    await user.clear(value);
    await user.type(value, "prod");
    await user.click(screen.getByRole("button", { name: "Remove tag 2" }));
    await user.click(review());

    const diff = screen.getByRole("table", { name: "Changes to web" });
    const rows = within(diff).getAllByRole("row").slice(1);
    expect(rows.map((row) => row.textContent)).toEqual(["Tag envtestprod", "Tag old1—"]);
    expect(callsOf(calls, "set_certificate_tags")).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByTestId("properties-saved")).toHaveTextContent(
      "Saved, and read back from the vault: Enabled, with these tags:",
    );
    expect(callsOf(calls, "set_certificate_tags")).toEqual([
      { vault: 1, name: "web", tags: { env: "prod" } },
    ]);
    expect(screen.getByText("stamped")).toBeInTheDocument();
    expect(screen.getByText("The vault stored the tags otherwise than sent.")).toBeInTheDocument();
    expect(callsOf(calls, "set_certificate_enabled")).toHaveLength(0);
  });
});
