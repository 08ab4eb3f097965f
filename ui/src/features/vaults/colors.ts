/** Sidebar label colours that read on both the light and the dark theme. */
export const vaultColors = [
  { name: "Blue", value: "#3b82f6" },
  { name: "Green", value: "#22a06b" },
  { name: "Amber", value: "#e2a203" },
  { name: "Orange", value: "#f97316" },
  { name: "Red", value: "#e5484d" },
  { name: "Pink", value: "#d6409f" },
  { name: "Purple", value: "#8e4ec6" },
  { name: "Teal", value: "#12a594" },
];
