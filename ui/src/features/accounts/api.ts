// The backend commands for accounts, sign-in and discovery.
import { call, stream } from "../../ipc/backend";
import type { AddDiscoveredVaultsArgs } from "../../ipc/bindings/AddDiscoveredVaultsArgs";
import type { SetSignInArgs } from "../../ipc/bindings/SetSignInArgs";
import type { SignInArgs } from "../../ipc/bindings/SignInArgs";
import type { SignInEvent } from "../../ipc/bindings/SignInEvent";

// Request ids are shared with every other cancellable command (listings count up from 1, the
// other views from 0x4000_0000 to 0x6000_0000): sign-ins count from 0x7000_0000.
let nextRequest = 0x7000_0000;

/** A fresh id for `cancel_request`. */
export const newSignInRequest = () => nextRequest++;

export const accountsApi = {
  list: () => call("list_accounts", null),
  /** Signs in, telling `onEvent` where the user must go (a browser page or a device code). */
  signIn: (args: SignInArgs, onEvent: (event: SignInEvent) => void) =>
    stream("sign_in", args, onEvent),
  signOut: (account: string) => call("sign_out", { account }),
  discover: (account: string) => call("discover_vaults", { account }),
  addDiscovered: (args: AddDiscoveredVaultsArgs) => call("add_discovered_vaults", args),
  /** Saves the app registration and tenant sign-in uses; answers with the new settings. */
  setSignIn: (args: SetSignInArgs) => call("set_sign_in", args),
  /** Stops a sign-in; nothing to tell the user if it fails, the request ends either way. */
  cancel: (request: number) => call("cancel_request", { request }).catch(() => null),
};
