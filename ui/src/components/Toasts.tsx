import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import type { AppError } from "../ipc/errors";
import { ErrorMessage } from "./ErrorMessage";
import { CloseIcon } from "./icons";

type Toast = { id: number } & ({ error: AppError } | { info: string });

interface ToastApi {
  /** Shows an error that has no better place to appear (no form or panel the user acted in). */
  error: (error: AppError) => void;
  /** Confirms an action whose result is not otherwise visible (a copy, a saved file). */
  info: (message: string) => void;
}

const ToastContext = createContext<ToastApi | null>(null);
// A confirmation goes away on its own; an error stays until closed, so it can be read in full.
const INFO_MS = 4000;
let nextId = 1;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);
  const api = useMemo<ToastApi>(() => {
    const show = (content: { error: AppError } | { info: string }) => {
      const id = nextId++;
      setToasts((current) => [...current.slice(-3), { id, ...content }]);
      if ("info" in content) window.setTimeout(() => dismiss(id), INFO_MS);
    };
    return { error: (error) => show({ error }), info: (info) => show({ info }) };
  }, [dismiss]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <section className="toasts" aria-live="polite" aria-label="Notifications">
        {toasts.map((toast) => (
          <div key={toast.id} className="toast" data-testid="toast">
            {"error" in toast ? (
              <ErrorMessage error={toast.error} />
            ) : (
              <output className="toast-info">{toast.info}</output>
            )}
            <button
              type="button"
              className="button icon-button"
              aria-label="Dismiss"
              onClick={() => dismiss(toast.id)}
            >
              <CloseIcon />
            </button>
          </div>
        ))}
      </section>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast needs a ToastProvider");
  return api;
}
