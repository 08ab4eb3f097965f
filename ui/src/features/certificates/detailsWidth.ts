import { type RefObject, useState } from "react";
import { useWidth } from "../../components/useWidth";

const STORAGE_KEY = "certdeck.details-width";
/** The details pane's narrowest width, and the one it opens at until the user drags it. */
export const DETAILS_MIN = 300;
export const DETAILS_DEFAULT = 400;
/** What the table keeps beside the pane: name, status, expiry and actions unscrolled, with room to spare. */
export const TABLE_MIN = 560;
/** The splitter's own width (splitter.css). */
const SPLITTER_WIDTH = 12;

function storedWidth(): number {
  const width = Number(localStorage.getItem(STORAGE_KEY));
  return Number.isFinite(width) && width > 0 ? width : DETAILS_DEFAULT;
}

/**
 * The details pane's width beside a table in `body`: the one last chosen (kept across
 * restarts), bounded so the table keeps TABLE_MIN. A narrower window shrinks the pane without
 * forgetting the choice.
 */
export function useDetailsWidth(body: RefObject<HTMLElement | null>) {
  const bodyWidth = useWidth(body);
  const [chosen, setChosen] = useState(storedWidth);
  const max = Math.max(DETAILS_MIN, bodyWidth - TABLE_MIN - SPLITTER_WIDTH);
  const onChange = (width: number) => {
    setChosen(width);
    localStorage.setItem(STORAGE_KEY, String(width));
  };
  return { value: Math.min(max, Math.max(DETAILS_MIN, chosen)), min: DETAILS_MIN, max, onChange };
}
