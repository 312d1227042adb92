// A number typed as text: committed when it is a positive number (in `unit`s), left out when
// empty, and said to be wrong otherwise — the document only holds valid values.
import { useState } from 'react';

export function NumberField({
  label,
  value,
  unit = 1,
  max,
  placeholder,
  bare = false,
  onChange,
}: {
  label: string;
  /** The stored value (in base units, e.g. bytes or ms). */
  value: number | undefined;
  /** Base units per typed unit (1 MiB = 1048576 bytes). */
  unit?: number;
  max: number;
  placeholder?: string;
  /** Just the input (named by `label`), for a toolbar. */
  bare?: boolean;
  onChange: (value: number | undefined) => void;
}) {
  const [text, setText] = useState(value === undefined ? '' : String(value / unit));
  const [problem, setProblem] = useState<string | null>(null);
  const commit = (t: string): void => {
    setText(t);
    if (t.trim() === '') {
      setProblem(null);
      onChange(undefined);
      return;
    }
    const n = Number(t);
    const base = Math.round(n * unit);
    if (!Number.isFinite(n) || base < 1 || base > max) {
      setProblem(`"${t.trim()}" is not a number between ${Math.ceil(1 / unit)} and ${max / unit}`);
      return;
    }
    setProblem(null);
    onChange(base);
  };
  if (bare)
    return (
      <>
        <input
          aria-label={label}
          placeholder={placeholder}
          // Six digits of milliseconds (a 2-minute deadline): the request header's action row
          // (Record, Deadline, Send) then fits one line of a 300 px request pane (900 px window).
          size={6}
          value={text}
          aria-invalid={problem ? true : undefined}
          title={problem ?? undefined}
          onChange={(e) => commit(e.target.value)}
        />
        {problem && <span className="field-error">{problem}</span>}
      </>
    );
  return (
    <label className="row">
      {label}
      <input
        className="mono"
        inputMode="decimal"
        placeholder={placeholder}
        value={text}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => commit(e.target.value)}
      />
      {problem && <span className="field-error">{problem}</span>}
    </label>
  );
}
