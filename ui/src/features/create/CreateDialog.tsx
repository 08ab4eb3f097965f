import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { keysOf, useShortcut } from "../../app/shortcuts";
import { Dialog } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import { PlusIcon } from "../../components/icons";
import { call } from "../../ipc/backend";
import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";
import type { OperationOutcome } from "../../ipc/bindings/OperationOutcome";
import type { PendingOperation } from "../../ipc/bindings/PendingOperation";
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import { type AppError, toAppError } from "../../ipc/errors";
import { certificatesChanged } from "../certificates/changes";
import { TagsEditor } from "../import/ItemOptions";
import { type NameWords, VaultNameField } from "../import/NameField";
import { nameProblem } from "../import/names";
import { PolicyEditor } from "../policy/PolicyEditor";
import { UNKNOWN_ISSUER } from "../policy/policy";
import { templateQueries } from "../policy/queries";
import { usePolicyChecks } from "../policy/usePolicyChecks";
import { CsrView } from "./CsrView";
import { DeleteOperation } from "./DeleteOperation";
import {
  BLANK,
  blankPolicy,
  type CreateForm,
  createArgs,
  createBlocker,
  defaultTemplate,
  newForm,
  noChoices,
  policyOf,
  shownIssues,
} from "./form";
import { MergeDrop } from "./MergeDrop";
import { formatElapsed, isCancelled, issuerLabel, refreshRow, statusLabel } from "./operation";
import { OperationFailure } from "./PendingOperationSection";
import { useNameCheck } from "./useNameCheck";
import { useElapsed, useOperationWatch } from "./useOperationWatch";
import "./create.css";

const createWords: NameWords = { doing: "creating", verb: "create" };

/** The vault toolbar's "New certificate": the dialog, and selecting what it created. */
export function NewCertificateButton({
  vault,
  onSelect,
}: {
  vault: VaultEntry;
  /** Selects a certificate in the vault's table (its details open). */
  onSelect: (name: string) => void;
}) {
  const [open, setOpen] = useState(false);
  useShortcut("newCertificate", () => setOpen(true));
  const queryClient = useQueryClient();
  // A certificate created but not issued while the dialog was open: shown and selected on close.
  const pending = useRef<string | null>(null);
  const close = () => {
    setOpen(false);
    const name = pending.current;
    pending.current = null;
    if (name) {
      void refreshRow(queryClient, vault.id, name);
      onSelect(name);
    }
  };
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="new-certificate-button"
        title={`Create a certificate in this vault: self-signed, from an issuer, or a CSR to sign (${keysOf("newCertificate")})`}
        onClick={() => setOpen(true)}
      >
        <PlusIcon />
        New certificate
      </button>
      <Dialog
        open={open}
        onClose={close}
        labelledBy="create-title"
        testId="create-dialog"
        className="create-dialog"
      >
        <CreateFlow
          vault={vault}
          onClose={close}
          onSelect={onSelect}
          onPending={(name) => {
            pending.current = name;
          }}
        />
      </Dialog>
    </>
  );
}

/** A create under way: what the service said last, and how it ended. */
interface Run {
  name: string;
  operation: PendingOperation;
  started: number;
  outcome: OperationOutcome | null;
  deleted: boolean;
}

