// A nested message, collapsible. Children render only when open, so recursive types terminate.
// A message with a refused value inside opens by itself, so the marked field can be seen and
// focused; its summary says so even when closed.
import { useMemo, useState } from 'react';
import type { SchemaModel } from '../../../shared/schema/model.js';
import type { JsonValue } from '../../../shared/calls/events.js';
import { isObject } from '../../form/jsonPath.js';
import { blockingIssues, validateMessage } from '../../form/validate.js';
import { MessageForm } from './MessageForm.js';
import { WrongShape } from './WrongShape.js';

export function NestedMessage(props: {
  schema: SchemaModel;
  typeName: string;
  value: JsonValue | undefined;
  onChange: (v: JsonValue | undefined) => void;
  label: string;
  depth: number;
  disabled?: boolean;
  id?: string;
}) {
  const { schema, typeName, value, onChange, label, depth, disabled, id } = props;
  const set = value !== undefined && value !== null;
  const invalid = useMemo(
    () => set && blockingIssues(validateMessage(schema, typeName, value)).length > 0,
    [schema, typeName, value, set],
  );
  const [open, setOpen] = useState(depth < 2 && value !== undefined ? true : depth < 1);
  if (set && !isObject(value)) {
    return (
      <WrongShape
        value={value}
        expected={`expected an object (${typeName.slice(typeName.lastIndexOf('.') + 1)})`}
        label={label}
        id={id}
        onChange={onChange}
      />
    );
  }
  const shown = open || invalid;
  const short = typeName.slice(typeName.lastIndexOf('.') + 1);
  const visible = `${short}${set ? '' : ' — not set'}${invalid ? ' — has an invalid value' : ''}`;
  return (
    <details
      open={shown}
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
      className={invalid ? 'nested has-problem' : 'nested'}
    >
      {/* The name says which field this is, then exactly what the line shows (axe asks that the
          visible text be part of it); the tooltip carries the full type name. */}
      <summary aria-label={`${label}: ${visible}`} title={typeName}>
        <span className="type-name">{short}</span>
        {set ? '' : ' — not set'}
        {invalid && <span className="field-error"> — has an invalid value</span>}
      </summary>
      {shown && !disabled && set && (
        <button
          className="small nested-clear"
          aria-label={`Clear ${label}`}
          onClick={() => {
            setOpen(false);
            onChange(undefined);
          }}
        >
          clear
        </button>
      )}
      {shown && !disabled && (
        <MessageForm
          schema={schema}
          typeName={typeName}
          value={value ?? {}}
          onChange={onChange}
          depth={depth + 1}
        />
      )}
    </details>
  );
}
