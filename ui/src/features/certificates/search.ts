import type { CertificateSummary } from "../../ipc/pending-bindings";

/** Whether the certificate's name, thumbprint or a tag key or value contains `query`. */
export function matchesSearch(cert: CertificateSummary, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  const has = (text: string | null | undefined) => !!text && text.toLowerCase().includes(needle);
  return (
    has(cert.name) ||
    has(cert.thumbprint) ||
    Object.entries(cert.tags).some(([key, value]) => has(key) || has(value))
  );
}
