import { useState } from "react";
import { useTheme } from "../../app/theme";
import { ErrorMessage } from "../../components/ErrorMessage";
import type { ThemePreference } from "../../ipc/bindings/ThemePreference";
import type { AppError } from "../../ipc/errors";
import { useAboutInfo } from "../about/useAboutInfo";
import { AccountsSection } from "../accounts/AccountsSection";

const themes: { value: ThemePreference; label: string }[] = [
  { value: "system", label: "Follow the system" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

export function SettingsPage() {
  const { preference, setPreference, saving } = useTheme();
  const [themeError, setThemeError] = useState<AppError | null>(null);
  const about = useAboutInfo();

  return (
    <div className="page">
      <section className="card" aria-labelledby="appearance-title">
        <h2 id="appearance-title" className="section-title">
          Appearance
        </h2>
        <fieldset className="radio-row" disabled={saving}>
          <legend className="visually-hidden">Theme</legend>
          {themes.map((theme) => (
            <label key={theme.value}>
              <input
                type="radio"
                name="theme"
                value={theme.value}
                checked={preference === theme.value}
                onChange={async () => setThemeError(await setPreference(theme.value))}
              />
              {theme.label}
            </label>
          ))}
        </fieldset>
        {themeError && <ErrorMessage error={themeError} />}
      </section>

      <AccountsSection />

      <section className="card" aria-labelledby="storage-title">
        <h2 id="storage-title" className="section-title">
          Storage
        </h2>
        {about.isPending && <span className="skeleton" />}
        {about.error && <ErrorMessage error={about.error} />}
        {about.data && (
          <dl className="facts">
            <dt>Settings</dt>
            <dd className="mono">{about.data.config_dir}</dd>
            <dt>Data</dt>
            <dd className="mono">{about.data.data_dir}</dd>
            <dt>Log file</dt>
            <dd className="mono">{about.data.log_file}</dd>
          </dl>
        )}
        <p className="muted">
          Set <code>CERTDECK_CONFIG_DIR</code> or <code>CERTDECK_DATA_DIR</code> to use other
          folders.
        </p>
      </section>
    </div>
  );
}
