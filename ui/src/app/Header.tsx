import type { ReactNode, RefObject } from "react";
import { Link } from "react-router";
import { GearIcon, InfoIcon, KeyboardIcon, MenuIcon } from "../components/icons";
import { keysOf } from "./shortcuts";
import { ThemeToggle } from "./ThemeToggle";

export function Header({
  title,
  onAbout,
  onShortcuts,
  sidebar,
}: {
  title: ReactNode;
  onAbout: () => void;
  onShortcuts: () => void;
  /** The button that shows the sidebar over the view when the window is too narrow for both. */
  sidebar: { ref: RefObject<HTMLButtonElement | null>; shown: boolean; toggle: () => void };
}) {
  return (
    <header className="header">
      <button
        ref={sidebar.ref}
        type="button"
        className="button icon-button sidebar-toggle"
        aria-label="Vaults and views"
        aria-expanded={sidebar.shown}
        aria-controls="sidebar"
        data-tooltip="Vaults and views"
        onClick={sidebar.toggle}
      >
        <MenuIcon />
      </button>
      <h1>{title}</h1>
      <ThemeToggle />
      <Link
        to="/settings"
        className="button icon-button"
        aria-label="Settings"
        data-tooltip={`Settings (${keysOf("settings")})`}
      >
        <GearIcon />
      </Link>
      <button
        type="button"
        className="button icon-button"
        onClick={onShortcuts}
        aria-label="Keyboard shortcuts"
        data-tooltip={`Keyboard shortcuts (${keysOf("shortcuts")})`}
      >
        <KeyboardIcon />
      </button>
      <button
        type="button"
        className="button icon-button"
        onClick={onAbout}
        aria-label="About CertDeck"
        data-tooltip={`About CertDeck (${keysOf("about")})`}
      >
        <InfoIcon />
      </button>
    </header>
  );
}
