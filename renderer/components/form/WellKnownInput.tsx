// Friendly inputs for well-known types: Timestamp with a date-time picker and "Now", Duration,
// nullable wrappers, Struct/Value/ListValue as JSON, Any with a type picker over the schema.
import { useEffect, useId, useState } from 'react';
import type { SchemaModel } from '../../../shared/schema/model.js';
import type { JsonValue } from '../../../shared/calls/events.js';
import { isObject, type JsonObject } from '../../form/jsonPath.js';
import {
  anyTypeName,
  anyTypeUrl,
  checkDuration,
  checkTimestamp,
  localInputToTimestamp,
  nowTimestamp,
  timestampToLocalInput,
  wellKnownKind,
  type WellKnownKind,
} from '../../form/wellKnown.js';
import { messageTypeNames } from '../../form/schemaLookup.js';
import { defaultScalar } from '../../form/scalars.js';
import { locateJson } from '../../json/locate.js';
import { errorMessage } from '../../api/client.js';
import { ScalarInput } from './ScalarInput.js';
import { MessageForm } from './MessageForm.js';
import { FieldProblem, draftText, invalidProps } from './FieldProblem.js';

export interface WellKnownInputProps {
  schema: SchemaModel;
  kind: WellKnownKind;
  value: JsonValue | undefined;
  onChange: (v: JsonValue | undefined) => void;
  id?: string;
  label: string;
  depth: number;
  disabled?: boolean;
}

export function WellKnownInput(p: WellKnownInputProps) {
  const aria = { 'aria-label': p.label };
  switch (p.kind.kind) {
    case 'timestamp':
      return <TimestampInput {...p} />;
    case 'duration':
    case 'fieldmask':
      return (
        <CheckedText
          {...p}
          check={
            p.kind.kind === 'duration'
              ? checkDuration
              : (v) => (typeof v === 'string' ? null : 'expected comma-separated paths')
          }
          placeholder={p.kind.kind === 'duration' ? '1.5s' : 'a.b,c'}
        />
      );
    case 'wrapper': {
      const scalar = p.kind.scalar;
      const isNull = p.value === undefined || p.value === null;
      return (
        <div className="line">
          <label className="muted">
            <input
              type="checkbox"
              aria-label={`${p.label} is null`}
              checked={isNull}
              disabled={p.disabled}
              onChange={(e) => p.onChange(e.target.checked ? undefined : defaultScalar(scalar))}
            />{' '}
            null
          </label>
          {!isNull && (
            <ScalarInput
              scalar={scalar}
              value={p.value}
              onChange={p.onChange}
              id={p.id}
              label={p.label}
              disabled={p.disabled}
            />
          )}
        </div>
      );
    }
    case 'struct':
    case 'value':
    case 'list':
      return <JsonText {...p} />;
    case 'empty':
      return (
        <span className="muted" {...aria}>
          {'{}'} (Empty)
        </span>
      );
    case 'any':
      return <AnyInput {...p} />;
  }
}

function TimestampInput({ value, onChange, id, label, disabled }: WellKnownInputProps) {
  const problemId = useId();
  const problem = value === undefined || value === null ? null : checkTimestamp(value);
  return (
    <>
      <div className="line">
        <input
          type="datetime-local"
          step={1}
          id={id}
          aria-label={label}
          disabled={disabled}
          value={timestampToLocalInput(value)}
          onChange={(e) => {
            const ts = localInputToTimestamp(e.target.value);
            if (ts) onChange(ts);
          }}
        />
        <button className="small" disabled={disabled} onClick={() => onChange(nowTimestamp())}>
          Now
        </button>
      </div>
      <CheckedText
        value={value}
        onChange={onChange}
        label={`${label} (RFC 3339)`}
        disabled={disabled}
        check={checkTimestamp}
        placeholder="2024-01-31T12:00:00Z"
        problemId={problemId}
        problem={problem}
      />
    </>
  );
}

