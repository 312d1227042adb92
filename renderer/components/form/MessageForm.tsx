// A form generated from a message type: one row per field, a oneof as one choice.
import type { MessageInfo, SchemaModel } from '../../../shared/schema/model.js';
import type { JsonValue } from '../../../shared/calls/events.js';
import { isObject, type JsonObject } from '../../form/jsonPath.js';
import { findMessage } from '../../form/schemaLookup.js';
import { wellKnownKind } from '../../form/wellKnown.js';
import { FieldRow } from './FieldRow.js';
import { OneofRow } from './OneofRow.js';
import { WellKnownInput } from './WellKnownInput.js';
import { WrongShape } from './WrongShape.js';

export interface MessageFormProps {
  schema: SchemaModel;
  typeName: string;
  value: JsonValue | undefined;
  onChange: (v: JsonValue | undefined) => void;
  depth: number;
  label?: string;
}

export function MessageForm({ schema, typeName, value, onChange, depth, label }: MessageFormProps) {
  const wk = wellKnownKind(typeName);
  if (wk)
    return (
      <WellKnownInput
        schema={schema}
        kind={wk}
        value={value}
        onChange={onChange}
        label={label ?? typeName}
        depth={depth}
      />
    );
  const msg = findMessage(schema, typeName);
  if (!msg) return <p className="error-text">Unknown message type {typeName}</p>;
  if (value !== undefined && value !== null && !isObject(value))
    return (
      <WrongShape
        value={value}
        expected={`expected an object (${msg.name})`}
        label={label ?? msg.name}
        onChange={onChange}
      />
    );
  const obj: JsonObject = isObject(value) ? value : {};
  return <Fields schema={schema} msg={msg} obj={obj} onChange={onChange} depth={depth} />;
}

function Fields({
  schema,
  msg,
  obj,
  onChange,
  depth,
}: {
  schema: SchemaModel;
  msg: MessageInfo;
  obj: JsonObject;
  onChange: (v: JsonObject) => void;
  depth: number;
}) {
  const rendered = new Set<string>();
  if (msg.fields.length === 0) return <p className="muted">No fields.</p>;
  return (
    <div className="fields">
      {msg.fields.map((f) => {
        if (f.oneof) {
          if (rendered.has(f.oneof)) return null;
          rendered.add(f.oneof);
          return (
            <OneofRow
              key={`oneof:${f.oneof}`}
              schema={schema}
              msg={msg}
              oneof={f.oneof}
              obj={obj}
              onChange={onChange}
              depth={depth}
            />
          );
        }
        return (
          <FieldRow
            key={f.name}
            schema={schema}
            field={f}
            obj={obj}
            onChange={onChange}
            depth={depth}
          />
        );
      })}
    </div>
  );
}
