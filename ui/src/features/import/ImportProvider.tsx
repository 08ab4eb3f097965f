import { useQueryClient } from "@tanstack/react-query";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useMatch, useNavigate } from "react-router";
import { useToast } from "../../components/Toasts";
import { backend } from "../../ipc/backend";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { FILES_DROPPED } from "../../ipc/commands";
import { toAppError } from "../../ipc/errors";
import { isBackupFile } from "../backup/files";
import { RestoreDialog } from "../backup/RestoreDialog";
import { certificatesChanged } from "../certificates/changes";
import { useVaults } from "../vaults/useVaults";
import { DropOverlay, type DropTarget } from "./DropOverlay";
import { ImportPanel } from "./ImportPanel";
import { ImportQueue, type SettledListener } from "./queue";

interface Importer {
  /** The native file dialog; the chosen files are queued for import into `vault`. */
  pick: (vault: VaultEntry) => void;
  /** Asks to restore `.kvbackup` files (dropped or picked) into `vault`. */
  restore: (vault: VaultEntry, paths: string[]) => void;
}

const ImporterContext = createContext<Importer | null>(null);

/** A view that takes window drops itself while it is mounted (a pending certificate's merge). */
export interface DropClaim {
  /** What the overlay says while files are dragged over the window. */
  label: string;
  detail: string;
  onDrop: (paths: string[]) => void;
}

type RegisterClaim = (claim: DropClaim) => () => void;
const DropClaimContext = createContext<RegisterClaim | null>(null);

/**
 * While the caller is mounted and `claim` is not null, dropped files go to `claim.onDrop`
 * instead of the import queue (unless the import panel is open); the latest claim wins.
 */
export function useDropClaim(claim: DropClaim | null) {
  const register = useContext(DropClaimContext);
  const latest = useRef(claim);
  useEffect(() => {
    latest.current = claim;
  });
  const label = claim?.label;
  const detail = claim?.detail;
  useEffect(() => {
    if (!register || label === undefined || detail === undefined) return;
    return register({ label, detail, onDrop: (paths) => latest.current?.onDrop(paths) });
  }, [register, label, detail]);
}

/** Starts Tauri listeners; the function returned stops them at once, even those still starting. */
function listenAll(starts: Promise<UnlistenFn>[], onError: (err: unknown) => void) {
  let stopped = false;
  const stops: UnlistenFn[] = [];
  for (const start of starts) {
    start.then((unlisten) => (stopped ? unlisten() : stops.push(unlisten)), onError);
  }
  return () => {
    stopped = true;
    for (const stop of stops) stop();
  };
}

/** Where dropped files go: the open panel's vault, else the vault on screen, else the first. */
function useDropTarget(queue: ImportQueue | null): DropTarget | null {
  const vaults = useVaults().data ?? [];
  const id = useMatch("/vaults/:id")?.params.id;
  if (queue) return { vault: queue.vault, first: false };
  const shown = vaults.find((vault) => String(vault.id) === id);
  if (shown) return { vault: shown, first: false };
  const first = vaults[0];
  return first ? { vault: first, first: true } : null;
}

