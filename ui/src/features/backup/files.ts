/** Key Vault backups end in `.kvbackup` (as `az keyvault certificate backup` names them). */
export const isBackupFile = (path: string) => path.toLowerCase().endsWith(".kvbackup");

/** A byte count for people: "812 bytes", "14.2 KB". */
export function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}
