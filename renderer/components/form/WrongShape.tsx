// A value whose JSON shape does not fit its field (a string where a message goes, an object for a
// list…): shown as the JSON it is, marked, editable, never replaced by an empty form.
import { useId } from 'react';
import type { JsonValue } from '../../../shared/calls/events.js';
import { locateJson } from '../../json/locate.js';
import { FieldProblem, invalidProps } from './FieldProblem.js';

export function WrongShape({
  value,
  expected,
  label,
  id,
  onChange,
}: {
  value: JsonValue;
  expected: string;
  label: string;
  id?: string;
  onChange: (v: JsonValue | undefined) => void;
}) {
  const problemId = useId();
  const text = JSON.stringify(value);
  return (
    <>
      <div className="line">
        <input
          className="mono"
          id={id}
          aria-label={label}
          value={text}
          {...invalidProps(problemId, expected)}
          onChange={(e) => {
            try {
              onChange(locateJson(e.target.value).value);
            } catch {
              onChange(e.target.value); // kept as typed; still refused until it fits
            }
          }}
        />
        <button className="small" aria-label={`Clear ${label}`} onClick={() => onChange(undefined)}>
          clear
        </button>
      </div>
      <FieldProblem id={problemId} problem={expected} />
    </>
  );
}
