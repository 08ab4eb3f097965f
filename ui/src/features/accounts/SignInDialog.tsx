import { useEffect } from "react";
import { Dialog, DialogActions } from "../../components/Dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import { CopyIcon } from "../../components/icons";
import { useCopy } from "../../components/useCopy";
import { CopyValue } from "../certificates/CopyValue";
import type { Account, SignInMethod } from "./types";
import { type SignInState, type SignInTarget, useSignIn } from "./useSignIn";
import "./accounts.css";

/**
 * Signs in to Azure: opens the browser at once, shows where it went (in case none opened),
 * and offers a device code instead. Closing the dialog cancels the sign-in.
 */
export function SignInDialog({
  open,
  onClose,
  target,
  title = "Sign in to Azure",
  onSignedIn,
}: {
  open: boolean;
  onClose: () => void;
  target: SignInTarget;
  title?: string;
  onSignedIn?: (account: Account) => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      labelledBy="sign-in-title"
      testId="sign-in-dialog"
      className="sign-in-dialog"
    >
      <SignInFlow
        target={target}
        title={title}
        onClose={onClose}
        onSignedIn={(account) => {
          onSignedIn?.(account);
          onClose();
        }}
      />
    </Dialog>
  );
}

function SignInFlow({
  target,
  title,
  onClose,
  onSignedIn,
}: {
  target: SignInTarget;
  title: string;
  onClose: () => void;
  onSignedIn: (account: Account) => void;
}) {
  const { state, start } = useSignIn(target, onSignedIn);

  // On the next tick: React's development double mount then starts one sign-in, not two.
  // biome-ignore lint/correctness/useExhaustiveDependencies: starts once, when the dialog opens
  useEffect(() => {
    const timer = setTimeout(() => start("browser"));
    return () => clearTimeout(timer);
  }, []);

  const method: SignInMethod =
    state.step === "browser"
      ? "browser"
      : state.step === "device_code"
        ? "device_code"
        : state.method;

  return (
    <>
      <div className="dialog-body sign-in">
        <h2 id="sign-in-title">{title}</h2>
        <SignInStep state={state} />
      </div>
      <DialogActions onCancel={onClose}>
        {method === "browser" && (
          <button type="button" className="button" onClick={() => start("device_code")}>
            Use a code instead
          </button>
        )}
        {state.step === "failed" && (
          <button type="button" className="button primary" onClick={() => start(method)}>
            Try again
          </button>
        )}
      </DialogActions>
    </>
  );
}

function SignInStep({ state }: { state: SignInState }) {
  switch (state.step) {
    case "starting":
      return (
        <p className="sign-in-wait" aria-busy="true">
          <span className="spinner" aria-hidden="true" />
          {state.method === "browser" ? "Opening the browser…" : "Asking for a code…"}
        </p>
      );
    case "browser":
      return (
        <>
          <p className="sign-in-wait" aria-busy="true">
            <span className="spinner" aria-hidden="true" />
            Waiting for the browser…
          </p>
          <p className="muted">
            Finish signing in in the browser window CertDeck opened. If none opened, open this
            address in a browser on this computer:
          </p>
          <div className="sign-in-url" data-testid="sign-in-url">
            <CopyValue what="sign-in address" value={state.url} />
          </div>
        </>
      );
    case "device_code":
      return <DeviceCode state={state} />;
    case "failed":
      return <ErrorMessage error={state.error} />;
  }
}

function DeviceCode({ state }: { state: Extract<SignInState, { step: "device_code" }> }) {
  const copy = useCopy();
  return (
    <>
      <p>
        On any device, open <CopyValue what="link" value={state.verificationUri} /> and enter this
        code:
      </p>
      <div className="device-code">
        <output className="device-code-value" aria-label="Code" data-testid="device-code">
          {state.userCode}
        </output>
        <button type="button" className="button" onClick={() => copy("code", state.userCode)}>
          <CopyIcon />
          Copy code
        </button>
      </div>
      <p className="muted">{state.message}</p>
      <p className="sign-in-wait" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
        Waiting for you to enter the code…
      </p>
    </>
  );
}
