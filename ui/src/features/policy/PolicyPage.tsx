// `/vaults/:id/policy/:name`: a certificate's policy in the editor, saved through a review of
// what changes. A refusal puts the service's issues on their fields and keeps every edit.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useBlocker, useParams } from "react-router";
import { Dialog } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toasts";
import { call } from "../../ipc/backend";
import type { CertificatePolicy } from "../../ipc/bindings/CertificatePolicy";
import type { FieldChange } from "../../ipc/bindings/FieldChange";
import type { FieldIssue } from "../../ipc/bindings/FieldIssue";
import type { SavedPolicy } from "../../ipc/bindings/SavedPolicy";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import type { AppError } from "../../ipc/errors";
import { certificateQueries, certificateScope } from "../certificates/queries";
import { RouteVault } from "../vaults/VaultTabs";
import { FieldNotes } from "./fields";
import { isPlacedField, PolicyEditor } from "./PolicyEditor";
import type { CurrentVersion } from "./policy";
import { policyQueries } from "./queries";
import { RenewButton } from "./RenewButton";
import { SaveDialog } from "./SaveDialog";
import { type PolicySource, StartFromMenu } from "./Templates";
import { usePolicyChecks } from "./usePolicyChecks";

/** The path of a certificate's policy editor. */
export const policyPath = (vault: number, name: string) =>
  `/vaults/${vault}/policy/${encodeURIComponent(name)}`;

export function PolicyPage() {
  const name = useParams().name ?? "";
  return (
    <RouteVault>
      {(vault) => <CertificatePolicyView key={`${vault.id}/${name}`} vault={vault} name={name} />}
    </RouteVault>
  );
}

/** The header title of the policy page. */
export function PolicyTitle() {
  const { name } = useParams();
  return `Policy of ${name ?? "a certificate"}`;
}

/** Loads a certificate's policy; its error says why, with a Retry. */
export function CertificatePolicyView({ vault, name }: { vault: VaultEntry; name: string }) {
  const policy = useQuery(policyQueries.policy(vault.id, name));
  const details = useQuery(certificateQueries.details(vault.id, name, null));
  const summary = details.data?.summary;
  const current: CurrentVersion | null =
    summary?.not_before != null && summary.expires != null
      ? { not_before: summary.not_before, expires: summary.expires }
      : null;
  return (
    <div className="page policy-page" data-testid="policy-page">
      <p className="policy-back">
        <Link to={`/vaults/${vault.id}?cert=${encodeURIComponent(name)}`}>← {vault.name}</Link>
      </p>
      {policy.isPending && (
        <div aria-busy="true">
          <span className="skeleton" />
          <span className="visually-hidden">Loading the policy…</span>
        </div>
      )}
      {policy.error && (
        <div className="policy-load-error" data-testid="policy-load-error">
          <ErrorMessage error={policy.error} />
          <button
            type="button"
            className="button"
            disabled={policy.isFetching}
            onClick={() => void policy.refetch()}
          >
            Retry
          </button>
        </div>
      )}
      {policy.data && (
        <PolicyForm vault={vault} name={name} saved={policy.data} current={current} />
      )}
    </div>
  );
}

type Refusal = { policy: CertificatePolicy; issues: FieldIssue[] };

const same = (a: CertificatePolicy, b: CertificatePolicy) =>
  JSON.stringify(a) === JSON.stringify(b);

