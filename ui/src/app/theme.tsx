import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";
import { settingsQueries } from "../features/settings/queries";
import { backend } from "../ipc/backend";
import type { ThemePreference } from "../ipc/bindings/ThemePreference";
import type { AppError } from "../ipc/errors";

type Resolved = "light" | "dark";

interface ThemeContextValue {
  preference: ThemePreference;
  resolved: Resolved;
  /** Saves the preference; resolves to the error when saving failed, so callers can show it. */
  setPreference: (preference: ThemePreference) => Promise<AppError | null>;
  saving: boolean;
}

const ThemeContext = createContext<ThemeContextValue | null>(null);
const darkQuery = "(prefers-color-scheme: dark)";

function useSystemTheme(): Resolved {
  const [dark, setDark] = useState(() => window.matchMedia?.(darkQuery).matches ?? false);
  useEffect(() => {
    const media = window.matchMedia?.(darkQuery);
    if (!media) return;
    const onChange = () => setDark(media.matches);
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, []);
  return dark ? "dark" : "light";
}

export function resolveTheme(preference: ThemePreference, system: Resolved): Resolved {
  return preference === "system" ? system : preference;
}

/** Applies the saved theme preference (following the OS for "system") to <html>. */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const settings = useQuery(settingsQueries.settings());
  const mutation = useMutation({
    mutationFn: backend.setTheme,
    onSuccess: (saved) => queryClient.setQueryData(settingsQueries.settings().queryKey, saved),
  });
  const system = useSystemTheme();
  const preference = settings.data?.theme ?? "system";
  const resolved = resolveTheme(preference, system);

  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
  }, [resolved]);

  const value = useMemo<ThemeContextValue>(
    () => ({
      preference,
      resolved,
      saving: mutation.isPending,
      setPreference: (next) =>
        mutation.mutateAsync(next).then(
          () => null,
          (err: AppError) => err,
        ),
    }),
    [preference, resolved, mutation.isPending, mutation.mutateAsync],
  );
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeContextValue {
  const value = useContext(ThemeContext);
  if (!value) throw new Error("useTheme needs a ThemeProvider");
  return value;
}
