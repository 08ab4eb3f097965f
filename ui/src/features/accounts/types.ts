// The accounts and discovery types the views use, generated from Rust.
import type { CredentialKind } from "../../ipc/bindings/CredentialKind";
import type { AppError } from "../../ipc/errors";

export type { Account } from "../../ipc/bindings/Account";
export type { AddedVaults } from "../../ipc/bindings/AddedVaults";
export type { Cloud } from "../../ipc/bindings/Cloud";
export type { DiscoveredSubscription } from "../../ipc/bindings/DiscoveredSubscription";
export type { DiscoveredTenant } from "../../ipc/bindings/DiscoveredTenant";
export type { DiscoveredVault } from "../../ipc/bindings/DiscoveredVault";
export type { Discovery } from "../../ipc/bindings/Discovery";
export type { SignInMethod } from "../../ipc/bindings/SignInMethod";
export type { TenantState } from "../../ipc/bindings/TenantState";

/** A vault's credential when it was added through an account. */
export type AccountCredential = Extract<CredentialKind, { kind: "account" }>;

/** Whether `error` asks the user to sign in again (a refresh token needing interaction). */
export const needsSignIn = (error: AppError) => error.code === "SignInRequired";
