import type { ReactNode } from "react";
import { Link } from "react-router";
import { GearIcon, InfoIcon } from "../components/icons";
import { ThemeToggle } from "./ThemeToggle";

export function Header({ title, onAbout }: { title: ReactNode; onAbout: () => void }) {
  return (
    <header className="header">
      <h1>{title}</h1>
      <ThemeToggle />
      <Link
        to="/settings"
        className="button icon-button"
        aria-label="Settings"
        data-tooltip="Settings (Ctrl+,)"
      >
        <GearIcon />
      </Link>
      <button
        type="button"
        className="button icon-button"
        onClick={onAbout}
        aria-label="About CertDeck"
        data-tooltip="About CertDeck (F1)"
      >
        <InfoIcon />
      </button>
    </header>
  );
}
