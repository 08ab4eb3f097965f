// The accounts and discovery shapes of issue #16's design. The backend's generated bindings
// replace this file once its commands land: only these imports change.
import type { VaultEntry } from "../../ipc/bindings/VaultEntry";
import type { AppError } from "../../ipc/errors";

export type Cloud = "azure_public" | "azure_us_government" | "azure_china";

export type Account = {
  id: string;
  username: string;
  name: string;
  home_tenant: string;
  cloud: Cloud;
};

export type SignInMethod = "browser" | "device_code";

export type SignInArgs = {
  method: SignInMethod;
  tenant: string | null;
  cloud: Cloud;
  request: number;
};

export type SignInEvent =
  | { kind: "opened_browser"; url: string }
  | { kind: "device_code"; user_code: string; verification_uri: string; message: string };

export type DiscoveredVault = {
  name: string;
  uri: string;
  tenant_id: string;
  subscription_id: string;
  resource_group: string;
  location: string;
  sku: string;
  rbac: boolean;
  public_network_access: string | null;
  soft_delete: boolean;
  purge_protection: boolean;
  retention_days: number | null;
  added: boolean;
};

export type DiscoveredSubscription = {
  id: string;
  name: string;
  vaults: DiscoveredVault[];
  error: AppError | null;
};

export type TenantState =
  | { state: "listed"; subscriptions: DiscoveredSubscription[] }
  | { state: "needs_sign_in"; message: string }
  | { state: "failed"; error: AppError };

export type DiscoveredTenant = {
  id: string;
  name: string | null;
  default_domain: string | null;
  subscriptions: TenantState;
};

export type Discovery = { tenants: DiscoveredTenant[] };

export type DiscoveredVaultRef = { url: string; tenant_id: string; name: string };

export type AddDiscoveredVaultsArgs = { account: string; vaults: DiscoveredVaultRef[] };

export type SkippedVault = { url: string; error: AppError };

/** The vault list after adding, and what was not added, with why. */
export type AddedVaults = { vaults: VaultEntry[]; skipped: SkippedVault[] };

/** The sign-in fields of Settings; missing or null means the default. */
export type SignInSettings = {
  sign_in_client_id?: string | null;
  sign_in_tenant?: string | null;
};

export type SetSignInArgs = { client_id: string | null; tenant: string | null };

/** A vault's credential when it was added through an account. */
export type AccountCredential = { kind: "account"; account: string; tenant_id: string };

/** Whether `error` asks the user to sign in again (a refresh token needing interaction). */
export const needsSignIn = (error: AppError) => (error.code as string) === "SignInRequired";
