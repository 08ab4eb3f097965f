// The subject, built field by field (CN, O, OU, L, ST, C, E) or edited as text. The backend
// parses and formats it (parse_subject / format_subject), so escaping — commas, quotes, `+`
// multi-valued RDNs — round-trips exactly as the service reads it.
import { useEffect, useRef, useState } from "react";
import { call } from "../../ipc/backend";
import type { SubjectAttribute } from "../../ipc/bindings/SubjectAttribute";
import { toAppError } from "../../ipc/errors";
import { useField } from "./fields";
import { SUBJECT_FIELDS } from "./policy";

type Mode = { kind: "loading" } | { kind: "fields" } | { kind: "text"; reason: string | null };

const BUILDER_KEYS = new Set(SUBJECT_FIELDS.map((f) => f.key));

/** Why `attributes` cannot be shown field by field, or null when they can. */
export function notBuildable(attributes: readonly SubjectAttribute[]): string | null {
  const other = attributes.find((a) => !BUILDER_KEYS.has(a.key.toUpperCase()));
  if (other) return `The subject has a ${other.key} attribute, which only the text form can hold.`;
  if (attributes.some((a) => a.joined)) {
    return "The subject has a multi-valued part (joined with +), which only the text form can hold.";
  }
  const seen = new Set<string>();
  for (const a of attributes) {
    const key = a.key.toUpperCase();
    if (seen.has(key))
      return `The subject has more than one ${key}, which only the text form can hold.`;
    seen.add(key);
  }
  return null;
}

export function SubjectEditor({
  subject,
  onChange,
}: {
  subject: string | null;
  onChange: (subject: string | null) => void;
}) {
  const field = useField("x509_props.subject");
  const [mode, setMode] = useState<Mode>({ kind: "loading" });
  const [attributes, setAttributes] = useState<SubjectAttribute[]>([]);
  // The subject this editor last produced: a different one came from outside (a template).
  const emitted = useRef<string | null | undefined>(undefined);
  const formatting = useRef(0);

  const parseInto = async (text: string | null, stayInText: boolean) => {
    if (!text?.trim()) {
      setAttributes([]);
      setMode(stayInText ? { kind: "text", reason: null } : { kind: "fields" });
      return true;
    }
    try {
      const parsed = await call("parse_subject", { subject: text });
      const reason = notBuildable(parsed);
      if (reason) {
        setMode({ kind: "text", reason });
        return false;
      }
      setAttributes(parsed.map((a) => ({ ...a, key: a.key.toUpperCase() })));
      setMode(stayInText ? { kind: "text", reason: null } : { kind: "fields" });
      return true;
    } catch (err) {
      setMode({ kind: "text", reason: toAppError(err).message });
      return false;
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: parse only a subject from outside
  useEffect(() => {
    if (subject === emitted.current) return;
    emitted.current = subject;
    void parseInto(subject, mode.kind === "text");
  }, [subject]);

  const setValue = (key: string, value: string) => {
    const index = attributes.findIndex((a) => a.key === key);
    const next =
      index >= 0
        ? attributes.map((a, i) => (i === index ? { ...a, value } : a))
        : [...attributes, { key, value, joined: false }];
    setAttributes(next);
    const filled = next.filter((a) => a.value !== "");
    const request = ++formatting.current;
    call("format_subject", { attributes: filled }).then(
      (text) => {
        if (request !== formatting.current) return;
        emitted.current = text;
        onChange(text);
      },
      () => {},
    );
  };

  const setText = (text: string) => {
    emitted.current = text;
    onChange(text);
  };

  const toFields = async () => {
    await parseInto(subject, false);
  };

  return (
    <div className={field.invalid ? "policy-field invalid" : "policy-field"}>
      <div className="policy-subject-head">
        <span className="policy-label" id={`${field.id}-label`}>
          Subject
        </span>
        {mode.kind === "fields" && (
          <button
            type="button"
            className="button small ghost"
            onClick={() => setMode({ kind: "text", reason: null })}
          >
            Edit as text
          </button>
        )}
        {mode.kind === "text" && mode.reason === null && (
          <button type="button" className="button small ghost" onClick={() => void toFields()}>
            Edit field by field
          </button>
        )}
      </div>
      {mode.kind === "loading" && <span className="skeleton" aria-busy="true" />}
      {mode.kind === "fields" && (
        <fieldset className="policy-subject-fields" aria-labelledby={`${field.id}-label`}>
          {SUBJECT_FIELDS.map((f) => (
            <label key={f.key} className="policy-field">
              {f.label}
              <input
                value={attributes.find((a) => a.key === f.key)?.value ?? ""}
                onChange={(event) => setValue(f.key, event.target.value)}
                {...field.inputProps}
              />
            </label>
          ))}
        </fieldset>
      )}
      {mode.kind === "text" && (
        <>
          <input
            id={field.id}
            className="mono"
            aria-label="Subject as text"
            value={subject ?? ""}
            placeholder="CN=www.contoso.com, O=Contoso"
            onChange={(event) => setText(event.target.value)}
            {...field.inputProps}
          />
          {mode.reason && (
            <small className="muted" data-testid="subject-text-reason">
              {mode.reason}{" "}
              <button type="button" className="button small ghost" onClick={() => void toFields()}>
                Try field by field
              </button>
            </small>
          )}
        </>
      )}
      <small className="muted">
        {mode.kind === "fields"
          ? `Shown as ${subject || "—"}`
          : "An X.500 name, e.g. CN=www.contoso.com, O=Contoso"}
      </small>
      {field.notes}
    </div>
  );
}
