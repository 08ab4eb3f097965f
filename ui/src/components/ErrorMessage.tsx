import type { AppError } from "../ipc/errors";

/** How every backend error looks, inline or in a toast: the message, then what to do. */
export function ErrorMessage({ error }: { error: AppError }) {
  return (
    <div className="error-message" role="alert" data-error-code={error.code}>
      <strong>{error.message}</strong>
      {error.hint && <p>{error.hint}</p>}
      <span className="error-code">{error.code}</span>
    </div>
  );
}
