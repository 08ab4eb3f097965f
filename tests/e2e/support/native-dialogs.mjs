// The native GTK file dialogs, answered as a user would: with xdotool on the app's display.
import { xdotool } from "../harness.mjs";

/** Answers the native save dialog with `path`, typed into its name field. */
export async function saveAs(app, path) {
  const [id] = (
    await xdotool(app.display, ["search", "--sync", "--onlyvisible", "--name", "^Save File$"])
  )
    .trim()
    .split("\n");
  await xdotool(app.display, ["windowfocus", "--sync", id]);
  await xdotool(app.display, ["key", "--window", id, "ctrl+a"]);
  await xdotool(app.display, ["type", "--window", id, "--delay", "20", path]);
  await xdotool(app.display, ["key", "--window", id, "Return"]);
}
