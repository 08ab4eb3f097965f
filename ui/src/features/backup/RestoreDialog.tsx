import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Dialog } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import { call } from "../../ipc/backend";
import type { BackupFileInfo } from "../../ipc/bindings/BackupFileInfo";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { type AppError, toAppError } from "../../ipc/errors";
import { certificatesChanged } from "../certificates/changes";
import { isLocal } from "../vaults/useVaults";
import { CertificateLink, DialogFooter } from "./DialogFooter";
import { formatSize } from "./files";
import "./backup.css";

/** A file as the confirmation shows it: described, or refused before any restore. */
type Described = { path: string } & ({ info: BackupFileInfo } | { error: AppError });

/** One file's restore: the restored row, or why the vault refused it. */
type Restored = { path: string } & ({ row: CertificateSummary } | { error: AppError });

/**
 * Restoring dropped or picked `.kvbackup` files into `vault`: what each file is (as far as
 * anyone can tell: the blob is encrypted by Key Vault), then each restore's result.
 */
export function RestoreDialog({
  vault,
  paths,
  onClose,
}: {
  vault: VaultEntry;
  paths: string[];
  onClose: () => void;
}) {
  const titleId = useId();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<Restored[]>([]);
  const files = useQuery<Described[]>({
    queryKey: ["backup-files", ...paths],
    queryFn: () =>
      Promise.all(
        paths.map((path) =>
          call("inspect_backup", { path }).then(
            (info) => ({ path, info }),
            (err: unknown) => ({ path, error: toAppError(err) }),
          ),
        ),
      ),
    staleTime: 0,
    gcTime: 0,
  });
  const readable = (files.data ?? []).filter((file) => "info" in file);
  const restore = useMutation<void, AppError>({
    mutationFn: async () => {
      for (const { path } of readable) {
        const result = await call("restore_backup", { vault: vault.id, path }).then(
          (row): Restored => {
            certificatesChanged(queryClient, vault.id, [row]);
            return { path, row };
          },
          (err: unknown): Restored => ({ path, error: toAppError(err) }),
        );
        setDone((earlier) => [...earlier, result]);
      }
    },
  });
  const finished = restore.isSuccess;
  const resultOf = (path: string) => done.find((result) => result.path === path);

  return (
    <Dialog open onClose={onClose} labelledBy={titleId} testId="restore-dialog">
      <div className="dialog-body">
        <h2 id={titleId}>
          Restore into {vault.name}
          {finished ? "" : "?"}
        </h2>
        <p className="backup-rule">
          {isLocal(vault)
            ? "The local vault restores backups made by any vault of the same local vault server. "
            : "Key Vault restores a backup only into a vault of the same Azure subscription and geography as the vault it came from. "}
          Every version returns with its key, policy and tags, under the name it was backed up with,
          which must be free in {vault.name}.
        </p>
        {files.isPending && <span className="skeleton" aria-busy="true" />}
        <ul className="backup-files">
          {(files.data ?? []).map((file) => (
            <li key={file.path} className="backup-file" data-testid="restore-file">
              <span className="backup-file-name">
                {"info" in file ? file.info.file_name : file.path}
              </span>
              {"error" in file ? (
                <ErrorMessage error={file.error} />
              ) : (
                <FileOutcome
                  info={file.info}
                  vault={vault}
                  result={resultOf(file.path)}
                  onOpen={onClose}
                />
              )}
            </li>
          ))}
        </ul>
        {restore.isPending && (
          <p aria-live="polite" data-testid="restore-progress">
            Restoring {Math.min(done.length + 1, readable.length)} of {readable.length}…
          </p>
        )}
      </div>
      <DialogFooter done={finished} onClose={onClose}>
        <button
          type="button"
          className="button primary"
          data-testid="restore-confirm"
          disabled={readable.length === 0 || restore.isPending}
          onClick={() => restore.mutate()}
        >
          Restore
        </button>
      </DialogFooter>
    </Dialog>
  );
}

/** What a file is before the restore, and what came of it after. */
function FileOutcome({
  info,
  vault,
  result,
  onOpen,
}: {
  info: BackupFileInfo;
  vault: VaultEntry;
  result: Restored | undefined;
  onOpen: () => void;
}) {
  if (result && "row" in result) {
    return (
      <output className="backup-done" data-testid="restore-result">
        Restored {result.row.name}.
        <CertificateLink vault={vault.id} name={result.row.name} onClick={onOpen}>
          Show it
        </CertificateLink>
      </output>
    );
  }
  if (result && "error" in result) return <ErrorMessage error={result.error} />;
  return (
    <span className="muted">
      {formatSize(info.size)}.{" "}
      {info.likely_name
        ? `Named after the certificate ${info.likely_name}; `
        : "The file's name is not a certificate name; "}
      the name inside is encrypted by Key Vault, so it shows only once restored.
    </span>
  );
}
