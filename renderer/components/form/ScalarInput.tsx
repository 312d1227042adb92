// A scalar input: what is typed stays as typed until it parses; only valid values reach the draft.
import { useEffect, useRef, useState } from 'react';
import type { ScalarType } from '../../../shared/schema/model.js';
import type { JsonValue } from '../../../shared/calls/events.js';
import { bytesToBase64, is64Bit, parseScalar, scalarToText } from '../../form/scalars.js';

export interface ScalarInputProps {
  scalar: ScalarType;
  value: JsonValue | undefined;
  onChange: (v: JsonValue) => void;
  id?: string;
  label: string;
  disabled?: boolean;
}

export function ScalarInput({ scalar, value, onChange, id, label, disabled }: ScalarInputProps) {
  const [text, setText] = useState(() => scalarToText(value));
  const [error, setError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  // The draft changed elsewhere (the JSON view, Example): show it, unless it is what we typed.
  useEffect(() => {
    const parsed = parseScalar(scalar, text);
    if (!parsed.ok || JSON.stringify(parsed.value) !== JSON.stringify(value ?? null)) {
      if (value !== undefined || text !== '') {
        setText(scalarToText(value));
        setError(null);
      }
    }
  }, [value, scalar]);
  const aria = { 'aria-label': label };
  if (scalar === 'bool') {
    return (
      <input
        type="checkbox"
        role="switch"
        className="switch"
        id={id}
        {...aria}
        disabled={disabled}
        checked={value === true}
        onChange={(e) => onChange(e.target.checked)}
      />
    );
  }
  const commit = (t: string): void => {
    setText(t);
    const r = parseScalar(scalar, t);
    if (r.ok) {
      setError(null);
      onChange(r.value);
    } else setError(r.error);
  };
  const numeric = scalar !== 'string' && scalar !== 'bytes';
  return (
    <>
      <div className="line">
        <input
          id={id}
          {...aria}
          className={scalar === 'string' ? undefined : 'mono'}
          inputMode={numeric && !is64Bit(scalar) ? 'decimal' : undefined}
          placeholder={scalar === 'bytes' ? 'base64' : numeric ? '0' : ''}
          value={text}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
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
      {error && <span className="field-error">{error}</span>}
    </>
  );
}
