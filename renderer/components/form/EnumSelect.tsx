// An enum as a choice of its values. A name the enum does not have (from JSON, or a renamed value)
// stays selected as what it is, marked invalid: never silently shown as the first value.
import { useId } from 'react';
import type { SchemaModel } from '../../../shared/schema/model.js';
import type { JsonValue } from '../../../shared/calls/events.js';
import { FieldProblem, draftText, invalidProps } from './FieldProblem.js';
import { awaitsSubstitution } from '../../form/placeholders.js';

export function enumProblem(
  values: readonly { name: string; number: number }[],
  typeName: string,
  value: JsonValue | undefined,
): string | null {
  if (value === undefined || value === null) return null;
  if (awaitsSubstitution(value)) return null; // a {{variable}}: checked after substitution
  if (typeof value === 'string' && values.some((v) => v.name === value)) return null;
  if (typeof value === 'number' && Number.isInteger(value)) return null; // open enum: any number
  const short = typeName.slice(typeName.lastIndexOf('.') + 1);
  return `${draftText(value)} is not a value of ${short}`;
}

export function EnumSelect({
  schema,
  typeName,
  value,
  onChange,
  id,
  label,
  disabled,
}: {
  schema: SchemaModel;
  typeName: string;
  value: JsonValue | undefined;
  onChange: (v: JsonValue | undefined) => void;
  id?: string;
  label: string;
  disabled?: boolean;
}) {
  const problemId = useId();
  const values = schema.enums[typeName.replace(/^\./, '')]?.values ?? [];
  const problem = enumProblem(values, typeName, value);
  const known =
    typeof value === 'number' ? values.find((v) => v.number === value)?.name : undefined;
  const current =
    value === undefined || value === null ? (values[0]?.name ?? '') : (known ?? draftText(value));
  const listed = values.some((v) => v.name === current);
  return (
    <>
      <select
        id={id}
        aria-label={label}
        value={current}
        disabled={disabled}
        {...invalidProps(problemId, problem)}
        onChange={(e) => onChange(e.target.value)}
      >
        {!listed && (
          <option value={current}>
            {current}{' '}
            {problem
              ? '(not in the enum)'
              : typeof value === 'string'
                ? '(a variable)'
                : '(unnamed number)'}
          </option>
        )}
        {values.map((v) => (
          <option key={v.name} value={v.name} title={v.comment}>
            {v.name} = {v.number}
          </option>
        ))}
      </select>
      <FieldProblem id={problemId} problem={problem} />
    </>
  );
}
