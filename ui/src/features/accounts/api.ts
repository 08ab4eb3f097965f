// The backend commands for accounts, sign-in and discovery.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { Settings } from "../../ipc/bindings/Settings";
import { toAppError } from "../../ipc/errors";
import type {
  Account,
  AddDiscoveredVaultsArgs,
  AddedVaults,
  Discovery,
  SetSignInArgs,
  SignInArgs,
  SignInEvent,
  SignInSettings,
} from "./types";

// Until the generated command map carries these commands, they go through invoke as `{ args }`
// like every other command.
async function command<T>(name: string, args: unknown, onEvent?: (event: never) => void) {
  try {
    return await invoke<T>(name, onEvent ? { args, onEvent: new Channel(onEvent) } : { args });
  } catch (err) {
    throw toAppError(err);
  }
}

// Request ids are shared with every other cancellable command (listings count up from 1, the
// other views from 0x4000_0000 to 0x6000_0000): sign-ins count from 0x7000_0000.
let nextRequest = 0x7000_0000;

/** A fresh id for `cancel_request`. */
export const newSignInRequest = () => nextRequest++;

export const accountsApi = {
  list: () => command<Account[]>("list_accounts", null),
  /** Signs in, telling `onEvent` where the user must go (a browser page or a device code). */
  signIn: (args: SignInArgs, onEvent: (event: SignInEvent) => void) =>
    command<Account>("sign_in", args, onEvent as (event: never) => void),
  signOut: (account: string) => command<Account[]>("sign_out", { account }),
  discover: (account: string) => command<Discovery>("discover_vaults", { account }),
  addDiscovered: (args: AddDiscoveredVaultsArgs) =>
    command<AddedVaults>("add_discovered_vaults", args),
  /** Saves the app registration and tenant sign-in uses; answers with the new settings. */
  setSignIn: (args: SetSignInArgs) => command<Settings & SignInSettings>("set_sign_in", args),
  /** Stops a sign-in; nothing to tell the user if it fails, the request ends either way. */
  cancel: (request: number) => invoke("cancel_request", { args: { request } }).catch(() => null),
};
