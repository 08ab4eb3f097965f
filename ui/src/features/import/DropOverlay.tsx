import { UploadIcon } from "../../components/icons";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import type { DropClaim } from "./ImportProvider";

/** Where a drop goes: the vault on screen, else the first vault (`first`). */
export interface DropTarget {
  vault: VaultEntry;
  first: boolean;
}

/**
 * Covers the window while files are dragged over it, naming the vault they would go to, or
 * the view that claims them.
 */
export function DropOverlay({
  target,
  claim = null,
}: {
  target: DropTarget | null;
  claim?: Pick<DropClaim, "label" | "detail"> | null;
}) {
  return (
    <div className="drop-overlay" data-testid="drop-overlay">
      <div className="drop-card">
        <UploadIcon />
        {claim ? (
          <>
            <strong>{claim.label}</strong>
            <span>{claim.detail}</span>
          </>
        ) : target ? (
          <>
            <strong>Drop to import into {target.vault.name}</strong>
            <span>
              {target.first
                ? "No vault is open, so the files go to your first vault."
                : "Each file is read and explained here first; nothing is sent until you import."}
            </span>
          </>
        ) : (
          <>
            <strong>Add a vault first</strong>
            <span>Certificates are imported into a vault: add one, then drop the files again.</span>
          </>
        )}
      </div>
    </div>
  );
}
