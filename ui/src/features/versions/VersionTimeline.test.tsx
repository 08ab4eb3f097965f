import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { CertificatePolicy } from "../../ipc/bindings/CertificatePolicy";
import { cert, now } from "../../test/backend";
import { formatDate } from "../certificates/dates";
import { defaultPolicy } from "../policy/policy";
import { nextRenewal, ticks } from "./timeline";
import { VersionTimeline } from "./VersionTimeline";

const DAY = 86_400;
const NOW = now();
const versions = [
  cert("web", {
    version: "aaaa1111",
    created: NOW - 400 * DAY,
    not_before: NOW - 400 * DAY,
    expires: NOW - 35 * DAY,
    enabled: false,
    status: "Expired",
  }),
  cert("web", {
    version: "bbbb2222",
    created: NOW - 40 * DAY,
    not_before: NOW - 40 * DAY,
    expires: NOW + 325 * DAY,
  }),
];

describe("the version timeline", () => {
  it("marks the current version, draws a disabled one as disabled, and shows the renewal", () => {
    const renewal = NOW + 252 * DAY;
    render(<VersionTimeline versions={versions} renewal={renewal} now={NOW} />);
    const [current, older] = screen.getAllByTestId("timeline-row");
    expect(current).toHaveAttribute("data-current");
    expect(within(current as HTMLElement).getByText("Current")).toBeInTheDocument();
    expect(current).not.toHaveAttribute("data-disabled");
    expect(older).toHaveAttribute("data-disabled");
    expect(within(older as HTMLElement).getByText("Disabled")).toBeInTheDocument();
    expect(screen.getByTestId("renewal")).toHaveTextContent(
      `Next automatic renewal, ${formatDate(renewal)}`,
    );
    expect(document.querySelectorAll(".timeline-line.renewal")).toHaveLength(1);
    // Each version's bar spans its validity on the shared axis: the older one ends first.
    const bar = (row: Element | undefined) => row?.querySelector<HTMLElement>(".timeline-bar");
    const end = (row: Element | undefined) =>
      Number.parseFloat(bar(row)?.style.left ?? "") +
      Number.parseFloat(bar(row)?.style.width ?? "");
    expect(end(older)).toBeLessThan(end(current));
  });

  it("says no renewal is planned without an AutoRenew action, and nothing is projected", () => {
    render(<VersionTimeline versions={versions} renewal={null} now={NOW} />);
    expect(screen.getByTestId("renewal")).toHaveTextContent("No renewal planned");
    expect(document.querySelector(".timeline-line.renewal")).toBeNull();
  });

  it("says when the policy could not be read rather than that nothing is planned", () => {
    render(<VersionTimeline versions={versions} renewal="unreadable" now={NOW} />);
    expect(screen.getByTestId("renewal")).toHaveTextContent("Next renewal unknown");
  });

  it("says a version being issued is pending, not disabled", () => {
    const renewing = cert("web", {
      version: "dddd4444",
      created: NOW,
      not_before: NOW,
      expires: NOW + 365 * DAY,
      enabled: false,
      thumbprint: null,
      status: "Pending",
    });
    render(<VersionTimeline versions={[...versions, renewing]} renewal={null} now={NOW} />);
    const [current] = screen.getAllByTestId("timeline-row");
    expect(current).toHaveAttribute("data-pending");
    expect(current).not.toHaveAttribute("data-disabled");
    expect(within(current as HTMLElement).getByText("Current · Pending")).toBeInTheDocument();
  });

  it("draws a pending version without a bar", () => {
    const pending = cert("web", { version: "cccc3333", not_before: null, expires: null });
    render(<VersionTimeline versions={[pending]} renewal={null} now={NOW} />);
    expect(screen.getByText("Pending: no validity yet")).toBeInTheDocument();
  });
});

describe("the projected renewal", () => {
  const current = versions[1];
  const withActions = (lifetime_actions: CertificatePolicy["lifetime_actions"]) => ({
    ...defaultPolicy(),
    lifetime_actions,
  });

  it("fires an AutoRenew percentage along the current version's validity", () => {
    const policy = withActions([{ trigger: { lifetime_percentage: 80 }, action: "AutoRenew" }]);
    const span = 365 * DAY;
    expect(nextRenewal(policy, current)).toBe(NOW - 40 * DAY + span * 0.8);
  });

  it("ignores EmailContacts and is null without an AutoRenew action", () => {
    const policy = withActions([{ trigger: { days_before_expiry: 30 }, action: "EmailContacts" }]);
    expect(nextRenewal(policy, current)).toBeNull();
    expect(nextRenewal(withActions(null), current)).toBeNull();
  });

  it("labels years on a long span, half years on a year, quarters on less", () => {
    const long = ticks({ start: NOW - 800 * DAY, end: NOW + 400 * DAY });
    expect(long.map((tick) => tick.label).every((label) => /^\d{4}$/.test(label))).toBe(true);
    expect(long.map((tick) => new Date(tick.at * 1000).getMonth())).toEqual(long.map(() => 0));
    const year = ticks({ start: NOW, end: NOW + 400 * DAY });
    expect(year.length).toBeGreaterThanOrEqual(2);
    expect(year.length).toBeLessThanOrEqual(3);
    expect(year.every((tick) => new Date(tick.at * 1000).getMonth() % 6 === 0)).toBe(true);
    const short = ticks({ start: NOW, end: NOW + 250 * DAY });
    expect(short.length).toBeGreaterThanOrEqual(2);
    expect(short.every((tick) => tick.at >= NOW && tick.at <= NOW + 250 * DAY)).toBe(true);
    expect(short.every((tick) => new Date(tick.at * 1000).getMonth() % 3 === 0)).toBe(true);
  });
});
