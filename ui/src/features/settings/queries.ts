import { queryOptions } from "@tanstack/react-query";
import { backend } from "../../ipc/backend";
import type { Settings } from "../../ipc/bindings/Settings";
import type { AppError } from "../../ipc/errors";

export const settingsQueries = {
  /** The saved settings; a change answers with the new settings, which replace these. */
  settings: () =>
    queryOptions<Settings, AppError>({ queryKey: ["settings"], queryFn: backend.getSettings }),
};
