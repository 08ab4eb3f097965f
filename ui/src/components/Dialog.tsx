import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { focusReturnTarget } from "./focusReturn";

/**
 * A modal built on <dialog>: showModal() makes the rest of the window inert, so Tab stays inside.
 * Esc closes it, unless something was typed in it since it opened (or last submitted): then it
 * asks first, so typed input is never lost silently. When it closes, focus goes back to the
 * control that opened it, or to that control's re-rendered twin, or to the main view.
 */
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
  const opener = useRef<Element | null>(null);
  const typed = useRef(false);
  const [askingToDiscard, setAskingToDiscard] = useState(false);
  const typingIn = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      typed.current = false;
      setAskingToDiscard(false);
      dialog.showModal?.();
    }
    if (!open && dialog.open) dialog.close();
    if (!open && opener.current) {
      focusReturnTarget(opener.current)?.focus();
      opener.current = null;
    }
  }, [open]);

  // A dialog unmounted while open (its owner went away) still hands focus back.
  useEffect(
    () => () => {
      if (opener.current) focusReturnTarget(opener.current)?.focus();
    },
    [],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    // Only this dialog's own Esc: a nested dialog or a menu inside handles its own.
    if (event.key !== "Escape" || event.defaultPrevented) return;
    if ((event.target as Element).closest("dialog") !== event.currentTarget) return;
    // The browser's own cancel would close at once (and, after a second Esc, unconditionally).
    event.preventDefault();
    if (askingToDiscard) keepEditing();
    else if (typed.current) {
      typingIn.current = document.activeElement as HTMLElement | null;
      setAskingToDiscard(true);
    } else ref.current?.close();
  };
  const keepEditing = () => {
    setAskingToDiscard(false);
    typingIn.current?.focus();
  };

  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : "dialog"}
      aria-labelledby={labelledBy}
      data-testid={testId}
      onKeyDown={onKeyDown}
      onInput={(event) => {
        // A search box filters what is shown; it holds nothing to lose.
        if ((event.target as HTMLInputElement).type !== "search") typed.current = true;
      }}
      onSubmit={() => {
        typed.current = false;
      }}
      // Esc pressed with focus outside any control (after a click on the dialog's text) reaches
      // the dialog only as the browser's cancel: typed input is kept there too.
      onCancel={(event) => {
        if (event.target !== event.currentTarget || !typed.current) return;
        event.preventDefault();
        setAskingToDiscard(true);
      }}
      // React hands a nested dialog's close to its ancestors too: only this one's closes this.
      onClose={(event) => event.target === event.currentTarget && onClose()}
    >
      {open && children}
      {open && askingToDiscard && (
        <DiscardPrompt onKeep={keepEditing} onDiscard={() => ref.current?.close()} />
      )}
    </dialog>
  );
}

function DiscardPrompt({ onKeep, onDiscard }: { onKeep: () => void; onDiscard: () => void }) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div className="dialog-discard" role="alert" data-testid="discard-prompt">
      <span>Close and discard what you typed?</span>
      <button ref={keep} type="button" className="button" onClick={onKeep}>
        Keep editing
      </button>
      <button type="button" className="button danger" onClick={onDiscard}>
        Discard
      </button>
    </div>
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
