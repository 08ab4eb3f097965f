import type { CertificateSummary } from "../../ipc/bindings/CertificateSummary";

// Rows keep their identity across listing pages, so each is lower-cased once, not per keystroke.
const haystacks = new WeakMap<CertificateSummary, string>();

function haystack(cert: CertificateSummary): string {
  let text = haystacks.get(cert);
  if (text === undefined) {
    const tags = Object.entries(cert.tags).map(([key, value]) => `${key}\n${value}`);
    text = [cert.name, cert.thumbprint ?? "", ...tags].join("\n").toLowerCase();
    haystacks.set(cert, text);
  }
  return text;
}

/** A test for certificates whose name, thumbprint or a tag key or value contains `query`. */
export function searchFilter(query: string): (cert: CertificateSummary) => boolean {
  const needle = query.trim().toLowerCase();
  return needle ? (cert) => haystack(cert).includes(needle) : () => true;
}
