import { useQuery } from "@tanstack/react-query";
import { aboutQueries } from "./queries";

/** Versions and folders, as the backend reports them. */
export function useAboutInfo(enabled = true) {
  return useQuery({ ...aboutQueries.about(), enabled });
}
