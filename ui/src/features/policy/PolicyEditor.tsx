// The certificate policy editor: every field of a Key Vault certificate policy (api
// 2025-07-01), controlled — the parent owns the policy and its issues (usePolicyChecks) — so
// the details' "Edit policy" and "New certificate" embed the same form.
import { type RefObject, useId, useRef } from "react";
import type { CertificatePolicy } from "../../ipc/bindings/CertificatePolicy";
import type { FieldChange } from "../../ipc/bindings/FieldChange";
import type { FieldIssue } from "../../ipc/bindings/FieldIssue";
import type { PolicyAttributes } from "../../ipc/bindings/PolicyAttributes";
import type { PolicyKey } from "../../ipc/bindings/PolicyKey";
import type { PolicyX509 } from "../../ipc/bindings/PolicyX509";
import type { VaultId } from "../../ipc/bindings/VaultId";
import { Check } from "./Check";
import { EditorContext, FieldNotes, Labelled, useField } from "./fields";
import { IssuerSection } from "./IssuerSection";
import { LifetimeActions } from "./LifetimeActions";
import {
  CONTENT_TYPES,
  type CurrentVersion,
  EC_CURVES,
  isEc,
  isHsm,
  KEY_TYPES,
  RSA_SIZES,
} from "./policy";
import { SansEditor } from "./SansEditor";
import { SubjectEditor } from "./SubjectEditor";
import { EkuEditor, KeyUsageEditor } from "./UsagesEditor";
import "./policy.css";

export interface PolicyEditorProps {
  /** The policy being edited. */
  value: CertificatePolicy;
  onChange: (policy: CertificatePolicy) => void;
  /** From check_policy (usePolicyChecks) or a refused save; shown on their fields. */
  issues: readonly FieldIssue[];
  /** The vault the policy is for (its issuers); null before one is chosen. */
  vault: VaultId | null;
  /** The certificate's current version, to date its lifetime actions; none for a new one. */
  current?: CurrentVersion | null;
  /** Fields the service stored otherwise than sent (a save's `differences`), marked. */
  stored?: readonly FieldChange[];
  disabled?: boolean;
}

/** Field paths the editor shows on a field of their own; other issues go at the top. */
const PLACED = [
  /^(key_props|secret_props|x509_props|issuer|attributes)$/,
  /^key_props\.(key_type|key_size|curve|exportable|reuse_key)$/,
  /^secret_props\.content_type$/,
  /^x509_props\.(subject|validity_months)$/,
  /^x509_props\.sans(\.[a-z_]+(\.\d+)?)?$/,
  /^x509_props\.(ekus|key_usage)(\.\d+)?$/,
  /^lifetime_actions(\.\d+(\.[a-z_]+)?)?$/,
  /^issuer\.(name|certificate_type|certificate_transparency)$/,
  /^attributes\.enabled$/,
];

/** Whether the editor shows an issue on `field` at a field of its own. */
export const isPlacedField = (field: string) => PLACED.some((pattern) => pattern.test(field));

export function PolicyEditor({
  value,
  onChange,
  issues,
  vault,
  current = null,
  stored = [],
  disabled = false,
}: PolicyEditorProps) {
  const idPrefix = useId().replaceAll(":", "");
  // The subject is formatted by the backend, so its change lands after a round trip: it must
  // apply to the policy as it is then, not as it was at the keystroke.
  const latest = useRef(value);
  latest.current = value;
  const unplaced = issues.filter((issue) => !isPlacedField(issue.field));
  const unplacedStored = stored.filter((change) => !isPlacedField(change.field));
  return (
    <EditorContext.Provider value={{ issues, stored, idPrefix, disabled }}>
      <div className="policy-editor" data-testid="policy-editor">
        {(unplaced.length > 0 || unplacedStored.length > 0) && (
          <div className="policy-general-issues" data-testid="policy-general-issues">
            <FieldNotes issues={unplaced} stored={unplacedStored} />
          </div>
        )}
        <KeySection value={value} onChange={onChange} />
        <SecretSection value={value} onChange={onChange} />
        <X509Section value={value} onChange={onChange} latest={latest} />
        <LifetimeActions
          actions={value.lifetime_actions}
          current={current}
          vault={vault}
          onChange={(lifetime_actions) => onChange({ ...value, lifetime_actions })}
        />
        <IssuerSection
          issuer={value.issuer}
          vault={vault}
          onChange={(issuer) => onChange({ ...value, issuer })}
        />
        <AttributesSection value={value} onChange={onChange} />
      </div>
    </EditorContext.Provider>
  );
}

interface SectionProps {
  value: CertificatePolicy;
  onChange: (policy: CertificatePolicy) => void;
}

