// Fakes of the policy commands for tests (this folder's and the embedding views'): a policy
// fixture and handlers answering as the backend does, simply.
import type { CertificatePolicy } from "../../ipc/bindings/CertificatePolicy";
import type { Commands } from "../../ipc/bindings/Commands";
import type { FieldIssue } from "../../ipc/bindings/FieldIssue";
import type { SubjectAttribute } from "../../ipc/bindings/SubjectAttribute";

export function policyFixture(overrides: Partial<CertificatePolicy> = {}): CertificatePolicy {
  return {
    key_props: { key_type: "RSA", key_size: 2048, curve: null, exportable: true, reuse_key: false },
    secret_props: { content_type: "application/x-pkcs12" },
    x509_props: {
      subject: "CN=web.contoso.com, O=Contoso",
      sans: {
        dns_names: ["web.contoso.com", "www.contoso.com"],
        emails: [],
        upns: [],
        uris: [],
        ip_addresses: ["10.0.0.1"],
      },
      ekus: ["1.3.6.1.5.5.7.3.1"],
      key_usage: ["digitalSignature", "keyEncipherment"],
      validity_months: 12,
    },
    lifetime_actions: [{ trigger: { lifetime_percentage: 80 }, action: "AutoRenew" }],
    issuer: { name: "Self", certificate_type: null, certificate_transparency: null },
    attributes: { enabled: true, created: 1_700_000_000, updated: 1_700_000_000 },
    ...overrides,
  };
}

/** parse_subject, for subjects without escaping: `A=b, C=d+E=f`. */
export function parseSubject({ subject }: Commands["parse_subject"]["args"]): SubjectAttribute[] {
  if (!subject.trim()) return [];
  return subject.split(/,\s*/).flatMap((rdn) =>
    rdn.split("+").map((part, i) => {
      const eq = part.indexOf("=");
      if (eq < 0)
        throw { code: "InvalidInput", message: `“${part}” is not KEY=value.`, hint: null };
      return { key: part.slice(0, eq).trim(), value: part.slice(eq + 1), joined: i > 0 };
    }),
  );
}

/** format_subject, the inverse of parseSubject. */
export function formatSubject({ attributes }: Commands["format_subject"]["args"]): string {
  return attributes
    .map((a, i) => `${i === 0 ? "" : a.joined ? "+" : ", "}${a.key}=${a.value}`)
    .join("");
}

/** check_policy: validity over 120 months is refused; an empty DNS name too. */
export function checkPolicy({ policy }: Commands["check_policy"]["args"]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const months = policy.x509_props.validity_months;
  if (months !== null && (months < 1 || months > 120)) {
    issues.push({
      field: "x509_props.validity_months",
      severity: "Error",
      message: "Validity must be between 1 and 120 months.",
    });
  }
  policy.x509_props.sans.dns_names.forEach((name, i) => {
    if (name.trim() === "") {
      issues.push({
        field: `x509_props.sans.dns_names.${i}`,
        severity: "Error",
        message: "A DNS name cannot be empty.",
      });
    } else if ([...name].some((c) => (c.codePointAt(0) ?? 0) > 127)) {
      issues.push({
        field: `x509_props.sans.dns_names.${i}`,
        severity: "Warning",
        message: `Sent as its punycode form.`,
      });
    }
  });
  return issues;
}

/** The policy commands over one certificate's stored policy. */
export function policyHandlers(policy: CertificatePolicy = policyFixture()) {
  return {
    get_policy: () => policy,
    check_policy: checkPolicy,
    parse_subject: parseSubject,
    format_subject: formatSubject,
    list_issuers: () => [{ name: "DigiCert-OV", provider: "DigiCert" }],
    list_templates: () => [],
  } satisfies {
    [K in keyof Commands]?: (args: Commands[K]["args"]) => Commands[K]["result"];
  };
}