function PolicyForm({
  vault,
  name,
  saved,
  current,
}: {
  vault: VaultEntry;
  name: string;
  saved: CertificatePolicy;
  current: CurrentVersion | null;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  // The policy as last loaded or saved: what the diff starts from.
  const [original, setOriginal] = useState(saved);
  const [draft, setDraft] = useState(saved);
  const [stored, setStored] = useState<FieldChange[]>([]);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [review, setReview] = useState<{
    changes: FieldChange[] | null;
    error: AppError | null;
  } | null>(null);
  const checks = usePolicyChecks(vault.id, draft);
  const dirty = !same(draft, original);
  // The cached policy changed under the editor (fetched again after a renewal, a bulk apply):
  // without edits it is simply taken; with edits the user is told before saving over it.
  // The diff then starts from the new one, so the review lists what saving would undo.
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new cached policy matters
  useEffect(() => {
    if (same(saved, original)) return;
    setOriginal(saved);
    if (dirty) setChangedElsewhere(true);
    else setDraft(saved);
  }, [saved]);

  // The refusal's issues hold for the policy refused; once edited, check_policy speaks again.
  const refused = refusal && refusal.policy === draft ? refusal.issues : [];
  const issues = [...refused, ...checks.issues];
  const errors = checks.issues.filter((issue) => issue.severity === "Error").length;

  const save = useMutation<SavedPolicy, AppError, CertificatePolicy>({
    mutationFn: (policy) => call("save_policy", { vault: vault.id, name, policy }),
    onSuccess: (result, policy) => {
      setReview(null);
      if (result.outcome === "Refused") {
        setRefusal({ policy, issues: result.issues });
        return;
      }
      setRefusal(null);
      setChangedElsewhere(false);
      queryClient.setQueryData(policyQueries.policy(vault.id, name).queryKey, result.policy);
      void queryClient.invalidateQueries({
        queryKey: [...certificateScope(vault.id, name), "details"],
      });
      setOriginal(result.policy);
      setDraft(result.policy);
      setStored(result.differences);
      toast.info(
        result.differences.length > 0
          ? `Policy saved; the service stored ${result.differences.length} field(s) differently (marked)`
          : "Policy saved",
      );
    },
    onError: (error) => setReview((current) => current && { ...current, error }),
  });

  // Leaving the page with unsaved edits asks first.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && currentLocation.pathname !== nextLocation.pathname,
  );

  const startReview = () => {
    setReview({ changes: null, error: null });
    call("diff_policies", { before: original, after: draft }).then(
      (changes) => setReview((current) => current && { ...current, changes }),
      (error: AppError) => setReview((current) => current && { ...current, error }),
    );
  };

  const apply = (policy: CertificatePolicy, source: PolicySource) => {
    // The service's own timestamps stay those of this certificate's policy.
    setDraft({
      ...policy,
      attributes: {
        ...policy.attributes,
        created: original.attributes.created,
        updated: original.attributes.updated,
      },
    });
    setStored([]);
    setNotice(
      source.kind === "template"
        ? `Started from the template “${source.template.name}”. Review the fields, then save.`
        : `Copied the policy of “${source.name}”. Review the fields, then save.`,
    );
  };

  const refusalGeneral = refusal ? refusal.issues.filter((i) => !isPlacedField(i.field)) : [];
  const why =
    errors > 0
      ? `Fix ${errors} error${errors === 1 ? "" : "s"} to save.`
      : !dirty
        ? "No changes to save."
        : null;

  return (
    <>
      <div className="policy-toolbar">
        <StartFromMenu policy={draft} onApply={apply} defaultVault={vault.id} />
        <RenewButton vault={vault.id} name={name} unsaved={dirty} />
        <span className="policy-toolbar-spacer" />
        <button
          type="button"
          className="button"
          disabled={!dirty}
          onClick={() => {
            setDraft(original);
            setNotice(null);
            setChangedElsewhere(false);
            setRefusal(null);
          }}
        >
          Discard changes
        </button>
        <button
          type="button"
          className="button primary"
          disabled={why !== null || save.isPending}
          aria-describedby="policy-save-why"
          onClick={startReview}
        >
          Save…
        </button>
      </div>
      <p id="policy-save-why" className="muted small policy-save-why" data-testid="save-why">
        {why ??
          (checks.checking
            ? "Checking…"
            : checks.error
              ? `The policy could not be checked (${checks.error.message}); the service checks it on save.`
              : "")}
      </p>
      {refusal && (
        <div className="policy-refusal" role="alert" data-testid="policy-refusal">
          <strong>The service refused the policy; nothing was saved.</strong>
          <p>Your edits are kept; the fields it objected to are marked.</p>
          {refusalGeneral.length > 0 && <FieldNotes issues={refusalGeneral} />}
        </div>
      )}
      {changedElsewhere && (
        <output className="policy-notice" data-testid="policy-changed-elsewhere">
          The policy was changed in the vault since you opened it; saving replaces those changes
          with yours.{" "}
          <button
            type="button"
            className="button small"
            onClick={() => {
              setDraft(original);
              setChangedElsewhere(false);
              setRefusal(null);
            }}
          >
            Load it (discard my changes)
          </button>
        </output>
      )}
      {notice && (
        <output className="policy-notice" data-testid="policy-notice">
          {notice}
        </output>
      )}
      <PolicyEditor
        value={draft}
        onChange={setDraft}
        issues={issues.filter((i) => !refusalGeneral.includes(i))}
        vault={vault.id}
        current={current}
        stored={stored}
      />
      <Dialog
        open={blocker.state === "blocked"}
        onClose={() => blocker.reset?.()}
        labelledBy="policy-leave-title"
        testId="policy-leave-dialog"
      >
        <div className="dialog-body">
          <h2 id="policy-leave-title">Leave without saving?</h2>
          <p className="muted">
            Your changes to the policy of “{name}” are not saved and will be lost.
          </p>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => blocker.reset?.()}>
            Stay
          </button>
          <button type="button" className="button danger" onClick={() => blocker.proceed?.()}>
            Leave
          </button>
        </div>
      </Dialog>
      <SaveDialog
        open={review !== null}
        changes={review?.changes ?? null}
        error={review?.error ?? null}
        pending={save.isPending}
        onClose={() => setReview(null)}
        onConfirm={() => save.mutate(draft)}
      />
    </>
  );
}