/** Import from anywhere in the shell: files dropped on the window or picked, into the panel. */
export function ImportProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  // The ref is what event handlers read (a second drop must join the queue the first made);
  // the state is what renders.
  const queueRef = useRef<ImportQueue | null>(null);
  const [queue, setQueue] = useState<ImportQueue | null>(null);
  // What is dragged over the window: backups only are restored, anything else imported.
  const [dragging, setDragging] = useState<"files" | "backups" | null>(null);
  const [restoring, setRestoring] = useState<{ vault: VaultEntry; paths: string[] } | null>(null);
  const claimsRef = useRef<DropClaim[]>([]);
  const [claim, setClaim] = useState<DropClaim | null>(null);
  const registerClaim = useCallback<RegisterClaim>((claim) => {
    claimsRef.current = [...claimsRef.current, claim];
    setClaim(claim);
    return () => {
      claimsRef.current = claimsRef.current.filter((other) => other !== claim);
      setClaim(claimsRef.current.at(-1) ?? null);
    };
  }, []);
  const target = useDropTarget(queue);
  const targetRef = useRef(target);
  useEffect(() => {
    targetRef.current = target;
  });

  // The new certificates show in their vault, the last one selected with its details open.
  const settled = useCallback<SettledListener>(
    (vault, imported) => {
      certificatesChanged(queryClient, vault.id, imported);
      const last = imported.at(-1);
      if (last) navigate(`/vaults/${vault.id}?${new URLSearchParams({ cert: last.name })}`);
    },
    [queryClient, navigate],
  );

  const queueFiles = useCallback(
    (paths: string[], vault: VaultEntry) => {
      if (paths.length === 0) return;
      if (!queueRef.current) {
        queueRef.current = new ImportQueue(vault, settled);
        setQueue(queueRef.current);
      }
      queueRef.current.add(paths);
    },
    [settled],
  );

  const close = useCallback(() => {
    queueRef.current?.close();
    queueRef.current = null;
    setQueue(null);
  }, []);

  const pick = useCallback(
    (vault: VaultEntry) => {
      backend.pickFiles().then((paths) => queueFiles(paths, vault), toast.error);
    },
    [queueFiles, toast],
  );

  // Before the vault list is known there is nowhere to put files yet (those opened with
  // CertDeck come that early): they wait for it.
  const vaultsLoading = useVaults().isPending;
  const loadingRef = useRef(vaultsLoading);
  const waitingRef = useRef<string[]>([]);
  useEffect(() => {
    loadingRef.current = vaultsLoading;
  });

  const onDrop = useCallback(
    (dropped: string[]) => {
      if (loadingRef.current) {
        waitingRef.current = [...waitingRef.current, ...dropped];
        return;
      }
      // A backup is never imported (nor merged): it is restored into the vault on screen.
      const backups = dropped.filter(isBackupFile);
      const paths = dropped.filter((path) => !isBackupFile(path));
      if (backups.length > 0) {
        const to = targetRef.current;
        if (to) setRestoring({ vault: to.vault, paths: backups });
        else toast.info("Add a vault first: a backup is restored into a vault.");
        if (paths.length === 0) return;
      }
      const claim = claimsRef.current.at(-1);
      if (claim && !queueRef.current) return claim.onDrop(paths);
      const to = targetRef.current;
      if (to) queueFiles(paths, to.vault);
      else toast.info("Add a vault first: certificates are imported into a vault.");
    },
    [queueFiles, toast],
  );

  useEffect(() => {
    if (vaultsLoading || waitingRef.current.length === 0) return;
    const waiting = waitingRef.current;
    waitingRef.current = [];
    onDrop(waiting);
  }, [vaultsLoading, onDrop]);

  // Only the backend's event carries the paths: it grants exactly the files of a native drop
  // (or opened with CertDeck). The webview's own drag events just show and hide the overlay.
  useEffect(() => {
    let live = true;
    const dropped = listen<string[]>(FILES_DROPPED, (event) => onDrop(event.payload));
    // Files opened with CertDeck before anything listened (its command line) are asked for
    // once the drop listener is up, so none falls between; later ones come as drops.
    const takeOpened = () => {
      if (!live) return;
      backend.takeOpenedFiles().then((opened) => {
        if (opened.length > 0) onDrop(opened);
      }, toast.error);
    };
    // A listener that fails to start is reported by listenAll.
    dropped.then(takeOpened, () => {});
    const stop = listenAll(
      [
        dropped,
        getCurrentWebview().onDragDropEvent(({ payload }) => {
          if (payload.type === "enter") {
            const backups = payload.paths.length > 0 && payload.paths.every(isBackupFile);
            setDragging(backups ? "backups" : "files");
          } else if (payload.type === "over") setDragging((kind) => kind ?? "files");
          else setDragging(null);
        }),
      ],
      (err) => toast.error(toAppError(err)),
    );
    return () => {
      live = false;
      stop();
    };
  }, [onDrop, toast]);

  const importer = useMemo(
    () => ({
      pick,
      restore: (vault: VaultEntry, paths: string[]) => setRestoring({ vault, paths }),
    }),
    [pick],
  );
  const restoreClaim = dragging === "backups" &&
    target && {
      label: `Drop to restore into ${target.vault.name}`,
      detail: "A .kvbackup file is restored, not imported: you confirm first.",
    };
  const overlay = dragging && (
    <DropOverlay target={target} claim={restoreClaim || (queue ? null : claim)} />
  );
  return (
    <ImporterContext.Provider value={importer}>
      <DropClaimContext.Provider value={registerClaim}>{children}</DropClaimContext.Provider>
      {/* Over the panel when it is open: a modal dialog sits above everything else. */}
      {queue ? null : overlay}
      {restoring && (
        <RestoreDialog
          vault={restoring.vault}
          paths={restoring.paths}
          onClose={() => setRestoring(null)}
        />
      )}
      <ImportPanel queue={queue} onClose={close} onPick={() => queue && pick(queue.vault)}>
        {queue && overlay}
      </ImportPanel>
    </ImporterContext.Provider>
  );
}

export function useImporter(): Importer {
  const importer = useContext(ImporterContext);
  if (!importer) throw new Error("useImporter needs an ImportProvider");
  return importer;
}
