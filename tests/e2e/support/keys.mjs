// Keys as a user presses them (WebDriver actions on the focused element), and a command
// invoked from the page for a suite's setup.

/** Presses `keys` one after another. */
export const press = (app, ...keys) =>
  app.driver
    .actions()
    .sendKeys(...keys)
    .perform();

/** Holds `modifier` (Key.CONTROL, Key.ALT, Key.SHIFT) while pressing `key`. */
export const chord = (app, modifier, key) =>
  app.driver.actions().keyDown(modifier).sendKeys(key).keyUp(modifier).perform();

/** Invokes a CertDeck command from the page; resolves to its result, or its error. */
export const invoke = (app, command, args) =>
  app.driver.executeAsyncScript(
    (name, commandArgs, done) =>
      window.__TAURI_INTERNALS__.invoke(name, { args: commandArgs }).then(done, done),
    command,
    args,
  );

/** Resolves once no dialog is open. */
export const noDialog = (app) =>
  app.waitFor(
    async () => (await app.run(() => document.querySelector("dialog[open]"))) === null,
    "no dialog open",
  );
