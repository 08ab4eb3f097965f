import type { Bucket } from "./expiry";

const WIDTH = 780;
const HEIGHT = 150;
const BAR_AREA = 100;
const TOP = 20;

/**
 * The bar's colour in words: this month amber, later months neutral (the overdue red bar's
 * label already says "Overdue").
 */
const kindOf = (bucket: Bucket, index: number) =>
  bucket.overdue ? "overdue" : index === 1 ? "soon" : "later";
const kindWords = { overdue: "", soon: " (this month)", later: "" };

/** A bar as read aloud and on hover, e.g. "December 2026 (this month): 2 certificates". */
export function bucketText(bucket: Bucket, index: number) {
  const plural = bucket.count === 1 ? "" : "s";
  return `${bucket.longLabel}${kindWords[kindOf(bucket, index)]}: ${bucket.count} certificate${plural}`;
}

/** Bars per month for the next year, with the overdue ones first and in red. */
export function ExpiryTimeline({ buckets }: { buckets: Bucket[] }) {
  const max = Math.max(1, ...buckets.map((bucket) => bucket.count));
  const slot = WIDTH / buckets.length;
  const summary = buckets.map(bucketText).join(", ");
  return (
    <svg
      className="timeline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Certificates expiring per month. ${summary}`}
      data-testid="expiry-timeline"
      preserveAspectRatio="xMidYMid meet"
    >
      <line className="timeline-axis" x1={0} x2={WIDTH} y1={TOP + BAR_AREA} y2={TOP + BAR_AREA} />
      {buckets.map((bucket, index) => {
        const height = (bucket.count / max) * BAR_AREA;
        const x = index * slot + slot * 0.18;
        const width = slot * 0.64;
        return (
          <g key={bucket.longLabel} className={`timeline-bar ${kindOf(bucket, index)}`}>
            <title>{bucketText(bucket, index)}</title>
            <rect
              x={x}
              y={TOP + BAR_AREA - height}
              width={width}
              height={Math.max(height, 1)}
              rx={3}
            />
            {bucket.count > 0 && (
              <text x={x + width / 2} y={TOP + BAR_AREA - height - 5} textAnchor="middle">
                {bucket.count}
              </text>
            )}
            <text className="timeline-label" x={x + width / 2} y={HEIGHT - 12} textAnchor="middle">
              {bucket.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