/** A well-known type written as text (Duration, FieldMask, a Timestamp's text): kept as typed. */
function CheckedText({
  value,
  onChange,
  id,
  label,
  disabled,
  check,
  placeholder,
  problemId,
  problem,
}: {
  value: JsonValue | undefined;
  onChange: (v: JsonValue | undefined) => void;
  id?: string;
  label: string;
  disabled?: boolean;
  check: (v: JsonValue) => string | null;
  placeholder: string;
  problemId?: string;
  problem?: string | null;
}) {
  const ownId = useId();
  const pid = problemId ?? ownId;
  const err = problem !== undefined ? problem : value === undefined ? null : check(value);
  const [text, setText] = useState(draftText(value));
  // The draft changed elsewhere: show it (a non-string from JSON as its JSON text).
  useEffect(() => {
    if (JSON.stringify(text === '' ? undefined : text) !== JSON.stringify(value ?? undefined))
      setText(draftText(value));
  }, [value]);
  return (
    <>
      <input
        className="mono"
        id={id}
        aria-label={label}
        placeholder={placeholder}
        value={text}
        disabled={disabled}
        {...invalidProps(pid, err)}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value === '' ? undefined : e.target.value);
        }}
      />
      <FieldProblem id={pid} problem={err} />
    </>
  );
}

function JsonText({ value, onChange, id, label, disabled, kind }: WellKnownInputProps) {
  const show = (v: JsonValue | undefined): string =>
    v === undefined ? '' : JSON.stringify(v, null, 2);
  const [text, setText] = useState(show(value));
  const [err, setErr] = useState<string | null>(null);
  const problemId = useId();
  // A Struct or ListValue that does not parse (or has the wrong shape) goes into the draft as the
  // text itself, which validation refuses: Send is blocked, never sending the last good value.
  // (A Value may be any JSON, a string too, so its unparsed text is only marked here.)
  const keepsText = kind.kind !== 'value';
  useEffect(() => {
    if (keepsText && typeof value === 'string' && value === text) return; // kept as typed
    try {
      if (JSON.stringify(locateJson(text).value) === JSON.stringify(value)) return;
    } catch {
      // what is typed does not parse; the draft changed elsewhere, so show the draft
    }
    setText(show(value));
    setErr(null);
  }, [value]);
  const shape =
    value === undefined || value === null
      ? null
      : kind.kind === 'struct' && !isObject(value)
        ? 'a Struct is a JSON object'
        : kind.kind === 'list' && !Array.isArray(value)
          ? 'a ListValue is a JSON array'
          : null;
  const problem = err ?? shape;
  return (
    <>
      <textarea
        className="mono"
        rows={3}
        id={id}
        aria-label={label}
        disabled={disabled}
        placeholder={
          kind.kind === 'list'
            ? '[ … ]'
            : kind.kind === 'struct'
              ? '{ "any": "JSON" }'
              : 'any JSON value'
        }
        value={text}
        {...invalidProps(problemId, problem)}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === '') {
            setErr(null);
            onChange(undefined);
            return;
          }
          try {
            const v = locateJson(e.target.value).value;
            setErr(null);
            onChange(v);
          } catch (x) {
            setErr(errorMessage(x));
            if (keepsText) onChange(e.target.value);
          }
        }}
      />
      <FieldProblem id={problemId} problem={problem} />
    </>
  );
}

function AnyInput({ schema, value, onChange, id, label, depth, disabled }: WellKnownInputProps) {
  const typeName = anyTypeName(value);
  const obj: JsonObject = isObject(value) ? value : {};
  const innerWk = typeName ? wellKnownKind(typeName) : null;
  const inner: JsonValue = innerWk
    ? (obj.value ?? null)
    : Object.fromEntries(Object.entries(obj).filter(([k]) => k !== '@type'));
  const setInner = (v: JsonValue | undefined): void => {
    if (!typeName) return;
    const url = anyTypeUrl(typeName);
    if (innerWk) onChange(v === undefined ? { '@type': url } : { '@type': url, value: v });
    else onChange({ '@type': url, ...(isObject(v ?? null) ? (v as JsonObject) : {}) });
  };
  return (
    <div className="control">
      <select
        id={id}
        aria-label={label}
        aria-description="type of the Any"
        disabled={disabled}
        value={typeName ?? ''}
        onChange={(e) =>
          onChange(e.target.value ? { '@type': anyTypeUrl(e.target.value) } : undefined)
        }
      >
        <option value="">(pick a type)</option>
        {messageTypeNames(schema).map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      {typeName && (
        <div className="nested">
          <MessageForm
            schema={schema}
            typeName={typeName}
            value={inner}
            onChange={setInner}
            depth={depth + 1}
            label={`${label} value`}
          />
        </div>
      )}
    </div>
  );
}
