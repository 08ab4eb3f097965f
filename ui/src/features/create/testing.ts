// Fakes for the create tests: templates, operations and the policy commands the editor calls.
import type { CertificatePolicy } from "../../ipc/bindings/CertificatePolicy";
import type { Commands } from "../../ipc/bindings/Commands";
import type { PendingOperation } from "../../ipc/bindings/PendingOperation";
import type { PolicyTemplate } from "../../ipc/bindings/PolicyTemplate";
import type { SubjectAttribute } from "../../ipc/bindings/SubjectAttribute";
import type { Events } from "../../test/backend";

export const CSR = `-----BEGIN CERTIFICATE REQUEST-----
MIICijCCAXICAQAwRTELMAkGA1UEBhMCVVMxEDAOBgNVBAoMB0NvbnRvc28xJDAi
-----END CERTIFICATE REQUEST-----`;

export function selfSigned(subject = "CN=web.contoso.com"): CertificatePolicy {
  return {
    key_props: { key_type: "RSA", key_size: 2048, curve: null, exportable: true, reuse_key: false },
    secret_props: { content_type: "application/x-pkcs12" },
    x509_props: {
      subject,
      sans: { dns_names: [], emails: [], upns: [], uris: [], ip_addresses: [] },
      ekus: null,
      key_usage: null,
      validity_months: 12,
    },
    lifetime_actions: [{ trigger: { lifetime_percentage: 80 }, action: "AutoRenew" }],
    issuer: { name: "Self", certificate_type: null, certificate_transparency: null },
    attributes: { enabled: true, created: null, updated: null },
  };
}

export const portalTemplate: PolicyTemplate = {
  id: "builtin:portal-default",
  name: "Azure portal default",
  description: "Self-signed, RSA 2048, PKCS #12, 12 months, renewed at 80 %.",
  builtin: true,
  policy: selfSigned(),
};

export const csrTemplate: PolicyTemplate = {
  id: "builtin:csr",
  name: "CSR for your CA",
  description: "Signed by a certificate authority outside the vault.",
  builtin: true,
  policy: {
    ...selfSigned(),
    issuer: { name: "Unknown", certificate_type: null, certificate_transparency: null },
  },
};

export function operation(name: string, overrides: Partial<PendingOperation> = {}) {
  return {
    name,
    status: "inProgress",
    status_details: "Pending certificate created. Certificate request is in progress.",
    cancellation_requested: false,
    csr: CSR,
    issuer: "Self",
    error: null,
    target: null,
    request_id: "128f09f0",
    ...overrides,
  } satisfies PendingOperation;
}

export function parseSubject({ subject }: Commands["parse_subject"]["args"]): SubjectAttribute[] {
  if (!subject.trim()) return [];
  return subject.split(/,\s*/).map((part) => {
    const eq = part.indexOf("=");
    return { key: part.slice(0, eq), value: part.slice(eq + 1), joined: false };
  });
}

export function formatSubject({ attributes }: Commands["format_subject"]["args"]): string {
  return attributes.map((a) => `${a.key}=${a.value}`).join(", ");
}

/** A watch_operation the test drives: the channel to send states on, and how it ends. */
export function heldWatch() {
  let events: Events<"watch_operation"> | null = null;
  let finish: (outcome: Commands["watch_operation"]["result"]) => void = () => {};
  const handler = (
    _args: Commands["watch_operation"]["args"],
    channel: Events<"watch_operation">,
  ) => {
    events = channel;
    return new Promise<Commands["watch_operation"]["result"]>((resolve) => {
      finish = resolve;
    });
  };
  return {
    handler,
    send: (state: PendingOperation) => events?.onmessage(state),
    end: (outcome: Commands["watch_operation"]["result"]) => finish(outcome),
    get started() {
      return events !== null;
    },
  };
}
