// A certificate's versions on one time axis: where each bar sits, the ticks under it, and the
// renewal the policy's AutoRenew action would start for the current version.
import type { CertificatePolicy } from "../../ipc/bindings/CertificatePolicy";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import { firesAt } from "../policy/policy";

const DAY = 86_400;

/** The span the axis shows, Unix seconds. */
export interface Axis {
  start: number;
  end: number;
}

/** When the policy renews the current version by itself, Unix seconds; null: none planned. */
export function nextRenewal(
  policy: CertificatePolicy,
  current: CertificateSummary | undefined,
): number | null {
  const renew = policy.lifetime_actions?.find((action) => action.action === "AutoRenew");
  if (!renew || current?.not_before == null || current.expires == null) return null;
  return firesAt(renew, { not_before: current.not_before, expires: current.expires });
}

/** Every version's validity and the `marks` (today, the renewal), with a little room around. */
export function axisFor(versions: CertificateSummary[], marks: number[]): Axis {
  const times = [
    ...versions.flatMap((v) => [v.not_before, v.expires]).filter((t): t is number => t !== null),
    ...marks,
  ];
  const start = Math.min(...times);
  const end = Math.max(...times);
  const pad = Math.max((end - start) * 0.03, DAY);
  return { start: start - pad, end: end + pad };
}

/** Where `t` falls along the axis, in percent. */
export const at = (axis: Axis, t: number) => ((t - axis.start) / (axis.end - axis.start)) * 100;

const yearFormat = new Intl.DateTimeFormat(undefined, { year: "numeric" });
const monthFormat = new Intl.DateTimeFormat(undefined, { month: "short", year: "numeric" });

/**
 * Labelled ticks, few enough for a narrow pane: each new year on a span of two years or more,
 * every half year on a span over ten months, else every quarter.
 */
export function ticks(axis: Axis): { at: number; label: string }[] {
  const span = (axis.end - axis.start) / (365.25 * DAY);
  const years = span >= 2;
  const step = years ? 12 : span > 10 / 12 ? 6 : 3;
  const first = new Date(axis.start * 1000);
  let month = Math.ceil((first.getMonth() + 1) / step) * step;
  const out: { at: number; label: string }[] = [];
  for (;;) {
    const date = new Date(first.getFullYear(), month, 1);
    const t = date.getTime() / 1000;
    if (t > axis.end) return out;
    if (t >= axis.start) {
      out.push({ at: t, label: (years ? yearFormat : monthFormat).format(date) });
    }
    month += step;
  }
}
