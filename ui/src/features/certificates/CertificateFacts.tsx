import type { ReactNode } from "react";
import type { CertificateDetails } from "../../ipc/bindings/CertificateDetails";
import type { CertificateInfo } from "../../ipc/bindings/CertificateInfo";
import type { KeyInfo } from "../../ipc/bindings/KeyInfo";
import type { PolicySummary } from "../../ipc/bindings/PolicySummary";
import type { San } from "../../ipc/bindings/San";
import { CopyValue } from "./CopyValue";
import { TagChips } from "./cells";
import { formatDateTime } from "./dates";
import { ekuName } from "./eku";
import { StatusBadge } from "./StatusBadge";
import { ValidityBar } from "./ValidityBar";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="details-section" aria-label={title}>
      <h3 className="section-title">{title}</h3>
      {children}
    </section>
  );
}

const yesNo = (value: boolean | null) => (value === null ? "—" : value ? "Yes" : "No");

const sanKinds: { key: keyof San; label: string }[] = [
  { key: "dns", label: "DNS" },
  { key: "ip", label: "IP" },
  { key: "email", label: "Email" },
  { key: "uri", label: "URI" },
  { key: "upn", label: "UPN" },
];

export function Sans({ san }: { san: San }) {
  const kinds = sanKinds.filter((kind) => san[kind.key].length > 0);
  if (kinds.length === 0) return <p className="muted">None</p>;
  return (
    <dl className="facts" data-testid="sans">
      {kinds.map((kind) => (
        <div key={kind.key} className="facts-row">
          <dt>{kind.label}</dt>
          <dd className="chips">
            {san[kind.key].map((value) => (
              <span key={value} className="chip mono">
                {value}
              </span>
            ))}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** "RSA · 2048 bits", "EC · P-256". */
export const keyLabel = (key: Pick<KeyInfo, "type" | "bits" | "curve">) =>
  [key.type, key.bits && `${key.bits} bits`, key.curve].filter(Boolean).join(" · ");

function Certificate({ info }: { info: CertificateInfo }) {
  return (
    <>
      <Section title="Identity">
        <dl className="facts">
          <dt>Subject</dt>
          <dd className="mono" data-testid="subject">
            {info.subject}
          </dd>
          <dt>Issuer</dt>
          <dd className="mono">
            {info.issuer}
            {info.self_signed && <span className="badge neutral">Self-signed</span>}
            {info.is_ca && <span className="badge neutral">CA</span>}
          </dd>
          <dt>Serial</dt>
          <dd className="mono">{info.serial}</dd>
        </dl>
      </Section>
      <Section title="Subject alternative names">
        <Sans san={info.san} />
      </Section>
      <Section title="Thumbprints">
        <dl className="facts">
          <dt>SHA-1</dt>
          <dd>
            <CopyValue what="SHA-1 thumbprint" value={info.sha1} />
          </dd>
          <dt>SHA-256</dt>
          <dd>
            <CopyValue what="SHA-256 thumbprint" value={info.sha256} />
          </dd>
        </dl>
      </Section>
      <Section title="Key and usage">
        <dl className="facts">
          <dt>Key</dt>
          <dd>{keyLabel(info.key)}</dd>
          <dt>Key usage</dt>
          <dd className="chips">
            {info.key_usage.length === 0 && <span className="muted">Not restricted</span>}
            {info.key_usage.map((usage) => (
              <span key={usage} className="chip">
                {usage}
              </span>
            ))}
          </dd>
          <dt>Extended</dt>
          <dd className="chips" data-testid="eku">
            {info.extended_key_usage.length === 0 && <span className="muted">Not restricted</span>}
            {info.extended_key_usage.map((oid) => (
              <span key={oid} className="chip" data-tooltip={oid}>
                {ekuName(oid)}
              </span>
            ))}
          </dd>
        </dl>
      </Section>
    </>
  );
}

function Policy({ policy }: { policy: PolicySummary }) {
  const key = [policy.key_type, policy.key_size && `${policy.key_size} bits`, policy.curve]
    .filter(Boolean)
    .join(" · ");
  return (
    <Section title="Policy">
      <dl className="facts">
        <dt>Issuer</dt>
        <dd>{policy.issuer ?? "—"}</dd>
        {policy.subject && (
          <>
            <dt>Subject</dt>
            <dd className="mono">{policy.subject}</dd>
          </>
        )}
        <dt>Key</dt>
        <dd>{key || "—"}</dd>
        <dt data-tooltip="Whether the private key can be downloaded with the certificate">
          Exportable
        </dt>
        <dd>{yesNo(policy.exportable)}</dd>
        <dt data-tooltip="Whether renewals keep the same key pair">Reuse key</dt>
        <dd>{yesNo(policy.reuse_key)}</dd>
        <dt>Content type</dt>
        <dd className="mono">{policy.content_type ?? "—"}</dd>
        <dt>Validity</dt>
        <dd>{policy.validity_months ? `${policy.validity_months} months` : "—"}</dd>
        <dt>Lifetime actions</dt>
        <dd>
          {policy.lifetime_actions.length === 0
            ? "None"
            : policy.lifetime_actions.map((action) => <div key={action}>{action}</div>)}
        </dd>
      </dl>
    </Section>
  );
}

/** Everything known about one version of a certificate. */
export function CertificateFacts({ details }: { details: CertificateDetails }) {
  const { summary, certificate, policy } = details;
  return (
    <div className="details-facts">
      <div className="details-status">
        <StatusBadge status={summary.status} />
        <span className="muted">{summary.enabled ? "Enabled" : "Disabled"}</span>
        {summary.updated !== null && (
          <span className="muted">Updated {formatDateTime(summary.updated)}</span>
        )}
      </div>
      {summary.not_before !== null && summary.expires !== null && (
        <Section title="Validity">
          <ValidityBar from={summary.not_before} to={summary.expires} status={summary.status} />
        </Section>
      )}
      {certificate ? (
        <Certificate info={certificate} />
      ) : (
        <p className="pending-note" data-testid="pending-note">
          This certificate is pending: Key Vault holds its key and a signing request, but no issued
          certificate yet. It becomes usable once its issuer signs the request, or once you merge a
          certificate signed elsewhere.
        </p>
      )}
      {policy && <Policy policy={policy} />}
      {Object.keys(summary.tags).length > 0 && (
        <Section title="Tags">
          <TagChips tags={summary.tags} all />
        </Section>
      )}
      <Section title="Identifier">
        <CopyValue what="id" value={summary.id} />
      </Section>
    </div>
  );
}
