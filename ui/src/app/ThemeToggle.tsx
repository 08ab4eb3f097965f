import { MonitorIcon, MoonIcon, SunIcon } from "../components/icons";
import { useToast } from "../components/Toasts";
import type { ThemePreference } from "../ipc/bindings/ThemePreference";
import { useTheme } from "./theme";

const order: ThemePreference[] = ["system", "light", "dark"];
const labels: Record<ThemePreference, string> = {
  system: "System",
  light: "Light",
  dark: "Dark",
};
const icons = { system: MonitorIcon, light: SunIcon, dark: MoonIcon };

export function nextTheme(current: ThemePreference): ThemePreference {
  return order[(order.indexOf(current) + 1) % order.length] ?? "system";
}

/** Cycles System → Light → Dark from the header. */
export function ThemeToggle() {
  const { preference, setPreference, saving } = useTheme();
  const toast = useToast();
  const next = nextTheme(preference);
  const Icon = icons[preference];
  return (
    <button
      type="button"
      className="button icon-button"
      data-testid="theme-toggle"
      aria-label={`Theme: ${labels[preference]}. Switch to ${labels[next]}`}
      data-tooltip={`Theme: ${labels[preference]} (click for ${labels[next]})`}
      disabled={saving}
      onClick={async () => {
        const error = await setPreference(next);
        if (error) toast.error(error);
      }}
    >
      <Icon />
    </button>
  );
}
