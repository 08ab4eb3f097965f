import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Dialog, DialogActions } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toasts";
import { call } from "../../ipc/backend";
import type { CertificateDetails } from "../../ipc/bindings/CertificateDetails";
import type { Downloaded } from "../../ipc/bindings/Downloaded";
import type { DownloadFormat } from "../../ipc/bindings/DownloadFormat";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { passwordStrength } from "./strength";
import "./download.css";

/** "Download…" in a certificate's details, for the version shown. */
export function DownloadCertificate({
  vault,
  name,
  version,
  details,
}: {
  vault: VaultId;
  name: string;
  version: string | null;
  details: CertificateDetails;
}) {
  const [open, setOpen] = useState(false);
  // A pending certificate has nothing to download yet.
  if (!details.certificate) return null;
  return (
    <>
      <button
        type="button"
        className="button small"
        data-testid="download-certificate"
        onClick={() => setOpen(true)}
      >
        Download…
      </button>
      <DownloadDialog
        open={open}
        onClose={() => setOpen(false)}
        vault={vault}
        name={name}
        version={version}
        exportable={details.policy?.exportable !== false}
        storedAsPem={details.policy?.content_type === "application/x-pem-file"}
      />
    </>
  );
}

type Choice = { format: DownloadFormat; label: string; note: string };

const WITHOUT_KEY: Choice[] = [
  { format: "Cer", label: "CER", note: "The certificate, DER (.cer)" },
  { format: "Pem", label: "PEM", note: "The certificate, PEM" },
  { format: "ChainPem", label: "PEM with chain", note: "The certificate and its chain, PEM" },
];

const WITH_KEY: Choice[] = [
  { format: "Pfx", label: "PFX", note: "Key and chain in one file (.pfx)" },
  { format: "PemWithKey", label: "PEM", note: "Key, then the certificate and chain" },
];

/** The version to download and what its policy says about it. */
type Target = {
  vault: VaultId;
  name: string;
  version: string | null;
  exportable: boolean;
  /** Key Vault keeps this secret as PEM: "as stored" is then a PFX made like the service's. */
  storedAsPem: boolean;
};

function DownloadDialog({
  open,
  onClose,
  ...target
}: Target & { open: boolean; onClose: () => void }) {
  const titleId = useId();
  return (
    <Dialog open={open} onClose={onClose} labelledBy={titleId} testId="download-dialog">
      {/* Mounted only while open: the password is dropped with the form when it closes. */}
      <DownloadForm titleId={titleId} onClose={onClose} {...target} />
    </Dialog>
  );
}

function DownloadForm({
  titleId,
  onClose,
  vault,
  name,
  version,
  exportable,
  storedAsPem,
}: Target & { titleId: string; onClose: () => void }) {
  const toast = useToast();
  const [withKey, setWithKey] = useState(exportable);
  const [format, setFormat] = useState<DownloadFormat>(exportable ? "Pfx" : "Cer");
  const [asStored, setAsStored] = useState(false);
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const ids = { password: useId(), confirm: useId(), strength: useId() };

  const choices = withKey ? WITH_KEY : WITHOUT_KEY;
  const sent: DownloadFormat = format === "Pfx" && asStored ? "PfxAsStored" : format;
  const protects = withKey && !(format === "Pfx" && asStored);
  const required = format === "Pfx" && !asStored;
  const strength = password ? passwordStrength(password) : null;
  const mismatch = confirm !== "" && confirm !== password;
  const ready =
    (!required || password !== "") && (!protects || (password === confirm && !mismatch));

  const save = useMutation<Downloaded | null, AppError>({
    mutationFn: () =>
      call("download_certificate", {
        vault,
        name,
        version,
        format: sent,
        password: protects && password ? password : null,
      }),
    onSuccess: (done) => {
      if (!done) return; // the save dialog was cancelled: stay here
      toast.info(`Saved ${done.path}: ${done.summary}`);
      onClose();
    },
  });

  const pickKey = (key: boolean) => {
    setWithKey(key);
    setFormat(key ? "Pfx" : "Cer");
    save.reset();
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (ready && !save.isPending) save.mutate();
      }}
    >
      <div className="dialog-body form download-form">
        <h2 id={titleId}>Download “{name}”</h2>
        <fieldset className="radio-row" aria-label="Private key">
          <label>
            <input
              type="radio"
              name="key"
              checked={!withKey}
              onChange={() => pickKey(false)}
              data-testid="download-without-key"
            />
            Certificate only
          </label>
          <label>
            <input
              type="radio"
              name="key"
              checked={withKey}
              disabled={!exportable}
              onChange={() => pickKey(true)}
              data-testid="download-with-key"
            />
            With the private key
          </label>
        </fieldset>
        {!exportable && (
          <p className="download-note" data-testid="download-not-exportable">
            This certificate's key is not exportable: Key Vault never hands it out (nor an HSM key).
            You can download the certificate and its chain.
          </p>
        )}
        <fieldset className="radio-row" aria-label="Format">
          {choices.map((choice) => (
            <label key={choice.format} title={choice.note}>
              <input
                type="radio"
                name="format"
                checked={format === choice.format}
                onChange={() => setFormat(choice.format)}
                data-testid={`download-format-${choice.format}`}
              />
              {choice.label}
            </label>
          ))}
        </fieldset>
        <p className="download-hint">{choices.find((c) => c.format === format)?.note}</p>
        {withKey && format === "Pfx" && (
          <label className="check">
            <input
              type="checkbox"
              checked={asStored}
              onChange={(event) => setAsStored(event.target.checked)}
              data-testid="download-as-stored"
            />
            {storedAsPem
              ? "Without a password (3DES, as Key Vault writes a PFX)"
              : "Save as Key Vault stores it (no password)"}
          </label>
        )}
        {withKey && !protects && (
          <p className="download-warning" role="note" data-testid="download-no-password-warning">
            The file will hold the private key with no password (3DES, as Key Vault returns it):
            anyone who can read the file has the key.
          </p>
        )}
        {protects && (
          <>
            <div className="field">
              <label htmlFor={ids.password}>
                Password{format === "PemWithKey" && " (leave empty for an unencrypted key)"}
              </label>
              <input
                id={ids.password}
                type="password"
                autoComplete="new-password"
                value={password}
                aria-describedby={ids.strength}
                onChange={(event) => setPassword(event.target.value)}
                data-testid="download-password"
              />
              <small id={ids.strength} data-testid="download-strength" data-level={strength?.level}>
                {strength?.hint ??
                  (required ? "Protects the key: you will need it to open the file." : "")}
              </small>
            </div>
            <div className="field">
              <label htmlFor={ids.confirm}>Confirm password</label>
              <input
                id={ids.confirm}
                type="password"
                autoComplete="new-password"
                value={confirm}
                aria-invalid={mismatch}
                onChange={(event) => setConfirm(event.target.value)}
                data-testid="download-confirm-password"
              />
              {mismatch && <small className="field-error">The passwords differ.</small>}
            </div>
            {format === "PemWithKey" && password === "" && (
              <p className="download-warning" role="note">
                Without a password the key is written unencrypted.
              </p>
            )}
          </>
        )}
        {save.error && <ErrorMessage error={save.error} />}
      </div>
      <DialogActions onCancel={onClose}>
        <button
          type="submit"
          className="button primary"
          disabled={!ready || save.isPending}
          data-testid="download-save"
        >
          {save.isPending ? "Saving…" : "Save…"}
        </button>
      </DialogActions>
    </form>
  );
}
