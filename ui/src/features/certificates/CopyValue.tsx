import { CopyIcon } from "../../components/icons";
import { useCopy } from "../../components/useCopy";

/** A long value (a thumbprint, an id) in monospace with a copy button. */
export function CopyValue({ what, value }: { what: string; value: string }) {
  const copy = useCopy();
  return (
    <span className="copy-value">
      <span className="mono">{value}</span>
      <button
        type="button"
        className="button icon-button ghost small"
        aria-label={`Copy ${what}`}
        data-tooltip={`Copy ${what}`}
        onClick={() => copy(what, value)}
      >
        <CopyIcon />
      </button>
    </span>
  );
}
