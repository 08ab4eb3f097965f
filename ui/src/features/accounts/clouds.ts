import type { Cloud } from "./types";

/** The clouds an account can belong to, as Settings offers them. */
export const clouds: { value: Cloud; label: string }[] = [
  { value: "azure_public", label: "Azure" },
  { value: "azure_us_government", label: "Azure US Government" },
  { value: "azure_china", label: "Azure China (21Vianet)" },
];

export const cloudLabel = (cloud: Cloud) =>
  clouds.find((known) => known.value === cloud)?.label ?? cloud;
