// The certificate policy as the editor sees it: the choices it offers, defaults for a new
// certificate, and small pure helpers (immutable updates, lifetime action dates).
import type { CertificatePolicy } from "../../ipc/bindings/CertificatePolicy";
import type { KeyCurve } from "../../ipc/bindings/KeyCurve";
import type { KeyType } from "../../ipc/bindings/KeyType";
import type { KeyUsage } from "../../ipc/bindings/KeyUsage";
import type { LifetimeAction } from "../../ipc/bindings/LifetimeAction";
import type { PolicySans } from "../../ipc/bindings/PolicySans";

export const SELF_ISSUER = "Self";
export const UNKNOWN_ISSUER = "Unknown";

export const KEY_TYPES: { value: KeyType; label: string }[] = [
  { value: "RSA", label: "RSA" },
  { value: "RSA-HSM", label: "RSA-HSM" },
  { value: "EC", label: "EC" },
  { value: "EC-HSM", label: "EC-HSM" },
];
export const RSA_SIZES = [2048, 3072, 4096];
export const EC_CURVES: KeyCurve[] = ["P-256", "P-384", "P-521", "P-256K"];

export const isEc = (type: KeyType | null) => type === "EC" || type === "EC-HSM";
export const isHsm = (type: KeyType | null) => type === "RSA-HSM" || type === "EC-HSM";

export const CONTENT_TYPES = [
  { value: "application/x-pkcs12", label: "PKCS #12 (.pfx)" },
  { value: "application/x-pem-file", label: "PEM" },
];

export const NAMED_EKUS: { oid: string; label: string }[] = [
  { oid: "1.3.6.1.5.5.7.3.1", label: "Server authentication" },
  { oid: "1.3.6.1.5.5.7.3.2", label: "Client authentication" },
  { oid: "1.3.6.1.5.5.7.3.3", label: "Code signing" },
  { oid: "1.3.6.1.5.5.7.3.4", label: "E-mail protection" },
  { oid: "1.3.6.1.5.5.7.3.8", label: "Time stamping" },
  { oid: "1.3.6.1.5.5.7.3.9", label: "OCSP signing" },
];

export const KEY_USAGES: { value: KeyUsage; label: string }[] = [
  { value: "digitalSignature", label: "Sign data (digital signature)" },
  { value: "nonRepudiation", label: "Prove authorship (non-repudiation)" },
  { value: "keyEncipherment", label: "Encrypt keys (key encipherment)" },
  { value: "dataEncipherment", label: "Encrypt data (data encipherment)" },
  { value: "keyAgreement", label: "Agree on keys (key agreement)" },
  { value: "keyCertSign", label: "Sign certificates (CA)" },
  { value: "cRLSign", label: "Sign revocation lists (CRL)" },
  { value: "encipherOnly", label: "Encrypt only, in key agreement" },
  { value: "decipherOnly", label: "Decrypt only, in key agreement" },
];

export const SAN_KINDS: {
  kind: keyof PolicySans;
  label: string;
  one: string;
  placeholder: string;
}[] = [
  { kind: "dns_names", label: "DNS names", one: "DNS name", placeholder: "www.contoso.com" },
  {
    kind: "emails",
    label: "E-mail addresses",
    one: "e-mail address",
    placeholder: "admin@contoso.com",
  },
  { kind: "upns", label: "User principal names", one: "UPN", placeholder: "user@contoso.com" },
  { kind: "uris", label: "URIs", one: "URI", placeholder: "https://contoso.com/" },
  { kind: "ip_addresses", label: "IP addresses", one: "IP address", placeholder: "10.0.0.1" },
];

/** The subject attributes the builder has a field for, in the order it shows them. */
export const SUBJECT_FIELDS: { key: string; label: string }[] = [
  { key: "CN", label: "Common name (CN)" },
  { key: "O", label: "Organization (O)" },
  { key: "OU", label: "Organizational unit (OU)" },
  { key: "L", label: "Locality (L)" },
  { key: "ST", label: "State or province (ST)" },
  { key: "C", label: "Country (C)" },
  { key: "E", label: "E-mail (E)" },
];

/** A self-signed RSA 2048 policy, as the service would default a new certificate. */
export function defaultPolicy(): CertificatePolicy {
  return {
    key_props: {
      key_type: "RSA",
      key_size: 2048,
      curve: null,
      exportable: true,
      reuse_key: false,
    },
    secret_props: { content_type: "application/x-pkcs12" },
    x509_props: {
      subject: "",
      sans: { dns_names: [], emails: [], upns: [], uris: [], ip_addresses: [] },
      ekus: null,
      key_usage: null,
      validity_months: 12,
    },
    lifetime_actions: [{ trigger: { lifetime_percentage: 80 }, action: "AutoRenew" }],
    issuer: { name: SELF_ISSUER, certificate_type: null, certificate_transparency: null },
    attributes: { enabled: true, created: null, updated: null },
  };
}

/** The validity window of the certificate's current version, Unix seconds. */
export interface CurrentVersion {
  not_before: number;
  expires: number;
}

/** When `action` fires for `current`, Unix seconds; null when the trigger has no number. */
export function firesAt(action: LifetimeAction, current: CurrentVersion): number | null {
  const { trigger } = action;
  if ("lifetime_percentage" in trigger) {
    const p = trigger.lifetime_percentage;
    if (!Number.isFinite(p)) return null;
    return current.not_before + ((current.expires - current.not_before) * p) / 100;
  }
  const d = trigger.days_before_expiry;
  if (!Number.isFinite(d)) return null;
  return current.expires - d * 86_400;
}
