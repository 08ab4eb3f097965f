import {
  type KeyboardEvent,
  type RefObject,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import { createPortal } from "react-dom";
import { MoreIcon } from "./icons";
import "./menu.css";

export interface MenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  danger?: boolean;
}

export interface Point {
  x: number;
  y: number;
}

/**
 * A popup menu at a point (under a button, or where the user right-clicked). It takes focus,
 * moves with the arrow keys and closes on Esc, Tab, a choice or a click elsewhere.
 */
export function MenuPopup({
  label,
  items,
  at,
  onClose,
  trigger,
}: {
  label: string;
  items: MenuItem[];
  at: Point;
  onClose: () => void;
  /** Clicks on the button that opened the menu toggle it instead of closing and reopening. */
  trigger?: RefObject<HTMLElement | null>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState(at);

  // Keep the menu inside the window, e.g. when opened from a row near the bottom.
  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    setPosition({
      x: Math.max(4, Math.min(at.x, window.innerWidth - menu.offsetWidth - 4)),
      y: Math.max(4, Math.min(at.y, window.innerHeight - menu.offsetHeight - 4)),
    });
    menu.querySelector<HTMLElement>("[role=menuitem]:not(:disabled)")?.focus();
  }, [at]);

  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!ref.current?.contains(target) && !trigger?.current?.contains(target)) onClose();
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [onClose, trigger]);

  const onKeyDown = (event: KeyboardEvent) => {
    const enabled = [
      ...(ref.current?.querySelectorAll<HTMLElement>("[role=menuitem]:not(:disabled)") ?? []),
    ];
    const index = enabled.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => enabled[(to + enabled.length) % enabled.length]?.focus();
    if (event.key === "ArrowDown") move(index + 1);
    else if (event.key === "ArrowUp") move(index - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(enabled.length - 1);
    else if (event.key === "Escape" || event.key === "Tab") onClose();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return createPortal(
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      className="menu"
      style={{ left: position.x, top: position.y }}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={item.danger ? "menu-item danger" : "menu-item"}
          disabled={item.disabled}
          onClick={() => {
            onClose();
            item.onSelect();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>,
    document.body,
  );
}

/** A "…" button that opens a menu under itself and gives focus back when it closes. */
export function MenuButton({
  label,
  items,
  className = "",
}: {
  label: string;
  items: MenuItem[];
  className?: string;
}) {
  const [at, setAt] = useState<Point | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setAt(null);
    button.current?.focus();
  }, []);
  return (
    <>
      <button
        ref={button}
        type="button"
        className={`button icon-button ghost ${className}`}
        aria-label={label}
        data-tooltip={label}
        aria-haspopup="menu"
        aria-expanded={at !== null}
        onClick={(event) => {
          const rect = event.currentTarget.getBoundingClientRect();
          setAt((open) => (open ? null : { x: rect.left, y: rect.bottom + 4 }));
        }}
        // Enter and Space click; ArrowDown opens too, as in a menu bar.
        onKeyDown={(event) => {
          if (event.key !== "ArrowDown" || at) return;
          event.preventDefault();
          const rect = event.currentTarget.getBoundingClientRect();
          setAt({ x: rect.left, y: rect.bottom + 4 });
        }}
      >
        <MoreIcon />
      </button>
      {at && <MenuPopup label={label} items={items} at={at} onClose={close} trigger={button} />}
    </>
  );
}