function CreateFlow({
  vault,
  onClose,
  onSelect,
  onPending,
}: {
  vault: VaultEntry;
  onClose: () => void;
  onSelect: (name: string) => void;
  onPending: (name: string | null) => void;
}) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<CreateForm>(newForm);
  const [run, setRun] = useState<Run | null>(null);
  const [failure, setFailure] = useState<PendingOperation | null>(null);

  const ended = (outcome: OperationOutcome) => {
    setRun((current) => current && { ...current, outcome });
    switch (outcome.outcome) {
      case "Issued":
        certificatesChanged(queryClient, vault.id, [outcome.certificate]);
        onSelect(outcome.certificate.name);
        onPending(null);
        break;
      case "AwaitingMerge":
        // The pending certificate joins the listing; the dialog offers the merge meanwhile.
        if (run) void refreshRow(queryClient, vault.id, run.name);
        break;
      case "Failed":
        // Back to the form, as it was, to fix and create again: the name now exists.
        setFailure(outcome.operation);
        setForm((current) => ({ ...current, choices: { ...noChoices, newVersion: true } }));
        setRun(null);
        break;
      case "OperationDeleted":
        if (outcome.certificate) certificatesChanged(queryClient, vault.id, [outcome.certificate]);
        break;
      case "Cancelled":
        break;
    }
  };

  if (run) {
    return (
      <RunView
        vault={vault}
        run={run}
        onChange={setRun}
        onEnded={ended}
        onClose={onClose}
        onMerged={(certificate) => {
          onSelect(certificate.name);
          onPending(null);
          onClose();
        }}
      />
    );
  }
  return (
    <FormView
      vault={vault}
      form={form}
      onForm={setForm}
      failure={failure}
      onClose={onClose}
      onStarted={(name, operation) => {
        setFailure(null);
        onPending(name);
        setRun({ name, operation, started: Date.now(), outcome: null, deleted: false });
      }}
    />
  );
}

