import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { AppError } from "../../ipc/errors";
import { accountsApi, newSignInRequest } from "./api";
import { accountSignedIn } from "./queries";
import type { Account, Cloud, SignInMethod } from "./types";

/** Where a sign-in stands, as the dialog shows it. */
export type SignInState =
  | { step: "starting"; method: SignInMethod }
  | { step: "browser"; url: string }
  | { step: "device_code"; userCode: string; verificationUri: string; message: string }
  | { step: "failed"; method: SignInMethod; error: AppError };

export interface SignInTarget {
  /** A tenant id or domain to sign in to; null signs in at the account's home. */
  tenant: string | null;
  cloud: Cloud;
}

/**
 * Runs one sign-in at a time: `start` begins one (cancelling any running), `cancel` stops it.
 * A signed-in account goes into the accounts cache and to `onSignedIn`. Leaving the view
 * cancels what is still running, so no listener waits on a browser nobody watches.
 */
export function useSignIn(target: SignInTarget, onSignedIn: (account: Account) => void) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SignInState>({ step: "starting", method: "browser" });
  // The request running now; answers of one cancelled or replaced are ignored.
  const running = useRef<number | null>(null);
  const signedIn = useRef(onSignedIn);
  signedIn.current = onSignedIn;

  const cancel = useCallback(() => {
    if (running.current !== null) void accountsApi.cancel(running.current);
    running.current = null;
  }, []);

  const start = useCallback(
    (method: SignInMethod) => {
      cancel();
      const request = newSignInRequest();
      running.current = request;
      const current = () => running.current === request;
      setState({ step: "starting", method });
      accountsApi
        .signIn({ method, tenant: target.tenant, cloud: target.cloud, request }, (event) => {
          if (!current()) return;
          setState(
            event.kind === "opened_browser"
              ? { step: "browser", url: event.url }
              : {
                  step: "device_code",
                  userCode: event.user_code,
                  verificationUri: event.verification_uri,
                  message: event.message,
                },
          );
        })
        .then(
          (account) => {
            if (!current()) return;
            running.current = null;
            accountSignedIn(queryClient, account);
            signedIn.current(account);
          },
          (error: AppError) => {
            if (!current()) return;
            running.current = null;
            setState({ step: "failed", method, error });
          },
        );
    },
    [cancel, queryClient, target.tenant, target.cloud],
  );

  useEffect(() => cancel, [cancel]);

  return { state, start, cancel };
}
