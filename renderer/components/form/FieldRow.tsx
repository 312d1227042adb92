// One field of a message: its label (the proto field name), its editor, presence for optional.
import { useId, type CSSProperties } from 'react';
import type { FieldInfo, SchemaModel } from '../../../shared/schema/model.js';
import type { JsonValue } from '../../../shared/calls/events.js';
import type { JsonObject } from '../../form/jsonPath.js';
import { fieldKeyIn, hasField } from '../../form/schemaLookup.js';
import { defaultFieldValue, isImplicitDefault } from '../../form/defaults.js';
import { ValueEditor, fullTypeLabel, typeLabel } from './ValueEditor.js';
import { RepeatedEditor } from './RepeatedEditor.js';
import { MapEditor } from './MapEditor.js';

export function setField(obj: JsonObject, field: FieldInfo, v: JsonValue | undefined): JsonObject {
  const key = fieldKeyIn(obj, field);
  const out: JsonObject = { ...obj };
  delete out[field.name];
  delete out[field.jsonName];
  if (v !== undefined) out[key] = v;
  return out;
}

/** The label column narrows with depth (a CSS variable the stylesheet reads). */
export const depthStyle = (depth: number): CSSProperties =>
  ({ '--depth': Math.min(depth, 6) }) as CSSProperties;

/** proto3 cannot tell this value from "not set": say so where it matters. */
function implicitHint(field: FieldInfo): string {
  const what =
    field.type.kind === 'enum'
      ? 'the first enum value'
      : field.type.kind === 'scalar' && field.type.scalar === 'bool'
        ? 'false'
        : field.type.kind === 'scalar' &&
            (field.type.scalar === 'string' || field.type.scalar === 'bytes')
          ? 'empty'
          : '0';
  return `${what} is not sent: the server sees "not set"`;
}

export function FieldRow({
  schema,
  field,
  obj,
  onChange,
  depth,
}: {
  schema: SchemaModel;
  field: FieldInfo;
  obj: JsonObject;
  onChange: (v: JsonObject) => void;
  depth: number;
}) {
  const id = useId();
  const present = hasField(obj, field);
  const value = obj[fieldKeyIn(obj, field)];
  const set = (v: JsonValue | undefined): void => onChange(setField(obj, field, v));
  // An optional field whose input is emptied stays set (and says the value is missing) rather
  // than unset under the cursor; "set (optional)" is the switch for presence.
  const setValue =
    field.optional && field.type.kind === 'scalar' && field.type.scalar !== 'string'
      ? (v: JsonValue | undefined): void => set(v ?? '')
      : set;
  // Said when a default is typed or filled in (not on every empty field, which would be noise).
  const hint =
    value !== undefined && isImplicitDefault(schema, field, value) ? implicitHint(field) : null;
  let editor;
  if (field.map)
    editor = <MapEditor schema={schema} field={field} value={value} onChange={set} depth={depth} />;
  else if (field.repeated)
    editor = (
      <RepeatedEditor schema={schema} field={field} value={value} onChange={set} depth={depth} />
    );
  else
    editor = (
      <ValueEditor
        schema={schema}
        type={field.type}
        value={value}
        onChange={setValue}
        id={id}
        label={field.name}
        depth={depth}
        disabled={field.optional && !present}
      />
    );
  return (
    <div className="form-field" style={depthStyle(depth)}>
      <label htmlFor={id} title={`${field.name}: ${fullTypeLabel(field)}`}>
        <span className={field.deprecated ? 'deprecated' : undefined}>{field.name}</span>
        <span className="type">{typeLabel(field)}</span>
      </label>
      <div className="control">
        {field.optional && (
          <label className="line muted">
            <input
              type="checkbox"
              aria-label={`${field.name} is set`}
              checked={present}
              onChange={(e) => set(e.target.checked ? defaultFieldValue(schema, field) : undefined)}
            />
            set (optional)
          </label>
        )}
        {editor}
        {hint && <span className="presence-hint">{hint}</span>}
      </div>
      {field.comment && <div className="comment">{field.comment}</div>}
    </div>
  );
}