function FormView({
  vault,
  form,
  onForm,
  failure,
  onClose,
  onStarted,
}: {
  vault: VaultEntry;
  form: CreateForm;
  onForm: (update: (form: CreateForm) => CreateForm) => void;
  failure: PendingOperation | null;
  onClose: () => void;
  onStarted: (name: string, operation: PendingOperation) => void;
}) {
  const templateId = useId();
  const templates = useQuery(templateQueries.list());
  const { check, recheck } = useNameCheck(vault.id, form.name);
  const checks = usePolicyChecks(vault.id, form.policy);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const set = (change: Partial<CreateForm>) => onForm((current) => ({ ...current, ...change }));

  // The first template fills the form once the templates are listed (blank if they cannot be).
  useEffect(() => {
    if (form.template !== null) return;
    if (templates.data) {
      const first = defaultTemplate(templates.data);
      onForm((current) => ({
        ...current,
        template: first?.id ?? BLANK,
        policy: first?.policy ?? blankPolicy(),
      }));
    } else if (templates.error) {
      onForm((current) => ({ ...current, template: BLANK, policy: blankPolicy() }));
    }
  }, [form.template, templates.data, templates.error, onForm]);

  // A failed attempt left the certificate behind: ask the vault again what the name is.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per failure
  useEffect(() => {
    if (failure) recheck();
  }, [failure]);

  const issues = shownIssues(form, checks.issues);
  const blocker = createBlocker(form, check, issues, checks.checking);

  const submit = async () => {
    const policy = form.policy;
    if (blocker || sending || !policy) return;
    setSending(true);
    setError(null);
    try {
      const result = await call("create_certificate", createArgs(vault.id, form, policy, check));
      setSending(false);
      if (result.outcome === "Started") onStarted(form.name, result.operation);
      else set({ refused: { policy, issues: result.issues } });
    } catch (err) {
      const appError = toAppError(err);
      setSending(false);
      setError(appError);
      // The name changed state since it was checked: show the choice it needs now.
      if (appError.code === "DeletedButRecoverable" || appError.code === "Conflict") recheck();
    }
  };

  const refused = form.refused !== null && form.refused.policy === form.policy;
  return (
    // Not a <form>: Enter in one of the policy's many fields must not create the certificate.
    <div className="create-form" data-testid="create-form">
      <div className="dialog-body form create-body">
        <h2 id="create-title">New certificate in {vault.name}</h2>
        {failure && (
          <div className="create-failure" data-testid="create-failure">
            <p>
              <strong>{failure.name}</strong> was not issued. The service said:
            </p>
            <OperationFailure operation={failure} />
            <p className="muted">Fix what it names, then create it again.</p>
          </div>
        )}
        <VaultNameField
          vaultName={vault.name}
          name={form.name}
          onName={(name) => set({ name, choices: noChoices })}
          // Not "Enter a name." before anything is typed: Create says what it waits for.
          problem={form.name === "" ? null : nameProblem(form.name)}
          check={check}
          onRecheck={recheck}
          choices={form.choices}
          onChoose={(choices) => set({ choices: { ...form.choices, ...choices } })}
          words={createWords}
        />
        {check?.status?.state === "Exists" && (
          <p className="muted create-note" data-testid="policy-replaced">
            A new version takes the policy below: it becomes {form.name}'s policy for renewals too.
          </p>
        )}
        <div className="field">
          <label htmlFor={templateId}>Start from</label>
          <select
            id={templateId}
            data-testid="template-select"
            value={form.template ?? ""}
            disabled={form.template === null}
            onChange={(event) => {
              const id = event.target.value;
              set({ template: id, policy: policyOf(templates.data ?? [], id), refused: null });
            }}
          >
            {form.template === null && <option value="">Loading templates…</option>}
            {(templates.data ?? []).map((template) => (
              <option key={template.id} value={template.id}>
                {template.name}
              </option>
            ))}
            <option value={BLANK}>Blank: the service's defaults</option>
          </select>
          <small>
            {templates.data?.find((template) => template.id === form.template)?.description ??
              "Change any field below; nothing is sent until you create."}
          </small>
          {templates.error && <ErrorMessage error={templates.error} />}
        </div>
        {refused && (
          <p className="field-error" role="alert" data-testid="create-refused">
            The service refused this policy: see the fields marked below.
          </p>
        )}
        {form.policy ? (
          <PolicyEditor
            value={form.policy}
            onChange={(policy) => set({ policy })}
            issues={issues}
            vault={vault.id}
            disabled={sending}
          />
        ) : (
          <div aria-busy="true">
            <span className="skeleton" />
            <span className="visually-hidden">Loading the template…</span>
          </div>
        )}
        <label className="check">
          <input
            type="checkbox"
            data-testid="enabled-input"
            checked={form.enabled}
            onChange={(event) => set({ enabled: event.target.checked })}
          />
          Enabled <small className="muted">— applications can use it as soon as it is issued</small>
        </label>
        <TagsEditor rows={form.tags} onChange={(tags) => set({ tags })} />
        {error && <ErrorMessage error={error} />}
      </div>
      <div className="dialog-actions">
        {blocker && form.name !== "" && (
          <span className="create-blocker muted" data-testid="create-blocker">
            {blocker}
          </span>
        )}
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button primary"
          data-testid="create-button"
          disabled={blocker !== null || sending}
          onClick={submit}
        >
          {sending ? "Creating…" : "Create"}
        </button>
      </div>
    </div>
  );
}

