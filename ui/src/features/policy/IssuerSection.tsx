// Who signs: the vault itself (Self), nobody yet (Unknown: a CSR signed elsewhere, then
// merged) or an issuer configured in the vault, with its certificate type and transparency.
import { useQuery } from "@tanstack/react-query";
import type { PolicyIssuer } from "../../ipc/bindings/PolicyIssuer";
import type { VaultId } from "../../ipc/bindings/VaultId";
import { Check } from "./Check";
import { Labelled, useField } from "./fields";
import { SELF_ISSUER, UNKNOWN_ISSUER } from "./policy";
import { issuerQueries } from "./queries";

type Kind = "self" | "unknown" | "named";

const kindOf = (name: string | null): Kind =>
  name === null || name.toLowerCase() === SELF_ISSUER.toLowerCase()
    ? "self"
    : name.toLowerCase() === UNKNOWN_ISSUER.toLowerCase()
      ? "unknown"
      : "named";

export function IssuerSection({
  issuer,
  onChange,
  vault,
}: {
  issuer: PolicyIssuer;
  onChange: (issuer: PolicyIssuer) => void;
  vault: VaultId | null;
}) {
  const section = useField("issuer");
  const name = useField("issuer.name");
  const type = useField("issuer.certificate_type");
  const transparency = useField("issuer.certificate_transparency");
  const kind = kindOf(issuer.name);
  const issuers = useQuery({
    ...issuerQueries.list(vault ?? -1),
    // Fetched up front, so choosing "A certificate authority" can pick the first at once.
    enabled: vault !== null,
  });
  const named = issuers.data ?? [];
  const listed = named.some((i) => i.name === issuer.name);
  const setKind = (next: Kind) => {
    if (next === kind) return;
    if (next === "self")
      onChange({ name: SELF_ISSUER, certificate_type: null, certificate_transparency: null });
    else if (next === "unknown")
      onChange({ name: UNKNOWN_ISSUER, certificate_type: null, certificate_transparency: null });
    else onChange({ ...issuer, name: named[0]?.name ?? "" });
  };
  const choices: { kind: Kind; label: string; hint: string }[] = [
    { kind: "self", label: "Self-signed", hint: "The vault signs the certificate itself." },
    {
      kind: "unknown",
      label: "Unknown (CSR)",
      hint: "The vault makes a signing request; you get it signed elsewhere and merge the result.",
    },
    { kind: "named", label: "A certificate authority", hint: "An issuer configured in the vault." },
  ];
  return (
    <fieldset className="policy-section" data-testid="issuer" disabled={name.disabled}>
      <legend>Issuer</legend>
      {section.notes}
      <div className="policy-field" role="radiogroup" aria-label="Issuer" {...name.inputProps}>
        <div className="radio-row">
          {choices.map((choice) => (
            <label key={choice.kind} title={choice.hint}>
              <input
                type="radio"
                name={`${name.id}-kind`}
                checked={kind === choice.kind}
                onChange={() => setKind(choice.kind)}
              />
              {choice.label}
            </label>
          ))}
        </div>
        <small className="muted">{choices.find((c) => c.kind === kind)?.hint}</small>
        {kind !== "named" && name.notes}
      </div>
      {kind === "named" && (
        <>
          <Labelled label="Issuer name" field={name}>
            {issuers.isPending && vault !== null ? (
              <span className="skeleton" aria-busy="true" />
            ) : (
              <select
                id={name.id}
                value={issuer.name ?? ""}
                onChange={(event) => onChange({ ...issuer, name: event.target.value })}
                {...name.inputProps}
              >
                {!listed && (
                  <option value={issuer.name ?? ""}>{issuer.name || "Choose an issuer"}</option>
                )}
                {named.map((i) => (
                  <option key={i.name} value={i.name}>
                    {i.name}
                    {i.provider ? ` (${i.provider})` : ""}
                  </option>
                ))}
              </select>
            )}
          </Labelled>
          {issuers.error && (
            <small className="field-issue warning">
              The vault's issuers could not be listed: {issuers.error.message}
            </small>
          )}
          {issuers.data && named.length === 0 && (
            <small className="muted">This vault has no issuers configured.</small>
          )}
          <Labelled
            label="Certificate type"
            field={type}
            hint="A type the issuer's provider knows, e.g. OV-SSL."
          >
            <input
              id={type.id}
              value={issuer.certificate_type ?? ""}
              onChange={(event) =>
                onChange({ ...issuer, certificate_type: event.target.value || null })
              }
              {...type.inputProps}
            />
          </Labelled>
          <Check
            field={transparency}
            checked={issuer.certificate_transparency ?? false}
            onChange={(checked) => onChange({ ...issuer, certificate_transparency: checked })}
            label="Publish to certificate transparency logs"
          />
        </>
      )}
    </fieldset>
  );
}
