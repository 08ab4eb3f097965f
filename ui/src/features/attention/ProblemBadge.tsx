import type { Kind } from "./problems";
import { kindLabels, kindTones } from "./problems";

/** What each tone's colour says, for those who do not see the colour. */
export const toneWords: Record<(typeof kindTones)[Kind], string> = {
  danger: "Urgent",
  warn: "Warning",
  muted: "Note",
};

/** A problem's label, coloured by how urgent it is; the urgency also said in words. */
export function ProblemBadge({ kind }: { kind: Kind }) {
  const tone = kindTones[kind];
  return (
    <>
      <span className="visually-hidden">{toneWords[tone]}: </span>
      <span className={`badge kind-${tone}`}>{kindLabels[kind]}</span>
    </>
  );
}
