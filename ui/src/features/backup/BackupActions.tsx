import { useState } from "react";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { BackupDialog } from "./BackupDialog";
import { CopyDialog } from "./CopyDialog";
import "./backup.css";

/** "Back up…" and "Copy to vault…" in a certificate's details. */
export function BackupActions({ vault, name }: { vault: VaultEntry; name: string }) {
  const [open, setOpen] = useState<"backup" | "copy" | null>(null);
  const close = () => setOpen(null);
  return (
    <>
      <button
        type="button"
        className="button small"
        data-testid="backup-certificate"
        onClick={() => setOpen("backup")}
      >
        Back up…
      </button>
      <button
        type="button"
        className="button small"
        data-testid="copy-certificate"
        onClick={() => setOpen("copy")}
      >
        Copy to vault…
      </button>
      <BackupDialog vault={vault} name={name} open={open === "backup"} onClose={close} />
      <CopyDialog vault={vault} name={name} open={open === "copy"} onClose={close} />
    </>
  );
}
