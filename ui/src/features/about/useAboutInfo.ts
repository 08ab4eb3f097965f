import { useQuery } from "@tanstack/react-query";
import { backend } from "../../ipc/backend";
import type { AboutInfo } from "../../ipc/bindings/AboutInfo";
import type { AppError } from "../../ipc/errors";

/** Versions and folders, as the backend reports them. They never change while running. */
export function useAboutInfo(enabled = true) {
  return useQuery<AboutInfo, AppError>({
    queryKey: ["about"],
    queryFn: backend.aboutInfo,
    staleTime: Number.POSITIVE_INFINITY,
    enabled,
  });
}
