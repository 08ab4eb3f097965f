// The new-certificate form's state and what stands between it and Create.
import type { CertificatePolicy } from "../../ipc/bindings/CertificatePolicy";
import type { CreateCertificateArgs } from "../../ipc/bindings/CreateCertificateArgs";
import type { FieldIssue } from "../../ipc/bindings/FieldIssue";
import type { PolicyTemplate } from "../../ipc/bindings/PolicyTemplate";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { NameCheck } from "../import/item";
import type { NameChoices } from "../import/NameField";
import { nameProblem } from "../import/names";
import { type TagRow, tagMap, tagProblem } from "../import/tags";
import { hasErrors } from "../policy/issues";
import { SELF_ISSUER } from "../policy/policy";

/** The template choice that starts from nothing. */
export const BLANK = "blank";

export interface CreateForm {
  name: string;
  choices: NameChoices;
  /** A template id, or BLANK; null until the templates are listed. */
  template: string | null;
  /** null until the templates are listed. */
  policy: CertificatePolicy | null;
  tags: TagRow[];
  enabled: boolean;
  /** What the service refused, for the policy it refused. */
  refused: { policy: CertificatePolicy; issues: FieldIssue[] } | null;
}

export const noChoices: NameChoices = { newVersion: false, deletedName: null, purgeTyped: "" };

export const newForm = (): CreateForm => ({
  name: "",
  choices: noChoices,
  template: null,
  policy: null,
  tags: [],
  enabled: true,
  refused: null,
});

/** A policy with nothing set: the service's defaults for every field, signed by the vault. */
export function blankPolicy(): CertificatePolicy {
  return {
    key_props: { key_type: null, key_size: null, curve: null, exportable: null, reuse_key: null },
    secret_props: { content_type: null },
    x509_props: {
      subject: null,
      sans: { dns_names: [], emails: [], upns: [], uris: [], ip_addresses: [] },
      ekus: null,
      key_usage: null,
      validity_months: null,
    },
    lifetime_actions: null,
    issuer: { name: SELF_ISSUER, certificate_type: null, certificate_transparency: null },
    attributes: { enabled: null, created: null, updated: null },
  };
}

/** The template a new certificate starts from: the first built-in (the Azure portal's default). */
export const defaultTemplate = (templates: readonly PolicyTemplate[]) =>
  templates.find((template) => template.builtin) ?? templates[0] ?? null;

export const policyOf = (templates: readonly PolicyTemplate[], id: string) =>
  id === BLANK ? blankPolicy() : (templates.find((t) => t.id === id)?.policy ?? blankPolicy());

/** The issues the editor shows: the service's refusal while the policy is the one refused. */
export const shownIssues = (form: CreateForm, checked: FieldIssue[]) =>
  form.refused && form.refused.policy === form.policy ? form.refused.issues : checked;

/** What stops the name from being used, in words; null when nothing does. */
export function nameBlocker(form: CreateForm, check: NameCheck | null): string | null {
  const problem = nameProblem(form.name);
  if (problem) return problem;
  if (!check || check.name !== form.name || (!check.status && !check.error)) {
    return "Checking the name in the vault…";
  }
  if (check.error) return "The name could not be checked.";
  switch (check.status?.state) {
    case "Exists":
      return form.choices.newVersion ? null : "Confirm that this becomes a new version.";
    case "Deleted":
      if (!form.choices.deletedName) {
        return "Choose whether to recover or purge the deleted certificate.";
      }
      return form.choices.deletedName === "Purge" && form.choices.purgeTyped !== form.name
        ? "Type the name to confirm the purge."
        : null;
    default:
      return null;
  }
}

/** The first thing that stops Create, in words; null when it can be sent. */
export function createBlocker(
  form: CreateForm,
  check: NameCheck | null,
  issues: FieldIssue[],
  checking: boolean,
): string | null {
  if (!form.policy) return "The templates are still loading.";
  return (
    nameBlocker(form, check) ??
    tagProblem(form.tags) ??
    (hasErrors(issues) ? "Fix the policy's errors first." : null) ??
    (checking ? "Checking the policy…" : null)
  );
}

export function createArgs(
  vault: VaultId,
  form: CreateForm,
  policy: CertificatePolicy,
  check: NameCheck | null,
): CreateCertificateArgs {
  return {
    vault,
    name: form.name,
    policy,
    tags: tagMap(form.tags),
    enabled: form.enabled,
    deleted_name: check?.status?.state === "Deleted" ? form.choices.deletedName : null,
  };
}
