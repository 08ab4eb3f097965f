import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import { formatDate, nowSeconds } from "../certificates/dates";
import { type Axis, at, axisFor, ticks } from "./timeline";
import "./versions.css";

/** The next automatic renewal (Unix seconds), none planned, or why it is not known. */
export type Renewal = number | null | "reading" | "unreadable";

/** "Pending" while the vault is issuing the version, "Disabled" when turned off, else null. */
const stateOf = (version: CertificateSummary) =>
  version.status === "Pending" ? "Pending" : version.enabled ? null : "Disabled";

const short = (version: CertificateSummary) => version.version?.slice(0, 8) ?? "—";

function Bar({
  version,
  axis,
  current,
}: {
  version: CertificateSummary;
  axis: Axis;
  current: boolean;
}) {
  if (version.not_before === null || version.expires === null) {
    return <span className="timeline-none muted small">Pending: no validity yet</span>;
  }
  const left = at(axis, version.not_before);
  // A version still being issued is disabled until it is: say why.
  const state = stateOf(version);
  const validity = `Valid ${formatDate(version.not_before)} – ${formatDate(version.expires)}`;
  return (
    <span
      className="timeline-bar"
      style={{ left: `${left}%`, width: `${at(axis, version.expires) - left}%` }}
      data-tooltip={state ? `${validity} (${state.toLowerCase()})` : validity}
    >
      <span className="visually-hidden">{validity}</span>
      {(current || state) && (
        <span className="timeline-bar-word">
          {[current && "Current", state].filter(Boolean).join(" · ")}
        </span>
      )}
    </span>
  );
}

/**
 * Each version's validity as a bar on one time axis, newest on top: the current one marked,
 * disabled ones hatched and labelled, today and the projected renewal as lines across.
 */
export function VersionTimeline({
  versions,
  renewal,
  now = nowSeconds(),
}: {
  versions: CertificateSummary[];
  renewal: Renewal;
  now?: number;
}) {
  const newestFirst = versions.toSorted((a, b) => (b.created ?? 0) - (a.created ?? 0));
  const planned = typeof renewal === "number" ? renewal : null;
  const axis = axisFor(newestFirst, planned === null ? [now] : [now, planned]);
  const line = (t: number) => ({ left: `${at(axis, t)}%` });

  return (
    <figure className="timeline" aria-label="Version timeline" data-testid="version-timeline">
      <div className="timeline-plot">
        <ol className="timeline-rows">
          {newestFirst.map((version, index) => (
            <li
              key={version.version ?? version.id}
              className="timeline-row"
              data-testid="timeline-row"
              data-current={index === 0 || undefined}
              data-disabled={stateOf(version) === "Disabled" || undefined}
              data-pending={stateOf(version) === "Pending" || undefined}
            >
              <span className="timeline-label mono">{short(version)}</span>
              <span className="timeline-track">
                <Bar version={version} axis={axis} current={index === 0} />
                <span className="timeline-line today" style={line(now)} aria-hidden="true" />
                {index === 0 && planned !== null && (
                  <span
                    className="timeline-line renewal"
                    style={line(planned)}
                    aria-hidden="true"
                  />
                )}
              </span>
            </li>
          ))}
        </ol>
        <div className="timeline-axis" aria-hidden="true">
          {ticks(axis).map((tick) => (
            <span key={tick.at} className="timeline-tick" style={line(tick.at)}>
              {tick.label}
            </span>
          ))}
        </div>
      </div>
      <figcaption className="timeline-legend small">
        <span>
          <span className="timeline-key today" aria-hidden="true" /> Today, {formatDate(now)}
        </span>
        <span data-testid="renewal">
          {renewal === "reading" ? (
            "Reading the renewal policy…"
          ) : renewal === "unreadable" ? (
            "Next renewal unknown: the policy could not be read"
          ) : planned === null ? (
            "No renewal planned"
          ) : (
            <>
              <span className="timeline-key renewal" aria-hidden="true" />{" "}
              {planned <= now ? "Automatic renewal due now" : "Next automatic renewal"},{" "}
              {formatDate(planned)}
            </>
          )}
        </span>
      </figcaption>
    </figure>
  );
}
