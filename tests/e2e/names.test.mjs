// Certificate names and versions from the page are checked where the command's args are
// deserialized: a path-like name or version is refused with the rule before any request, in
// the words the UI turns into an InvalidInput error (ui/src/ipc/errors.ts).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { launchApp } from "./harness.mjs";

const SUITE = "names";

/** Invokes `command` from the page as the UI does; resolves to its result or its error. */
function invoke(app, command, args) {
  return app.driver.executeAsyncScript(
    (name, commandArgs, done) => {
      window.__TAURI_INTERNALS__.invoke(name, { args: commandArgs }).then(
        (result) => done({ result }),
        (error) => done({ error }),
      );
    },
    command,
    args,
  );
}

describe("names and versions from the page", () => {
  let app;
  let vault;

  before(async () => {
    app = await launchApp({ suite: SUITE });
    const { result } = await invoke(app, "list_vaults", null);
    vault = result[0].id;
  });

  after(async () => {
    await app?.close();
  });

  it("refuses a path-like name or version before any request, naming the rule", async () => {
    for (const name of ["../keys/x", "a/b"]) {
      const { error } = await invoke(app, "get_certificate", { vault, name, version: null });
      assert.match(
        String(error),
        /^invalid args `args` for command `get_certificate`: '.+' is not a certificate name\. Names take only letters, digits and '-'; '[./]' is not allowed\.$/,
      );
    }
    const { error } = await invoke(app, "get_certificate", { vault, name: "web", version: ".." });
    assert.match(
      String(error),
      /'\.\.' is not a certificate version: versions are 32 lowercase hex/,
    );
    // A well-formed name goes to the vault, which answers for itself.
    const missing = await invoke(app, "get_certificate", { vault, name: "absent", version: null });
    assert.equal(missing.error?.code, "NotFound", JSON.stringify(missing));
  });
});
