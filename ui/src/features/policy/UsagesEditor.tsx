// Extended key usages (named checkboxes plus custom OIDs) and key usages. None on either
// means the service's default, said in words; ticking a box makes the list explicit.
import { CloseIcon } from "../../components/icons";
import type { KeyUsage } from "../../ipc/bindings/KeyUsage";
import { useField } from "./fields";
import { KEY_USAGES, NAMED_EKUS } from "./policy";

const NAMED = new Set(NAMED_EKUS.map((e) => e.oid));

export function EkuEditor({
  ekus,
  onChange,
}: {
  ekus: string[] | null;
  onChange: (ekus: string[] | null) => void;
}) {
  const list = ekus ?? [];
  // Custom entries keep their index in the whole list, where their issues point.
  const custom = list.map((oid, index) => ({ oid, index })).filter((e) => !NAMED.has(e.oid));
  const customFields = custom.map((e) => `x509_props.ekus.${e.index}`);
  const group = useField("x509_props.ekus", { under: true, exclude: customFields });
  const toggle = (oid: string, on: boolean) =>
    onChange(on ? [...list, oid] : list.filter((e) => e !== oid));
  return (
    <fieldset
      className="policy-subsection"
      data-testid="ekus"
      aria-describedby={group.inputProps["aria-describedby"]}
    >
      <legend>Extended key usages</legend>
      {ekus === null && (
        <small className="muted">
          Not set: the service's default, server and client authentication.
        </small>
      )}
      <div className="policy-checks">
        {NAMED_EKUS.map((eku) => (
          <label key={eku.oid} className="policy-check-item">
            <input
              type="checkbox"
              checked={list.includes(eku.oid)}
              onChange={(event) => toggle(eku.oid, event.target.checked)}
            />
            {eku.label} <span className="muted mono small">{eku.oid}</span>
          </label>
        ))}
      </div>
      {custom.length > 0 && (
        <ul className="policy-custom-oids">
          {custom.map(({ oid, index }) => (
            <CustomOid
              key={index}
              index={index}
              oid={oid}
              onChange={(next) => onChange(list.map((e, i) => (i === index ? next : e)))}
              onRemove={() => onChange(list.filter((_, i) => i !== index))}
            />
          ))}
        </ul>
      )}
      <div className="policy-row">
        <button
          type="button"
          className="button small"
          disabled={group.disabled}
          onClick={() => onChange([...list, ""])}
        >
          Add custom OID
        </button>
        {ekus !== null && (
          <button type="button" className="button small ghost" onClick={() => onChange(null)}>
            Use the service's default
          </button>
        )}
      </div>
      {group.notes}
    </fieldset>
  );
}

function CustomOid({
  index,
  oid,
  onChange,
  onRemove,
}: {
  index: number;
  oid: string;
  onChange: (oid: string) => void;
  onRemove: () => void;
}) {
  const field = useField(`x509_props.ekus.${index}`);
  return (
    <li className={field.invalid ? "policy-field invalid" : "policy-field"}>
      <div className="policy-row">
        <input
          id={field.id}
          className="mono"
          aria-label="Custom usage OID"
          placeholder="1.3.6.1.4.1.311.20.2.2"
          value={oid}
          onChange={(event) => onChange(event.target.value)}
          {...field.inputProps}
        />
        <button
          type="button"
          className="button small icon-button ghost"
          aria-label={`Remove custom usage ${oid || "(empty)"}`}
          data-tooltip="Remove this usage"
          onClick={onRemove}
        >
          <CloseIcon />
        </button>
      </div>
      {field.notes}
    </li>
  );
}

export function KeyUsageEditor({
  usages,
  onChange,
}: {
  usages: KeyUsage[] | null;
  onChange: (usages: KeyUsage[] | null) => void;
}) {
  const group = useField("x509_props.key_usage", { under: true });
  const list = usages ?? [];
  const unknown = list.filter((u) => !KEY_USAGES.some((k) => k.value === u));
  return (
    <fieldset
      className="policy-subsection"
      data-testid="key-usage"
      aria-describedby={group.inputProps["aria-describedby"]}
    >
      <legend>Key usages</legend>
      {usages === null && (
        <small className="muted">Not set: the service's default for the key type.</small>
      )}
      <div className="policy-checks">
        {KEY_USAGES.map((usage) => (
          <label key={usage.value} className="policy-check-item">
            <input
              type="checkbox"
              checked={list.includes(usage.value)}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? [...list, usage.value]
                    : list.filter((u) => u !== usage.value),
                )
              }
            />
            {usage.label}
          </label>
        ))}
      </div>
      {unknown.length > 0 && <small className="muted">Also: {unknown.join(", ")}</small>}
      {usages !== null && (
        <div>
          <button type="button" className="button small ghost" onClick={() => onChange(null)}>
            Use the service's default
          </button>
        </div>
      )}
      {group.notes}
    </fieldset>
  );
}
