// The bulk form's fields: a draft the user edits (each field with an "include" box) and the
// PolicyPatch it sends; a template's policy as a patch, for compliance fixes.
import type { CertificatePolicy } from "../../ipc/bindings/CertificatePolicy";
import type { CertificateRef } from "../../ipc/bindings/CertificateRef";
import type { KeyUsage } from "../../ipc/bindings/KeyUsage";
import type { LifetimeAction } from "../../ipc/bindings/LifetimeAction";
import type { LifetimeActionType } from "../../ipc/bindings/LifetimeActionType";
import type { PolicyPatch } from "../../ipc/bindings/PolicyPatch";

export type PatchField = keyof PolicyPatch;

export const PATCH_FIELDS: { field: PatchField; label: string }[] = [
  { field: "key_type", label: "Key type" },
  { field: "key_size", label: "Key size" },
  { field: "curve", label: "Curve" },
  { field: "exportable", label: "Exportable key" },
  { field: "reuse_key", label: "Reuse key on renewal" },
  { field: "content_type", label: "Content type" },
  { field: "ekus", label: "Extended key usages" },
  { field: "key_usage", label: "Key usage" },
  { field: "validity_months", label: "Validity" },
  { field: "lifetime_actions", label: "Lifetime actions" },
  { field: "issuer_name", label: "Issuer" },
  { field: "enabled", label: "Enabled" },
];

export type TriggerKind = "days_before_expiry" | "lifetime_percentage";

export interface ActionDraft {
  action: LifetimeActionType;
  kind: TriggerKind;
  /** As typed. */
  value: string;
}

/** What the form holds: every field's value, and whether it is sent. */
export interface PatchDraft {
  include: Record<PatchField, boolean>;
  key_type: string;
  key_size: number;
  curve: string;
  exportable: boolean;
  reuse_key: boolean;
  content_type: string;
  ekus: string[];
  key_usage: KeyUsage[];
  validity_months: string;
  lifetime_actions: ActionDraft[];
  issuer_name: string;
  enabled: boolean;
}

const noneIncluded = () =>
  Object.fromEntries(PATCH_FIELDS.map(({ field }) => [field, false])) as Record<
    PatchField,
    boolean
  >;

export function emptyDraft(): PatchDraft {
  return {
    include: noneIncluded(),
    key_type: "RSA",
    key_size: 2048,
    curve: "P-256",
    exportable: true,
    reuse_key: false,
    content_type: "application/x-pkcs12",
    ekus: ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"],
    key_usage: ["digitalSignature", "keyEncipherment"],
    validity_months: "12",
    lifetime_actions: [{ action: "AutoRenew", kind: "days_before_expiry", value: "30" }],
    issuer_name: "Self",
    enabled: true,
  };
}

export function emptyPatch(): PolicyPatch {
  return {
    key_type: null,
    key_size: null,
    curve: null,
    exportable: null,
    reuse_key: null,
    content_type: null,
    ekus: null,
    key_usage: null,
    validity_months: null,
    lifetime_actions: null,
    issuer_name: null,
    enabled: null,
  };
}

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);

function actionOf(draft: ActionDraft): LifetimeAction | string {
  const n = wholeNumber(draft.value);
  if (draft.kind === "lifetime_percentage") {
    if (n === null || n < 1 || n > 99) return "A percentage of the lifetime is 1 to 99.";
    return { trigger: { lifetime_percentage: n }, action: draft.action };
  }
  if (n === null || n < 1) return "Days before expiry is a whole number of at least 1.";
  return { trigger: { days_before_expiry: n }, action: draft.action };
}

