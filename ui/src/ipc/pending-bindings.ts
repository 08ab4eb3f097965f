// Stand-ins for the ts-rs bindings of the browsing commands until ./bindings has them.
export type VaultId = number;
export type CredentialKind =
  | { kind: "developer_tools" }
  | { kind: "azure_cli"; tenant_id: string | null }
  | { kind: "service_principal"; tenant_id: string; client_id: string }
  | { kind: "managed_identity"; client_id: string | null }
  | { kind: "local_vault"; data_dir: string };
export type VaultEntry = {
  id: VaultId;
  name: string;
  url: string;
  credential: CredentialKind;
  color: string | null;
  local_name: string | null;
};
export type CertificateStatus = "Expired" | "ExpiresSoon" | "Pending" | "Disabled" | "Healthy";
export type CertificateSummary = {
  name: string;
  id: string;
  version: string | null;
  enabled: boolean;
  not_before: number | null;
  expires: number | null;
  created: number | null;
  updated: number | null;
  thumbprint: string | null;
  tags: { [key in string]?: string };
  status: CertificateStatus;
};
export type CertificateDetails = {
  summary: CertificateSummary;
  certificate: CertificateInfo | null;
  policy: PolicySummary | null;
};
export type CertificateInfo = {
  subject: string;
  issuer: string;
  serial: string;
  not_before: string;
  not_after: string;
  sha1: string;
  sha256: string;
  x5t: string;
  san: San;
  key: KeyInfo;
  key_usage: string[];
  extended_key_usage: string[];
  is_ca: boolean;
  self_signed: boolean;
};
export type San = { dns: string[]; ip: string[]; email: string[]; uri: string[]; upn: string[] };
export type KeyInfo = { type: string; bits: number | null; curve: string | null };
export type PolicySummary = {
  issuer: string | null;
  subject: string | null;
  key_type: string | null;
  key_size: number | null;
  curve: string | null;
  exportable: boolean | null;
  reuse_key: boolean | null;
  content_type: string | null;
  validity_months: number | null;
  lifetime_actions: string[];
};
