/**
 * Below this width (a 1366 px screen at 200 % zoom is ~680 CSS px) the sidebar lies over the
 * view and a certificate's details take the table's place; styles.css and browser.css use the
 * same width.
 */
export const NARROW_WINDOW = "(max-width: 820px)";

export const isNarrowWindow = () => window.matchMedia?.(NARROW_WINDOW).matches ?? false;
