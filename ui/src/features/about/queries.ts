import { queryOptions } from "@tanstack/react-query";
import { backend } from "../../ipc/backend";
import type { AboutInfo } from "../../ipc/bindings/AboutInfo";
import type { AppError } from "../../ipc/errors";

export const aboutQueries = {
  /** Versions and folders, as the backend reports them. They never change while running. */
  about: () =>
    queryOptions<AboutInfo, AppError>({
      queryKey: ["about"],
      queryFn: backend.aboutInfo,
      staleTime: Number.POSITIVE_INFINITY,
    }),
};
