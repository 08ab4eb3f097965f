import { type KeyboardEvent, type PointerEvent, useRef } from "react";
import "./splitter.css";

/** How far an arrow key moves the splitter, and Shift+arrow. */
export const SPLITTER_STEP = 16;
export const SPLITTER_BIG_STEP = 64;

interface SplitterProps {
  /** Its accessible name, e.g. "Resize details". */
  label: string;
  /** The id of the pane it resizes. */
  controls: string;
  /** The width of the pane to its right, in px, and the bounds of that width. */
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
}

/**
 * The bar between a view and the pane to its right. Drag it, or focus it and use the arrow
 * keys (Shift for bigger steps), Home for the narrowest pane and End for the widest.
 */
export function Splitter({ label, controls, value, min, max, onChange }: SplitterProps) {
  const drag = useRef<{ x: number; value: number } | null>(null);
  const clamp = (width: number) => Math.round(Math.min(max, Math.max(min, width)));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? SPLITTER_BIG_STEP : SPLITTER_STEP;
    // The pane is on the right: moving the bar left widens it.
    const next: Record<string, number> = {
      ArrowLeft: value + step,
      ArrowRight: value - step,
      Home: min,
      End: max,
    };
    const to = next[event.key];
    if (to === undefined) return;
    event.preventDefault();
    onChange(clamp(to));
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    event.currentTarget.focus();
    drag.current = { x: event.clientX, value };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (start) onChange(clamp(start.value + start.x - event.clientX));
  };
  const endDrag = () => {
    drag.current = null;
  };

  return (
    // A focusable separator is a widget (WAI-ARIA window splitter); <hr> cannot be one.
    // biome-ignore lint/a11y/useSemanticElements: see above
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      data-testid="splitter"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onLostPointerCapture={endDrag}
    />
  );
}
