import type { CertificateInfo } from "../../ipc/bindings/CertificateInfo";
import type { ImportPlan } from "../../ipc/bindings/ImportPlan";
import type { Report } from "../../ipc/bindings/Report";
import { keyLabel, Sans } from "../certificates/CertificateFacts";
import { formatDate } from "../certificates/dates";

/** "www.contoso.com" from "C=US, O=Contoso, CN=www.contoso.com"; the whole name without a CN. */
function commonName(dn: string): string {
  return (
    dn
      .split(", ")
      .find((part) => part.startsWith("CN="))
      ?.slice(3) ?? dn
  );
}

const seconds = (rfc3339: string) => Date.parse(rfc3339) / 1000;

function Validity({ leaf }: { leaf: CertificateInfo }) {
  const now = Date.now() / 1000;
  const from = seconds(leaf.not_before);
  const to = seconds(leaf.not_after);
  return (
    <>
      <span className="date">{formatDate(from)}</span> →{" "}
      <span className="date">{formatDate(to)}</span>
      {to < now && <span className="badge status-Expired">Expired</span>}
      {from > now && <span className="badge status-ExpiresSoon">Not yet valid</span>}
    </>
  );
}

/** Leaf → intermediates → root, then the issuers the files lack. */
function ChainPath({ report }: { report: Report }) {
  const role = (cert: CertificateInfo, index: number) =>
    index === 0 ? (cert.self_signed ? "self-signed" : "leaf") : cert.self_signed ? "root" : "CA";
  return (
    <ol className="chain-path" aria-label="Chain, leaf first">
      {report.certificates.map((cert, index) => (
        <li key={cert.sha256} title={cert.subject}>
          {commonName(cert.subject)} <small>{role(cert, index)}</small>
        </li>
      ))}
      {report.chain.missing_issuers.map((issuer) => (
        <li key={issuer} className="missing" title={issuer}>
          {commonName(issuer)} <small>missing</small>
        </li>
      ))}
    </ol>
  );
}

/** Whether the certificate comes with its key, in the words the user looks for. */
function privateKey(report: Report): { text: string; good: boolean } {
  const keys = report.private_keys;
  const [first] = keys;
  if (!first) return { text: "Missing: the file holds no private key", good: false };
  if (report.certificates.length === 0) {
    return { text: `Present (${keyLabel(first)}), without its certificate`, good: false };
  }
  if (!keys.some((key) => key.matches_certificate === 0)) {
    return { text: "Present, but does not match the certificate", good: false };
  }
  return { text: "Present, matches the certificate", good: true };
}

/** What the files hold and what Key Vault will make of them, as they will be sent. */
export function Preview({ plan }: { plan: ImportPlan }) {
  const { report } = plan;
  const leaf = report.certificates[0];
  const key = privateKey(report);
  return (
    <div className="preview">
      <dl className="facts preview-facts">
        {leaf && (
          <>
            <dt>Subject</dt>
            <dd className="mono" data-testid="subject">
              {leaf.subject}
            </dd>
            <dt>SANs</dt>
            <dd>
              <Sans san={leaf.san} />
            </dd>
            <dt>Issuer</dt>
            <dd className="mono">{leaf.issuer}</dd>
            <dt>Valid</dt>
            <dd>
              <Validity leaf={leaf} />
            </dd>
            <dt>Chain</dt>
            <dd>
              <ChainPath report={report} />
            </dd>
            <dt>Key</dt>
            <dd>{keyLabel(leaf.key)}</dd>
          </>
        )}
        <dt>Private key</dt>
        <dd data-testid="key-match" className={key.good ? "good" : "bad"}>
          {key.text}
        </dd>
      </dl>
      {report.key_vault.warnings.length > 0 && (
        <ul className="findings warnings" aria-label="Warnings">
          {report.key_vault.warnings.map((warning) => (
            <li key={warning.code}>{warning.message}</li>
          ))}
        </ul>
      )}
      {/* Nothing is sent for a certificate Key Vault would refuse. */}
      {report.key_vault.importable && (
        <section className="sent" data-testid="repairs" aria-label="What will be sent">
          <h4>What will be sent</h4>
          <p>{plan.sends}</p>
          {plan.repairs.length > 0 && (
            <ul>
              {plan.repairs.map((repair) => (
                <li key={repair.code}>{repair.message}</li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
