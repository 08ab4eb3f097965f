import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import { aboutFixture, mockBackend } from "../../test/backend";

describe("About", () => {
  it("shows the version with the commit it was built from", async () => {
    mockBackend({
      about_info: () => ({ ...aboutFixture, app_version: "1.2.3", commit: "f00dcafe" }),
    });
    render(<App initialPath="/" />);
    await userEvent.click(screen.getByRole("button", { name: "About CertDeck" }));
    const dialog = screen.getByTestId("about-dialog");
    expect(await within(dialog).findByTestId("app-version")).toHaveTextContent("1.2.3 (f00dcafe)");
  });
});
