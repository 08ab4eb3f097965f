// Lifetime actions: renew or e-mail the contacts at a percentage of the lifetime or a number
// of days before expiry, each with the date it would fire for the current version.
import { useContext, useState } from "react";
import { Link } from "react-router";
import { CloseIcon } from "../../components/icons";
import type { LifetimeAction } from "../../ipc/bindings/LifetimeAction";
import type { LifetimeActionType } from "../../ipc/bindings/LifetimeActionType";
import type { VaultId } from "../../ipc/bindings/VaultId";
import { EditorContext, useField } from "./fields";
import { type CurrentVersion, firesAt } from "./policy";

const ACTIONS: { value: LifetimeActionType; label: string }[] = [
  { value: "AutoRenew", label: "Renew automatically" },
  { value: "EmailContacts", label: "E-mail the vault's contacts" },
];

/** A lifetime action's date, as the editor shows it. */
export const formatDate = (seconds: number) =>
  new Date(seconds * 1000).toLocaleDateString(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
  });

/** When the action fires for the current version, in words; null without a current version. */
export function fireText(action: LifetimeAction, current: CurrentVersion | null, now = Date.now()) {
  if (!current) return null;
  const at = firesAt(action, current);
  if (at === null) return null;
  const date = formatDate(at);
  return at * 1000 <= now ? `Would fire ${date}: already due` : `Would fire ${date}`;
}

export function LifetimeActions({
  actions,
  onChange,
  current,
  vault,
}: {
  actions: LifetimeAction[] | null;
  onChange: (actions: LifetimeAction[] | null) => void;
  current: CurrentVersion | null;
  /** Where "set the vault's contacts" leads; null before a vault is chosen. */
  vault: VaultId | null;
}) {
  const group = useField("lifetime_actions");
  const list = actions ?? [];
  const add = () =>
    onChange([
      ...list,
      list.some((a) => a.action === "AutoRenew")
        ? { trigger: { days_before_expiry: 30 }, action: "EmailContacts" }
        : { trigger: { lifetime_percentage: 80 }, action: "AutoRenew" },
    ]);
  return (
    <fieldset className="policy-section" data-testid="lifetime-actions" disabled={group.disabled}>
      <legend>Lifetime actions</legend>
      {actions === null && (
        <small className="muted">
          Not set: a new certificate gets the service's default (renew at 80 % of the lifetime); an
          existing one keeps its actions.
        </small>
      )}
      {actions !== null && list.length === 0 && (
        <small className="muted">
          No actions: the certificate is neither renewed nor announced before it expires.
        </small>
      )}
      {list.length > 0 && (
        <ol className="policy-actions">
          {list.map((action, index) => (
            <ActionRow
              // biome-ignore lint/suspicious/noArrayIndexKey: edited in place, by position
              key={index}
              index={index}
              action={action}
              current={current}
              vault={vault}
              onChange={(next) => onChange(list.map((a, i) => (i === index ? next : a)))}
              onRemove={() => onChange(list.filter((_, i) => i !== index))}
            />
          ))}
        </ol>
      )}
      <div>
        <button type="button" className="button small" onClick={add}>
          Add action
        </button>
      </div>
      {group.notes}
    </fieldset>
  );
}

function ActionRow({
  index,
  action,
  current,
  vault,
  onChange,
  onRemove,
}: {
  index: number;
  action: LifetimeAction;
  current: CurrentVersion | null;
  vault: VaultId | null;
  onChange: (action: LifetimeAction) => void;
  onRemove: () => void;
}) {
  const { disabled } = useContext(EditorContext);
  const row = useField(`lifetime_actions.${index}`);
  const kind = useField(`lifetime_actions.${index}.action`);
  const trigger = useField(`lifetime_actions.${index}.trigger`);
  const byPercentage = "lifetime_percentage" in action.trigger;
  const amount = byPercentage
    ? (action.trigger as { lifetime_percentage: number }).lifetime_percentage
    : (action.trigger as { days_before_expiry: number }).days_before_expiry;
  const fires = fireText(action, current);
  // What the user typed, while the field has focus: an emptied field is not sent as a number.
  const [draft, setDraft] = useState<string | null>(null);
  const known = ACTIONS.some((a) => a.value === action.action);
  const setAmount = (value: number) =>
    onChange({
      ...action,
      trigger: byPercentage ? { lifetime_percentage: value } : { days_before_expiry: value },
    });
  return (
    <li className="policy-action" data-testid="lifetime-action">
      <div className="policy-row">
        <select
          id={kind.id}
          aria-label={`Action ${index + 1}`}
          value={action.action}
          onChange={(event) =>
            onChange({ ...action, action: event.target.value as LifetimeActionType })
          }
          {...kind.inputProps}
        >
          {!known && <option value={action.action}>{action.action}</option>}
          {ACTIONS.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
        <span>at</span>
        <input
          id={trigger.id}
          type="number"
          className="policy-amount"
          aria-label={`Action ${index + 1} ${byPercentage ? "percentage of lifetime" : "days before expiry"}`}
          value={draft ?? String(amount)}
          min={1}
          onChange={(event) => {
            setDraft(event.target.value);
            setAmount(event.target.value === "" ? 0 : Number(event.target.value));
          }}
          onBlur={() => setDraft(null)}
          {...trigger.inputProps}
        />
        <select
          aria-label={`Action ${index + 1} trigger`}
          value={byPercentage ? "percentage" : "days"}
          onChange={(event) =>
            onChange({
              ...action,
              trigger:
                event.target.value === "percentage"
                  ? { lifetime_percentage: 80 }
                  : { days_before_expiry: 30 },
            })
          }
        >
          <option value="percentage">% of the lifetime</option>
          <option value="days">days before expiry</option>
        </select>
        <button
          type="button"
          className="button small icon-button ghost"
          aria-label={`Remove action ${index + 1}`}
          data-tooltip={`Remove action ${index + 1}`}
          disabled={disabled}
          onClick={onRemove}
        >
          <CloseIcon />
        </button>
      </div>
      {fires && (
        <small
          className={fires.endsWith("already due") ? "policy-fires due" : "policy-fires muted"}
          data-testid="fires-at"
        >
          {fires}
        </small>
      )}
      {row.notes}
      {kind.notes}
      {/* Lint warns when the vault has no contacts: say where to set them. */}
      {action.action === "EmailContacts" &&
        vault !== null &&
        kind.issues.some((issue) => issue.severity === "Warning") && (
          <Link to={`/vaults/${vault}/contacts`} data-testid="set-contacts-link">
            Set the vault's certificate contacts
          </Link>
        )}
      {trigger.notes}
    </li>
  );
}