function KeySection({ value, onChange }: SectionProps) {
  const key = value.key_props;
  const set = (patch: Partial<PolicyKey>) =>
    onChange({ ...value, key_props: { ...key, ...patch } });
  const type = useField("key_props.key_type");
  const size = useField("key_props.key_size");
  const curve = useField("key_props.curve");
  const exportable = useField("key_props.exportable");
  const reuse = useField("key_props.reuse_key");
  const ec = isEc(key.key_type);
  const hsm = isHsm(key.key_type);

  const setType = (next: string) => {
    const nextEc = isEc(next);
    set({
      key_type: next,
      key_size: nextEc ? null : (key.key_size ?? 2048),
      curve: nextEc ? (key.curve ?? "P-256") : null,
      // The service refuses an exportable HSM key.
      exportable: isHsm(next) ? false : key.exportable,
    });
  };
  const sizes =
    key.key_size !== null && !RSA_SIZES.includes(key.key_size)
      ? [...RSA_SIZES, key.key_size]
      : RSA_SIZES;
  const curves =
    key.curve !== null && !EC_CURVES.includes(key.curve) ? [...EC_CURVES, key.curve] : EC_CURVES;
  const known = KEY_TYPES.some((option) => option.value === key.key_type);

  return (
    <fieldset className="policy-section" disabled={type.disabled}>
      <legend>Key</legend>
      <SectionNotes field="key_props" />
      <Labelled
        label="Key type"
        field={type}
        hint={hsm ? "An HSM key needs a Premium vault, and can never be exported." : undefined}
      >
        <select
          id={type.id}
          value={key.key_type ?? ""}
          onChange={(event) => setType(event.target.value)}
          {...type.inputProps}
        >
          {key.key_type === null && <option value="">Service default (RSA)</option>}
          {!known && key.key_type !== null && <option value={key.key_type}>{key.key_type}</option>}
          {KEY_TYPES.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </Labelled>
      {ec ? (
        <Labelled label="Curve" field={curve}>
          <select
            id={curve.id}
            value={key.curve ?? ""}
            onChange={(event) => set({ curve: event.target.value || null })}
            {...curve.inputProps}
          >
            {key.curve === null && <option value="">Service default</option>}
            {curves.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </Labelled>
      ) : (
        <Labelled label="Key size" field={size}>
          <select
            id={size.id}
            value={key.key_size ?? ""}
            onChange={(event) =>
              set({ key_size: event.target.value ? Number(event.target.value) : null })
            }
            {...size.inputProps}
          >
            {key.key_size === null && <option value="">Service default (2048)</option>}
            {sizes.map((option) => (
              <option key={option} value={option}>
                {option} bits
              </option>
            ))}
          </select>
        </Labelled>
      )}
      <Check
        field={exportable}
        checked={key.exportable ?? !hsm}
        onChange={(checked) => set({ exportable: checked })}
        label="Exportable private key"
        hint={
          hsm
            ? "HSM keys cannot be exportable."
            : (key.exportable ?? true)
              ? "The certificate can be downloaded with its private key."
              : "A non-exportable key can never be downloaded with its certificate."
        }
        disabled={hsm && !key.exportable}
      />
      <Check
        field={reuse}
        checked={key.reuse_key ?? false}
        onChange={(checked) => set({ reuse_key: checked })}
        label="Reuse the key on renewal"
        hint="Renewed versions keep the same key pair instead of generating a new one."
      />
    </fieldset>
  );
}

function SecretSection({ value, onChange }: SectionProps) {
  const field = useField("secret_props.content_type");
  const contentType = value.secret_props.content_type ?? "application/x-pkcs12";
  return (
    <fieldset className="policy-section" disabled={field.disabled}>
      <legend>Secret</legend>
      <SectionNotes field="secret_props" />
      <div
        className="policy-field"
        role="radiogroup"
        aria-label="Content type"
        {...field.inputProps}
      >
        <span className="policy-label">Content type</span>
        <div className="radio-row">
          {CONTENT_TYPES.map((option) => (
            <label key={option.value}>
              <input
                type="radio"
                name={`${field.id}-content-type`}
                value={option.value}
                checked={contentType === option.value}
                onChange={() =>
                  onChange({ ...value, secret_props: { content_type: option.value } })
                }
              />
              {option.label}
            </label>
          ))}
        </div>
        <small className="muted">The format the certificate and its key are downloaded in.</small>
        {field.notes}
      </div>
    </fieldset>
  );
}

function X509Section({
  value,
  onChange,
  latest,
}: SectionProps & { latest: RefObject<CertificatePolicy> }) {
  const x509 = value.x509_props;
  const set = (patch: Partial<PolicyX509>) =>
    onChange({ ...value, x509_props: { ...x509, ...patch } });
  const validity = useField("x509_props.validity_months");
  return (
    <fieldset className="policy-section" disabled={validity.disabled}>
      <legend>X.509</legend>
      <SectionNotes field="x509_props" />
      <SubjectEditor
        subject={x509.subject}
        onChange={(subject) =>
          onChange({
            ...latest.current,
            x509_props: { ...latest.current.x509_props, subject },
          })
        }
      />
      <SansEditor sans={x509.sans} onChange={(sans) => set({ sans })} />
      <EkuEditor ekus={x509.ekus} onChange={(ekus) => set({ ekus })} />
      <KeyUsageEditor usages={x509.key_usage} onChange={(key_usage) => set({ key_usage })} />
      <Labelled
        label="Validity (months)"
        field={validity}
        hint="How long each issued version is valid; renewals get the same."
      >
        <input
          id={validity.id}
          type="number"
          inputMode="numeric"
          min={1}
          value={x509.validity_months ?? ""}
          onChange={(event) =>
            set({
              validity_months: event.target.value === "" ? null : Number(event.target.value),
            })
          }
          {...validity.inputProps}
        />
      </Labelled>
    </fieldset>
  );
}

function AttributesSection({ value, onChange }: SectionProps) {
  const enabled = useField("attributes.enabled");
  const set = (patch: Partial<PolicyAttributes>) =>
    onChange({ ...value, attributes: { ...value.attributes, ...patch } });
  return (
    <fieldset className="policy-section" disabled={enabled.disabled}>
      <legend>Certificates</legend>
      <SectionNotes field="attributes" />
      <Check
        field={enabled}
        checked={value.attributes.enabled ?? true}
        onChange={(checked) => set({ enabled: checked })}
        label="Enabled"
        hint="Whether the certificates issued under this policy can be used."
      />
    </fieldset>
  );
}

/** Issues on a whole section (`key_props`), under its legend. */
export function SectionNotes({ field }: { field: string }) {
  return useField(field).notes;
}
