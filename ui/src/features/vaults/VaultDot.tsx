import type { VaultEntry } from "../../ipc/bindings/VaultEntry";

export function VaultDot({ vault }: { vault: VaultEntry }) {
  return (
    <span
      className="vault-dot"
      aria-hidden="true"
      style={vault.color ? { background: vault.color } : undefined}
    />
  );
}