function RunView({
  vault,
  run,
  onChange,
  onEnded,
  onClose,
  onMerged,
}: {
  vault: VaultEntry;
  run: Run;
  onChange: (update: (run: Run | null) => Run | null) => void;
  onEnded: (outcome: OperationOutcome) => void;
  onClose: () => void;
  onMerged: (certificate: CertificateSummary) => void;
}) {
  const queryClient = useQueryClient();
  const running = run.outcome === null;
  const watch = useOperationWatch(vault.id, run.name, running, onEnded);
  const elapsed = useElapsed(run.started, running);
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const outcome = run.outcome;
  const operation =
    (outcome && "operation" in outcome && outcome.operation) ||
    (running && watch.operation) ||
    run.operation;
  const cancelled = outcome?.outcome === "Cancelled" || (running && isCancelled(operation));

  const cancel = () => {
    setCancelling(true);
    setError(null);
    call("cancel_operation", { vault: vault.id, name: run.name }).then(
      (cancelledOperation) => {
        setCancelling(false);
        onChange((current) => current && { ...current, operation: cancelledOperation });
      },
      (err: AppError) => {
        setCancelling(false);
        setError(err);
      },
    );
  };

  const title = run.deleted
    ? `The operation for ${run.name} is deleted`
    : outcome?.outcome === "Issued"
      ? `${run.name} is issued`
      : outcome?.outcome === "AwaitingMerge"
        ? `${run.name} waits for your certificate authority`
        : cancelled
          ? `Creating ${run.name} is cancelled`
          : outcome?.outcome === "OperationDeleted"
            ? `The operation for ${run.name} was deleted`
            : `Creating ${run.name}…`;

  return (
    <>
      <div className="dialog-body create-body create-run" data-testid="create-progress">
        <h2 id="create-title">{title}</h2>
        <dl className="facts create-facts">
          <div className="facts-row">
            <dt>Issuer</dt>
            <dd>{issuerLabel(operation.issuer)}</dd>
          </div>
          <div className="facts-row">
            <dt>Status</dt>
            <dd data-testid="operation-status" aria-live="polite" aria-busy={running}>
              {run.deleted ? "Deleted" : cancelled ? "Cancelled" : statusLabel(operation.status)}
              {cancelled && running && " (cancellation requested)"}
            </dd>
          </div>
          {operation.status_details && (
            <div className="facts-row">
              <dt>Details</dt>
              <dd data-testid="operation-details">{operation.status_details}</dd>
            </div>
          )}
          <div className="facts-row">
            <dt>Elapsed</dt>
            <dd data-testid="elapsed">
              <time>{formatElapsed(elapsed)}</time>
            </dd>
          </div>
        </dl>
        {running && !cancelled && (
          <p className="muted">
            You can close this: the operation goes on in the vault, where {run.name} shows as
            Pending until it is issued.
          </p>
        )}
        {watch.error && <ErrorMessage error={watch.error} />}
        {error && <ErrorMessage error={error} />}
        {outcome?.outcome === "Issued" && (
          <p className="create-done" data-testid="create-issued">
            {run.name} is in {vault.name}, selected in the table.
          </p>
        )}
        {outcome?.outcome === "AwaitingMerge" && (
          <div className="create-merge" data-testid="create-awaiting-merge">
            <p>
              Send this request to your certificate authority. When it signs it, drop the signed
              certificate here (or on {run.name}'s details later) to merge it. Until then {run.name}{" "}
              waits in the vault as Pending.
            </p>
            {operation.csr ? (
              <CsrView name={run.name} csr={operation.csr} />
            ) : (
              <p className="muted">The service has not sent the CSR.</p>
            )}
            {operation.issuer === UNKNOWN_ISSUER && (
              <MergeDrop vault={vault.id} name={run.name} onMerged={onMerged} />
            )}
          </div>
        )}
        {cancelled && !run.deleted && (
          <div className="create-cancelled" data-testid="create-cancelled">
            <p>Key Vault keeps a cancelled operation, never issuing it, until it is deleted.</p>
            <DeleteOperation
              vault={vault.id}
              name={run.name}
              onDeleted={() => {
                onChange((current) => current && { ...current, deleted: true });
                void refreshRow(queryClient, vault.id, run.name);
              }}
            />
          </div>
        )}
        {run.deleted && (
          <p data-testid="create-deleted">
            {run.name} stays in {vault.name}, disabled and without a certificate, until you create a
            new version or delete it.
          </p>
        )}
      </div>
      <div className="dialog-actions">
        {running && !cancelled && (
          <button
            type="button"
            className="button"
            data-testid="cancel-operation"
            disabled={cancelling}
            onClick={cancel}
          >
            Cancel the operation
          </button>
        )}
        <button
          type="button"
          className={outcome ? "button primary" : "button"}
          data-testid="close-create"
          onClick={onClose}
        >
          {outcome?.outcome === "Issued" ? "Done" : "Close"}
        </button>
      </div>
    </>
  );
}
