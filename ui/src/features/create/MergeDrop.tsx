import { useQueryClient } from "@tanstack/react-query";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { useCallback, useEffect, useRef, useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { FileIcon, UploadIcon } from "../../components/icons";
import { useToast } from "../../components/Toasts";
import { backend, call } from "../../ipc/backend";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { MergePlan } from "../../ipc/bindings/MergePlan";
import type { OpenedFileInfo } from "../../ipc/bindings/OpenedFileInfo";
import type { VaultId } from "../../ipc/bindings/VaultId";
import { type AppError, toAppError } from "../../ipc/errors";
import { certificatesChanged } from "../certificates/changes";
import { useDropClaim } from "../import/ImportProvider";

interface MergeState {
  files: OpenedFileInfo[];
  plan: MergePlan | null;
  busy: "opening" | "planning" | "merging" | null;
  error: AppError | null;
}

const empty: MergeState = { files: [], plan: null, busy: null, error: null };

const closeFiles = (files: OpenedFileInfo[]) => {
  // Nothing to tell the user if this fails: the files are gone from the view either way.
  if (files.length > 0) backend.closeFiles(files.map((file) => file.id)).catch(() => {});
};

/**
 * Merging the certificate a CA signed for the CSR: files dropped anywhere on the window while
 * this is shown (or chosen) are opened and judged by plan_merge before anything is sent.
 */
export function MergeDrop({
  vault,
  name,
  onMerged,
}: {
  vault: VaultId;
  name: string;
  onMerged?: (certificate: CertificateSummary) => void;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [state, setState] = useState<MergeState>(empty);
  // What is open right now, for the unmount to close; the latest files dropped win.
  const open = useRef<OpenedFileInfo[]>([]);
  const generation = useRef(0);
  const dragging = useDragging();

  useEffect(
    () => () => {
      generation.current++;
      closeFiles(open.current);
    },
    [],
  );

  const take = useCallback(
    async (paths: string[]) => {
      if (paths.length === 0) return;
      const mine = ++generation.current;
      closeFiles(open.current);
      open.current = [];
      setState({ ...empty, busy: "opening" });
      const files: OpenedFileInfo[] = [];
      try {
        for (const path of paths) files.push(await backend.openFile(path, null));
      } catch (err) {
        closeFiles(files);
        if (mine === generation.current) setState({ ...empty, error: toAppError(err) });
        return;
      }
      if (mine !== generation.current) return closeFiles(files);
      open.current = files;
      setState({ ...empty, files, busy: "planning" });
      try {
        const plan = await call("plan_merge", { vault, name, files: files.map((f) => f.id) });
        if (mine === generation.current) setState({ ...empty, files, plan });
      } catch (err) {
        if (mine === generation.current) setState({ ...empty, files, error: toAppError(err) });
      }
    },
    [vault, name],
  );

  useDropClaim({
    label: `Drop to merge into ${name}`,
    detail:
      "The certificate your CA signed for the CSR (CER, PEM or P7B, with or without its chain) is checked before anything is sent.",
    onDrop: (paths) => void take(paths),
  });

  const choose = () => backend.pickFiles().then((paths) => take(paths), toast.error);

  const merge = async () => {
    const files = state.files;
    setState((current) => ({ ...current, busy: "merging", error: null }));
    try {
      const certificate = await call("merge_certificate", {
        vault,
        name,
        files: files.map((f) => f.id),
      });
      open.current = [];
      closeFiles(files);
      setState(empty);
      certificatesChanged(queryClient, vault, [certificate]);
      toast.info(`Merged: ${certificate.name} is issued`);
      onMerged?.(certificate);
    } catch (err) {
      setState((current) => ({ ...current, busy: null, error: toAppError(err) }));
    }
  };

  const { plan, busy, files, error } = state;
  return (
    <section className="merge" aria-label="Merge the signed certificate" data-testid="merge">
      <div className="merge-zone" data-testid="merge-zone" data-dragging={dragging}>
        <UploadIcon />
        <div>
          <strong>Drop the signed certificate anywhere on the window</strong>
          <span className="muted">
            CER, PEM or P7B, with or without its chain. It is checked against the CSR first.
          </span>
        </div>
        <button type="button" className="button small" onClick={choose} disabled={busy !== null}>
          Choose file…
        </button>
      </div>
      {busy && busy !== "merging" && (
        <p className="muted" aria-busy="true" data-testid="merge-busy">
          {busy === "opening" ? "Opening the files…" : "Checking them against the CSR…"}
        </p>
      )}
      {files.length > 0 && (
        <ul className="merge-files" aria-label="Files to merge">
          {files.map((file) => (
            <li key={file.id}>
              <FileIcon />
              {file.file_name}
            </li>
          ))}
        </ul>
      )}
      {plan && <MergePlanView plan={plan} />}
      {error && <ErrorMessage error={error} />}
      {files.length > 0 && (
        <div className="merge-actions">
          <button
            type="button"
            className="button primary"
            data-testid="merge-button"
            disabled={!plan?.ready || busy !== null}
            onClick={merge}
          >
            {busy === "merging" ? "Merging…" : "Merge"}
          </button>
        </div>
      )}
    </section>
  );
}

/**
 * Files are dragged over the window. The shell's overlay says so too, but a modal dialog (the
 * new-certificate one) sits above it: the zone lights up itself.
 */
function useDragging() {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let gone = false;
    let stop: (() => void) | null = null;
    getCurrentWebview()
      .onDragDropEvent(({ payload }) =>
        setDragging(payload.type === "enter" || payload.type === "over"),
      )
      .then(
        (unlisten) => {
          if (gone) unlisten();
          else stop = unlisten;
        },
        () => {},
      );
    return () => {
      gone = true;
      stop?.();
    };
  }, []);
  return dragging;
}

/** What merging would send, and why it cannot when it cannot. */
function MergePlanView({ plan }: { plan: MergePlan }) {
  return (
    <div className="merge-plan" data-testid="merge-plan" data-ready={plan.ready}>
      {plan.problems.length > 0 && (
        <div className="merge-problems" role="alert" data-testid="merge-problems">
          <strong>Cannot merge: nothing was sent.</strong>
          <ul>
            {plan.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {plan.chain.length > 0 && (
        <div>
          <span className="muted">{plan.ready ? "Sends, leaf first:" : "The files hold:"}</span>
          <ol className="merge-chain" data-testid="merge-chain">
            {plan.chain.map((subject, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a chain may repeat a subject
              <li key={index} className="mono">
                {subject}
              </li>
            ))}
          </ol>
        </div>
      )}
      {plan.repairs.length > 0 && (
        <ul className="merge-repairs" data-testid="merge-repairs" aria-label="Repairs">
          {plan.repairs.map((repair) => (
            <li key={repair}>{repair}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
