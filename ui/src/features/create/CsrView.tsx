import { useId } from "react";
import { CopyIcon, DownloadIcon } from "../../components/icons";
import { useToast } from "../../components/Toasts";
import { useCopy } from "../../components/useCopy";
import { backend } from "../../ipc/backend";

/** The certificate signing request as PEM, to copy or save for the certificate authority. */
export function CsrView({ name, csr }: { name: string; csr: string }) {
  const id = useId();
  const copy = useCopy();
  const toast = useToast();
  const save = () =>
    backend.saveTextFile(`${name}.csr`, csr).then((path) => {
      if (path) toast.info(`Saved the CSR to ${path}`);
    }, toast.error);
  return (
    <div className="csr">
      <div className="csr-head">
        <span id={id} className="csr-title">
          Certificate signing request (PEM)
        </span>
        <button
          type="button"
          className="button small"
          data-testid="csr-copy"
          onClick={() => copy("CSR", csr)}
        >
          <CopyIcon />
          Copy
        </button>
        <button type="button" className="button small" data-testid="csr-save" onClick={save}>
          <DownloadIcon />
          Save…
        </button>
      </div>
      <textarea
        className="mono csr-pem"
        data-testid="csr"
        aria-labelledby={id}
        readOnly
        rows={8}
        spellCheck={false}
        value={csr}
        onFocus={(event) => event.target.select()}
      />
    </div>
  );
}
