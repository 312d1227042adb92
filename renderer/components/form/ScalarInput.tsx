// A scalar input. What is typed goes into the draft as typed: a value that parses as its proto3
// JSON, anything else as the text itself, which validation refuses (marked here, blocking Send).
// So the form never shows one thing while the draft holds another, and Form ⇄ JSON keeps the text.
import { useEffect, useId, useRef, useState } from 'react';
import type { ScalarType } from '../../../shared/schema/model.js';
import type { JsonValue } from '../../../shared/calls/events.js';
import {
  bytesToBase64,
  checkScalarValue,
  is64Bit,
  scalarToText,
  textToDraft,
} from '../../form/scalars.js';
import { FieldProblem, invalidProps } from './FieldProblem.js';

export interface ScalarInputProps {
  scalar: ScalarType;
  value: JsonValue | undefined;
  onChange: (v: JsonValue | undefined) => void;
  id?: string;
  label: string;
  disabled?: boolean;
}

const same = (a: JsonValue | undefined, b: JsonValue | undefined): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function ScalarInput({ scalar, value, onChange, id, label, disabled }: ScalarInputProps) {
  const [text, setText] = useState(() => scalarToText(value));
  const problemId = useId();
  const file = useRef<HTMLInputElement>(null);
  // The draft changed elsewhere (the JSON view, Example): show it, unless it is what we typed.
  useEffect(() => {
    if (!same(textToDraft(scalar, text), value)) setText(scalarToText(value));
  }, [value, scalar]);
  // The problem comes from the draft itself, so a value that arrived from JSON is marked too.
  const problem = value === undefined ? null : checkScalarValue(scalar, value);
  const commit = (t: string): void => {
    setText(t);
    onChange(textToDraft(scalar, t));
  };
  // A bool that is not a bool (from JSON) is shown as the text it is, never as an unchecked box.
  if (scalar === 'bool' && (value === undefined || typeof value === 'boolean')) {
    return (
      <input
        type="checkbox"
        role="switch"
        className="switch"
        id={id}
        aria-label={label}
        disabled={disabled}
        checked={value === true}
        onChange={(e) => onChange(e.target.checked)}
      />
    );
  }
  const numeric = scalar !== 'string' && scalar !== 'bytes';
  return (
    <>
      <div className="line">
        <input
          id={id}
          aria-label={label}
          className={scalar === 'string' ? undefined : 'mono'}
          inputMode={numeric && scalar !== 'bool' && !is64Bit(scalar) ? 'decimal' : undefined}
          placeholder={
            scalar === 'bytes' ? 'base64' : scalar === 'bool' ? 'true or false' : numeric ? '0' : ''
          }
          value={text}
          disabled={disabled}
          {...invalidProps(problemId, problem)}
          onChange={(e) => commit(e.target.value)}
        />
        {scalar === 'bytes' && (
          <>
            <button
              className="small"
              disabled={disabled}
              onClick={() => file.current?.click()}
              title="Read the bytes of a file"
            >
              From file…
            </button>
            <input
              ref={file}
              type="file"
              hidden
              aria-label={`${label} file`}
              onChange={async (e) => {
                const f = e.target.files?.[0];
                if (f) commit(bytesToBase64(new Uint8Array(await f.arrayBuffer())));
              }}
            />
          </>
        )}
      </div>
      <FieldProblem id={problemId} problem={problem} />
    </>
  );
}
