import { type ReactNode, useEffect, useRef } from "react";

/** A modal built on <dialog>: focus moves in, Esc closes, focus returns where it was. */
export function Dialog({
  open,
  onClose,
  labelledBy,
  testId,
  className,
  children,
}: {
  open: boolean;
  onClose: () => void;
  labelledBy: string;
  testId?: string;
  /** Added to `dialog`, for a dialog shaped otherwise (the import panel). */
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal?.();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : "dialog"}
      aria-labelledby={labelledBy}
      data-testid={testId}
      // React hands a nested dialog's close to its ancestors too: only this one's closes this.
      onClose={(event) => event.target === event.currentTarget && onClose()}
    >
      {open && children}
    </dialog>
  );
}

/** A dialog's footer: Cancel, then the buttons of what the dialog asks for. */
export function DialogActions({
  onCancel,
  cancelLabel = "Cancel",
  children,
}: {
  onCancel: () => void;
  cancelLabel?: string;
  children?: ReactNode;
}) {
  return (
    <div className="dialog-actions">
      <button type="button" className="button" onClick={onCancel}>
        {cancelLabel}
      </button>
      {children}
    </div>
  );
}
