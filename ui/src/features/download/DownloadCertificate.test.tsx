import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import type { DownloadArgs } from "../../ipc/bindings/DownloadArgs";
import { callsOf, cert, detailsOf, listing, localVault, mockBackend } from "../../test/backend";

const FORBIDDEN = {
  code: "Forbidden",
  message: "The user does not have secrets get permission on key vault 'contoso'.",
  hint: 'Downloading the private key reads the certificate\'s secret: ask for "Key Vault Secrets User".',
};

function backend({
  exportable = true,
  contentType = "application/x-pkcs12",
  download = (args: DownloadArgs) =>
    ({
      path: `/home/me/web.${args.format === "Cer" ? "cer" : "pfx"}`,
      summary: "the certificate",
    }) as {
      path: string;
      summary: string;
    } | null,
}: {
  exportable?: boolean;
  contentType?: string;
  download?: (args: DownloadArgs) => { path: string; summary: string } | null;
} = {}) {
  return mockBackend({
    list_vaults: () => [localVault(1, "Local vault")],
    list_certificates: listing([cert("web")]),
    get_certificate: ({ name }) => {
      const details = detailsOf(cert(name));
      const policy = details.policy && { ...details.policy, exportable, content_type: contentType };
      return { ...details, policy };
    },
    list_versions: ({ name }) => [cert(name)],
    download_certificate: download,
  });
}

async function openDownload() {
  render(<App initialPath="/vaults/1?cert=web" />);
  await screen.findByTestId("details-pane");
  await userEvent.click(await screen.findByTestId("download-certificate"));
  return screen.findByTestId("download-dialog");
}

describe("downloading a certificate", () => {
  it("re-protects the PFX with a confirmed password, rating its strength", async () => {
    const calls = backend();
    const dialog = await openDownload();
    const d = within(dialog);
    expect(d.getByTestId("download-with-key")).toBeChecked();
    expect(d.getByTestId("download-format-Pfx")).toBeChecked();
    const save = d.getByTestId("download-save");
    expect(save, "a PFX needs a password").toBeDisabled();

    await userEvent.type(d.getByTestId("download-password"), "short1");
    expect(d.getByTestId("download-strength")).toHaveAttribute("data-level", "weak");
    await userEvent.clear(d.getByTestId("download-password"));
    await userEvent.type(d.getByTestId("download-password"), "Tr0ub4dor&3-horse");
    expect(d.getByTestId("download-strength")).toHaveAttribute("data-level", "strong");
    await userEvent.type(d.getByTestId("download-confirm-password"), "Tr0ub4dor&3-hors");
    expect(d.getByText("The passwords differ.")).toBeInTheDocument();
    expect(save).toBeDisabled();
    await userEvent.type(d.getByTestId("download-confirm-password"), "e");
    expect(save).toBeEnabled();

    await userEvent.click(save);
    await waitFor(() => expect(screen.queryByTestId("download-dialog")).not.toBeVisible());
    expect(callsOf(calls, "download_certificate")).toEqual([
      { vault: 1, name: "web", version: null, format: "Pfx", password: "Tr0ub4dor&3-horse" },
    ]);
    expect(await screen.findByText(/Saved \/home\/me\/web\.pfx/)).toBeInTheDocument();
  });

  it("saves as stored without a password, after a warning", async () => {
    const calls = backend();
    const d = within(await openDownload());
    expect(d.queryByTestId("download-no-password-warning")).not.toBeInTheDocument();
    await userEvent.click(d.getByTestId("download-as-stored"));
    expect(d.getByTestId("download-no-password-warning")).toHaveTextContent(
      "anyone who can read the file has the key",
    );
    expect(d.queryByTestId("download-password")).not.toBeInTheDocument();
    await userEvent.click(d.getByTestId("download-save"));
    await waitFor(() => expect(callsOf(calls, "download_certificate")).toHaveLength(1));
    expect(callsOf(calls, "download_certificate")[0]).toMatchObject({
      format: "PfxAsStored",
      password: null,
    });
  });

  it("does not call a PFX made from a PEM secret the stored form", async () => {
    backend({ contentType: "application/x-pem-file" });
    const d = within(await openDownload());
    expect(d.getByTestId("download-as-stored").parentElement).toHaveTextContent(
      "Without a password (3DES, as Key Vault writes a PFX)",
    );
  });

  it("offers only the certificate when the key is not exportable", async () => {
    const calls = backend({ exportable: false });
    const d = within(await openDownload());
    expect(d.getByTestId("download-not-exportable")).toHaveTextContent("not exportable");
    expect(d.getByTestId("download-with-key")).toBeDisabled();
    expect(d.getByTestId("download-format-Cer")).toBeChecked();
    await userEvent.click(d.getByTestId("download-save"));
    await waitFor(() => expect(callsOf(calls, "download_certificate")).toHaveLength(1));
    expect(callsOf(calls, "download_certificate")[0]).toMatchObject({
      format: "Cer",
      password: null,
    });
  });

  it("shows a 403 with its hint and stays open", async () => {
    backend({
      download: () => {
        throw FORBIDDEN;
      },
    });
    const dialog = await openDownload();
    const d = within(dialog);
    await userEvent.click(d.getByTestId("download-as-stored"));
    await userEvent.click(d.getByTestId("download-save"));
    const alert = await d.findByRole("alert");
    expect(alert).toHaveTextContent("does not have secrets get permission");
    expect(alert).toHaveTextContent("Key Vault Secrets User");
    expect(dialog).toBeVisible();
  });

  it("stays open when the save dialog is cancelled", async () => {
    const calls = backend({ download: () => null });
    const dialog = await openDownload();
    const d = within(dialog);
    await userEvent.click(d.getByTestId("download-without-key"));
    await userEvent.click(d.getByTestId("download-format-ChainPem"));
    await userEvent.click(d.getByTestId("download-save"));
    await waitFor(() => expect(callsOf(calls, "download_certificate")).toHaveLength(1));
    expect(callsOf(calls, "download_certificate")[0]).toMatchObject({ format: "ChainPem" });
    expect(dialog).toBeVisible();
  });
});