/** The patch the draft sends, or what is wrong with the fields it includes. */
export function draftToPatch(draft: PatchDraft): {
  patch: PolicyPatch;
  errors: Partial<Record<PatchField, string>>;
} {
  const patch = emptyPatch();
  const errors: Partial<Record<PatchField, string>> = {};
  const on = draft.include;
  if (on.key_type) patch.key_type = draft.key_type;
  if (on.key_size) patch.key_size = draft.key_size;
  if (on.curve) patch.curve = draft.curve;
  if (on.exportable) patch.exportable = draft.exportable;
  if (on.reuse_key) patch.reuse_key = draft.reuse_key;
  if (on.content_type) patch.content_type = draft.content_type;
  if (on.ekus) patch.ekus = [...draft.ekus];
  if (on.key_usage) patch.key_usage = [...draft.key_usage];
  if (on.validity_months) {
    const months = wholeNumber(draft.validity_months);
    if (months === null || months < 1 || months > 120) {
      errors.validity_months = "Validity is a whole number of months, 1 to 120.";
    } else patch.validity_months = months;
  }
  if (on.lifetime_actions) {
    const actions = draft.lifetime_actions.map(actionOf);
    const problem = actions.find((a): a is string => typeof a === "string");
    if (problem) errors.lifetime_actions = problem;
    else patch.lifetime_actions = actions as LifetimeAction[];
  }
  if (on.issuer_name) {
    if (!draft.issuer_name.trim())
      errors.issuer_name = "Name the issuer (Self, Unknown, or one of the vault's).";
    else patch.issuer_name = draft.issuer_name.trim();
  }
  if (on.enabled) patch.enabled = draft.enabled;
  return { patch, errors };
}

export const patchIsEmpty = (patch: PolicyPatch) => Object.values(patch).every((v) => v === null);

/** The form showing `patch`: its set fields included, the rest at their defaults. */
export function draftFromPatch(patch: PolicyPatch): PatchDraft {
  const draft = emptyDraft();
  for (const { field } of PATCH_FIELDS) draft.include[field] = patch[field] !== null;
  return {
    ...draft,
    key_type: patch.key_type ?? draft.key_type,
    key_size: patch.key_size ?? draft.key_size,
    curve: patch.curve ?? draft.curve,
    exportable: patch.exportable ?? draft.exportable,
    reuse_key: patch.reuse_key ?? draft.reuse_key,
    content_type: patch.content_type ?? draft.content_type,
    ekus: patch.ekus ?? draft.ekus,
    key_usage: patch.key_usage ?? draft.key_usage,
    validity_months: patch.validity_months?.toString() ?? draft.validity_months,
    lifetime_actions:
      patch.lifetime_actions?.map(({ trigger, action }) =>
        "days_before_expiry" in trigger
          ? { action, kind: "days_before_expiry", value: String(trigger.days_before_expiry) }
          : { action, kind: "lifetime_percentage", value: String(trigger.lifetime_percentage) },
      ) ?? draft.lifetime_actions,
    issuer_name: patch.issuer_name ?? draft.issuer_name,
    enabled: patch.enabled ?? draft.enabled,
  };
}

/**
 * A template's policy as a patch: every field it sets (key type, size and curve, exportable,
 * reuse key, content type, EKUs, key usage, validity, lifetime actions, issuer, enabled).
 */
export function patchFromPolicy(policy: CertificatePolicy): PolicyPatch {
  return {
    key_type: policy.key_props.key_type,
    key_size: policy.key_props.key_size,
    curve: policy.key_props.curve,
    exportable: policy.key_props.exportable,
    reuse_key: policy.key_props.reuse_key,
    content_type: policy.secret_props.content_type,
    ekus: policy.x509_props.ekus,
    key_usage: policy.x509_props.key_usage,
    validity_months: policy.x509_props.validity_months,
    lifetime_actions: policy.lifetime_actions,
    issuer_name: policy.issuer.name,
    enabled: policy.attributes.enabled,
  };
}

/** "AutoRenew at 30 days before expiry", as the form and the results say it. */
export function describeAction({ trigger, action }: LifetimeAction): string {
  return "days_before_expiry" in trigger
    ? `${action} at ${trigger.days_before_expiry} days before expiry`
    : `${action} at ${trigger.lifetime_percentage} % of lifetime`;
}

/** One key per certificate; Key Vault names ignore case, and so does the key. */
export const refKey = ({ vault, name }: CertificateRef) => `${vault}/${name.toLowerCase()}`;
