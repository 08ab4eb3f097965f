import { type ReactNode, useId } from "react";
import type { KeyUsage } from "../../ipc/bindings/KeyUsage";
import type { LifetimeActionType } from "../../ipc/bindings/LifetimeActionType";
import {
  CONTENT_TYPES,
  EC_CURVES,
  KEY_TYPES,
  KEY_USAGES,
  NAMED_EKUS,
  RSA_SIZES,
} from "../policy/policy";
import {
  type ActionDraft,
  PATCH_FIELDS,
  type PatchDraft,
  type PatchField,
  type TriggerKind,
} from "./patch";

const labelOf = (field: PatchField) => PATCH_FIELDS.find((f) => f.field === field)?.label ?? field;

const toggled = <T,>(list: readonly T[], value: T) =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

/** One field of the patch: its "include" box, then its control, enabled only when included. */
function PatchRow({
  field,
  draft,
  onDraft,
  error,
  children,
}: {
  field: PatchField;
  draft: PatchDraft;
  onDraft: (draft: PatchDraft) => void;
  error?: string;
  children: (props: { disabled: boolean; id: string; errorId?: string }) => ReactNode;
}) {
  const id = useId();
  const included = draft.include[field];
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="patch-row" data-included={included || undefined} data-testid={`patch-${field}`}>
      <label className="patch-include">
        <input
          type="checkbox"
          checked={included}
          onChange={() => onDraft({ ...draft, include: { ...draft.include, [field]: !included } })}
        />
        <span id={`${id}-label`}>{labelOf(field)}</span>
      </label>
      <div className="patch-control">
        {children({ disabled: !included, id, errorId })}
        {included && error && (
          <p className="field-error" id={errorId} role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

function YesNo({
  value,
  onChange,
  disabled,
  label,
}: {
  value: boolean;
  onChange: (value: boolean) => void;
  disabled: boolean;
  label: string;
}) {
  return (
    <select
      aria-label={label}
      value={value ? "yes" : "no"}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value === "yes")}
    >
      <option value="yes">Yes</option>
      <option value="no">No</option>
    </select>
  );
}

/** The fields a bulk change can set, each with a box saying whether it is sent. */
export function PatchForm({
  draft,
  onDraft,
  errors,
  disabled,
}: {
  draft: PatchDraft;
  onDraft: (draft: PatchDraft) => void;
  errors: Partial<Record<PatchField, string>>;
  disabled: boolean;
}) {
  const set = <K extends keyof PatchDraft>(key: K, value: PatchDraft[K]) =>
    onDraft({ ...draft, [key]: value });
  const setAction = (index: number, change: Partial<ActionDraft>) =>
    set(
      "lifetime_actions",
      draft.lifetime_actions.map((a, i) => (i === index ? { ...a, ...change } : a)),
    );
  const customEkus = draft.ekus.filter((oid) => !NAMED_EKUS.some((e) => e.oid === oid));
  const row = { draft, onDraft };

  return (
    <fieldset className="patch-form" disabled={disabled} aria-describedby="patch-help">
      <legend className="visually-hidden">Fields to set</legend>
      <p id="patch-help" className="muted small">
        Tick a field to set it on every chosen certificate; unticked fields stay as they are.
      </p>
      <PatchRow field="key_type" {...row}>
        {({ disabled }) => (
          <select
            aria-label="Key type value"
            value={draft.key_type}
            disabled={disabled}
            onChange={(e) => set("key_type", e.target.value)}
          >
            {KEY_TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        )}
      </PatchRow>
      <PatchRow field="key_size" {...row}>
        {({ disabled }) => (
          <select
            aria-label="Key size value"
            value={draft.key_size}
            disabled={disabled}
            onChange={(e) => set("key_size", Number(e.target.value))}
          >
            {RSA_SIZES.map((size) => (
              <option key={size} value={size}>
                {size} bits (RSA)
              </option>
            ))}
          </select>
        )}
      </PatchRow>
      <PatchRow field="curve" {...row}>
        {({ disabled }) => (
          <select
            aria-label="Curve value"
            value={draft.curve}
            disabled={disabled}
            onChange={(e) => set("curve", e.target.value)}
          >
            {EC_CURVES.map((curve) => (
              <option key={curve} value={curve}>
                {curve} (EC)
              </option>
            ))}
          </select>
        )}
      </PatchRow>
      <PatchRow field="exportable" {...row}>
        {({ disabled }) => (
          <YesNo
            label="Exportable key value"
            value={draft.exportable}
            disabled={disabled}
            onChange={(v) => set("exportable", v)}
          />
        )}
      </PatchRow>
      <PatchRow field="reuse_key" {...row}>
        {({ disabled }) => (
          <YesNo
            label="Reuse key on renewal value"
            value={draft.reuse_key}
            disabled={disabled}
            onChange={(v) => set("reuse_key", v)}
          />
        )}
      </PatchRow>
      <PatchRow field="content_type" {...row}>
        {({ disabled }) => (
          <select
            aria-label="Content type value"
            value={draft.content_type}
            disabled={disabled}
            onChange={(e) => set("content_type", e.target.value)}
          >
            {CONTENT_TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        )}
      </PatchRow>
      <PatchRow field="ekus" {...row}>
        {({ disabled, id }) => (
          <fieldset className="check-list" disabled={disabled} aria-labelledby={`${id}-label`}>
            {NAMED_EKUS.map((eku) => (
              <label key={eku.oid}>
                <input
                  type="checkbox"
                  checked={draft.ekus.includes(eku.oid)}
                  onChange={() => set("ekus", toggled(draft.ekus, eku.oid))}
                />
                {eku.label}
              </label>
            ))}
            <label className="field inline-field">
              Other OIDs
              <input
                type="text"
                placeholder="1.2.3.4, 1.2.3.5"
                value={customEkus.join(", ")}
                onChange={(e) =>
                  set("ekus", [
                    ...draft.ekus.filter((oid) => NAMED_EKUS.some((n) => n.oid === oid)),
                    ...e.target.value
                      .split(/[\s,]+/)
                      .map((s) => s.trim())
                      .filter(Boolean),
                  ])
                }
              />
            </label>
            {draft.ekus.length === 0 && (
              <small className="muted">None: the issued certificates carry no EKU.</small>
            )}
          </fieldset>
        )}
      </PatchRow>
      <PatchRow field="key_usage" {...row}>
        {({ disabled, id }) => (
          <fieldset
            className="check-list columns"
            disabled={disabled}
            aria-labelledby={`${id}-label`}
          >
            {KEY_USAGES.map((usage) => (
              <label key={usage.value}>
                <input
                  type="checkbox"
                  checked={draft.key_usage.includes(usage.value)}
                  onChange={() => set("key_usage", toggled<KeyUsage>(draft.key_usage, usage.value))}
                />
                {usage.label}
              </label>
            ))}
          </fieldset>
        )}
      </PatchRow>
      <PatchRow field="validity_months" error={errors.validity_months} {...row}>
        {({ disabled, errorId }) => (
          <span className="inline-input">
            <input
              type="number"
              min={1}
              max={120}
              aria-label="Validity in months"
              aria-invalid={!disabled && !!errors.validity_months}
              aria-describedby={errorId}
              value={draft.validity_months}
              disabled={disabled}
              onChange={(e) => set("validity_months", e.target.value)}
            />
            months
          </span>
        )}
      </PatchRow>
      <PatchRow field="lifetime_actions" error={errors.lifetime_actions} {...row}>
        {({ disabled, errorId }) => (
          <div className="actions-editor">
            {draft.lifetime_actions.map((action, i) => (
              // Actions have no identity but their place in the list.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <div key={i} className="action-row">
                <select
                  aria-label={`Action ${i + 1}`}
                  value={action.action}
                  disabled={disabled}
                  onChange={(e) => setAction(i, { action: e.target.value as LifetimeActionType })}
                >
                  <option value="AutoRenew">AutoRenew</option>
                  <option value="EmailContacts">EmailContacts</option>
                </select>
                at
                <input
                  type="number"
                  min={1}
                  aria-label={`Action ${i + 1} trigger value`}
                  aria-describedby={errorId}
                  value={action.value}
                  disabled={disabled}
                  onChange={(e) => setAction(i, { value: e.target.value })}
                />
                <select
                  aria-label={`Action ${i + 1} trigger`}
                  value={action.kind}
                  disabled={disabled}
                  onChange={(e) => setAction(i, { kind: e.target.value as TriggerKind })}
                >
                  <option value="days_before_expiry">days before expiry</option>
                  <option value="lifetime_percentage">% of lifetime</option>
                </select>
                <button
                  type="button"
                  className="button small ghost"
                  disabled={disabled}
                  onClick={() =>
                    set(
                      "lifetime_actions",
                      draft.lifetime_actions.filter((_, j) => j !== i),
                    )
                  }
                >
                  Remove
                </button>
              </div>
            ))}
            {draft.lifetime_actions.length === 0 && (
              <small className="muted">None: every lifetime action is removed.</small>
            )}
            <button
              type="button"
              className="button small"
              disabled={disabled}
              onClick={() =>
                set("lifetime_actions", [
                  ...draft.lifetime_actions,
                  { action: "EmailContacts", kind: "days_before_expiry", value: "30" },
                ])
              }
            >
              Add action
            </button>
          </div>
        )}
      </PatchRow>
      <PatchRow field="issuer_name" error={errors.issuer_name} {...row}>
        {({ disabled, id, errorId }) => (
          <>
            <input
              type="text"
              aria-label="Issuer name"
              list={`${id}-issuers`}
              aria-describedby={errorId}
              value={draft.issuer_name}
              disabled={disabled}
              onChange={(e) => set("issuer_name", e.target.value)}
            />
            <datalist id={`${id}-issuers`}>
              <option value="Self" />
              <option value="Unknown" />
            </datalist>
          </>
        )}
      </PatchRow>
      <PatchRow field="enabled" {...row}>
        {({ disabled }) => (
          <YesNo
            label="Enabled value"
            value={draft.enabled}
            disabled={disabled}
            onChange={(v) => set("enabled", v)}
          />
        )}
      </PatchRow>
    </fieldset>
  );
}
