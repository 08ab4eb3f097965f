import { Dialog } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useAboutInfo } from "./useAboutInfo";

export function AboutDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const about = useAboutInfo(open);

  return (
    <Dialog open={open} onClose={onClose} labelledBy="about-title" testId="about-dialog">
      <div className="dialog-body">
        <div className="about-head">
          <img src="/certdeck.svg" alt="" />
          <div>
            <h2 id="about-title">CertDeck</h2>
            <p className="muted">Azure Key Vault certificates across many vaults</p>
          </div>
        </div>
        {about.isPending && (
          <p aria-busy="true">
            <span className="skeleton" /> <span className="visually-hidden">Loading versions…</span>
          </p>
        )}
        {about.error && <ErrorMessage error={about.error} />}
        {about.data && (
          <dl className="facts" data-testid="about-versions">
            <dt>Version</dt>
            <dd data-testid="app-version">
              {about.data.app_version} ({about.data.commit})
            </dd>
            <dt>Tauri</dt>
            <dd data-testid="tauri-version">{about.data.tauri_version}</dd>
            <dt>{about.data.webview_engine}</dt>
            <dd data-testid="webview-version">{about.data.webview_version}</dd>
            <dt>System</dt>
            <dd>
              {about.data.os} ({about.data.arch})
            </dd>
          </dl>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
