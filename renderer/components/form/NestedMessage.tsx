// A nested message, collapsible. Children render only when open, so recursive types terminate.
import { useState } from 'react';
import type { SchemaModel } from '../../../shared/schema/model.js';
import type { JsonValue } from '../../../shared/calls/events.js';
import { MessageForm } from './MessageForm.js';

export function NestedMessage(props: {
  schema: SchemaModel;
  typeName: string;
  value: JsonValue | undefined;
  onChange: (v: JsonValue | undefined) => void;
  label: string;
  depth: number;
  disabled?: boolean;
}) {
  const { schema, typeName, value, onChange, label, depth, disabled } = props;
  const [open, setOpen] = useState(depth < 2 && value !== undefined ? true : depth < 1);
  const set = value !== undefined && value !== null;
  return (
    <details
      open={open}
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
      className="nested"
    >
      <summary aria-label={`${label} (${typeName})`}>
        {typeName.slice(typeName.lastIndexOf('.') + 1)}
        {set ? '' : ' — not set'}
        {set && !disabled && (
          <button
            className="small"
            style={{ marginLeft: 8 }}
            aria-label={`Clear ${label}`}
            onClick={(e) => {
              e.preventDefault();
              onChange(undefined);
            }}
          >
            clear
          </button>
        )}
      </summary>
      {open && !disabled && (
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
