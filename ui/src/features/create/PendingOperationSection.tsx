import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { call } from "../../ipc/backend";
import type { OperationOutcome } from "../../ipc/bindings/OperationOutcome";
import type { PendingOperation } from "../../ipc/bindings/PendingOperation";
import type { VaultId } from "../../ipc/bindings/VaultId";
import type { AppError } from "../../ipc/errors";
import { certificatesChanged } from "../certificates/changes";
import { formatRelative } from "../certificates/dates";
import { CsrView } from "./CsrView";
import { DeleteOperation } from "./DeleteOperation";
import { MergeDrop } from "./MergeDrop";
import {
  awaitsMerge,
  isCancelled,
  isLive,
  issuerLabel,
  operationKey,
  refreshRow,
  statusLabel,
} from "./operation";
import { useOperationWatch } from "./useOperationWatch";
import "./create.css";

/**
 * A pending certificate's operation in its details pane: where it stands (live while the
 * service works on it), its CSR, and cancel, delete and merge.
 */
export function PendingOperationSection({
  vault,
  name,
  created,
}: {
  vault: VaultId;
  name: string;
  /** Unix seconds: when the certificate (and so the request) was created, if known. */
  created: number | null;
}) {
  const queryClient = useQueryClient();
  const query = useQuery<PendingOperation, AppError>({
    queryKey: operationKey(vault, name),
    queryFn: () => call("get_operation", { vault, name }),
  });
  const setOperation = (operation: PendingOperation) =>
    queryClient.setQueryData(operationKey(vault, name), operation);
  const onOutcome = (outcome: OperationOutcome) => {
    switch (outcome.outcome) {
      case "Issued":
        // The pane refetches the certificate, now issued, and this section goes.
        certificatesChanged(queryClient, vault, [outcome.certificate]);
        break;
      case "OperationDeleted":
        if (outcome.certificate) certificatesChanged(queryClient, vault, [outcome.certificate]);
        else void refreshRow(queryClient, vault, name);
        break;
      default:
        setOperation(outcome.operation);
    }
  };
  const live = query.data !== undefined && isLive(query.data);
  const watch = useOperationWatch(vault, name, live, onOutcome);
  const operation = (live && watch.operation) || query.data;

  return (
    <section
      className="details-section pending-operation"
      aria-label="Pending operation"
      data-testid="pending-operation"
    >
      <h3 className="section-title">Pending operation</h3>
      {query.isPending && (
        <div aria-busy="true">
          <span className="skeleton" />
          <span className="visually-hidden">Loading the operation…</span>
        </div>
      )}
      {query.error &&
        (query.error.code === "NotFound" ? (
          <p className="muted" data-testid="no-operation">
            No operation is pending: it was deleted or has ended.
          </p>
        ) : (
          <ErrorMessage error={query.error} />
        ))}
      {operation && (
        <OperationBody
          vault={vault}
          name={name}
          operation={operation}
          created={created}
          live={live}
          onChanged={setOperation}
          onDeleted={() => {
            void refreshRow(queryClient, vault, name);
            queryClient.removeQueries({ queryKey: operationKey(vault, name) });
          }}
        />
      )}
      {watch.error && <ErrorMessage error={watch.error} />}
    </section>
  );
}

function OperationBody({
  vault,
  name,
  operation,
  created,
  live,
  onChanged,
  onDeleted,
}: {
  vault: VaultId;
  name: string;
  operation: PendingOperation;
  created: number | null;
  live: boolean;
  onChanged: (operation: PendingOperation) => void;
  onDeleted: () => void;
}) {
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const cancel = () => {
    setCancelling(true);
    setError(null);
    call("cancel_operation", { vault, name }).then(
      (cancelled) => {
        setCancelling(false);
        onChanged(cancelled);
      },
      (err: AppError) => {
        setCancelling(false);
        setError(err);
      },
    );
  };
  const merging = awaitsMerge(operation);
  return (
    <>
      <dl className="facts">
        <div className="facts-row">
          <dt>Status</dt>
          <dd data-testid="operation-status" aria-live="polite" aria-busy={live}>
            {isCancelled(operation) ? "Cancelled" : statusLabel(operation.status)}
            {merging && " — waiting for the signed certificate"}
          </dd>
        </div>
        <div className="facts-row">
          <dt>Issuer</dt>
          <dd>{issuerLabel(operation.issuer)}</dd>
        </div>
        {created !== null && (
          <div className="facts-row">
            <dt>Requested</dt>
            <dd>{formatRelative(created)}</dd>
          </div>
        )}
        {operation.status_details && (
          <div className="facts-row">
            <dt>Details</dt>
            <dd data-testid="operation-details">{operation.status_details}</dd>
          </div>
        )}
      </dl>
      {operation.error && <OperationFailure operation={operation} />}
      {isCancelled(operation) && (
        <p className="muted">
          Key Vault keeps a cancelled operation, never issuing it, until it is deleted.
        </p>
      )}
      {operation.csr && <CsrView name={name} csr={operation.csr} />}
      {merging && <MergeDrop vault={vault} name={name} />}
      {error && <ErrorMessage error={error} />}
      <div className="choice-buttons">
        {operation.status === "inProgress" && !operation.cancellation_requested && (
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
        <DeleteOperation vault={vault} name={name} onDeleted={onDeleted} />
      </div>
    </>
  );
}

/** The service's (or the issuer's) reason, code and message. */
export function OperationFailure({ operation }: { operation: PendingOperation }) {
  const error = operation.error;
  return (
    <div className="error-message" role="alert" data-testid="operation-error">
      <strong>{error?.message ?? operation.status_details ?? "The operation failed."}</strong>
      {error?.code && <span className="error-code">{error.code}</span>}
    </div>
  );
}
