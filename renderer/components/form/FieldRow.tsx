// One field of a message: its label (the proto field name), its editor, presence for optional.
import { useId } from 'react';
import type { FieldInfo, SchemaModel } from '../../../shared/schema/model.js';
import type { JsonValue } from '../../../shared/calls/events.js';
import type { JsonObject } from '../../form/jsonPath.js';
import { fieldKeyIn, hasField } from '../../form/schemaLookup.js';
import { defaultFieldValue } from '../../form/defaults.js';
import { ValueEditor, typeLabel } from './ValueEditor.js';
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
        onChange={set}
        id={id}
        label={field.name}
        depth={depth}
        disabled={field.optional && !present}
      />
    );
  return (
    <div className="form-field">
      <label htmlFor={id} title={field.comment}>
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
      </div>
      {field.comment && <div className="comment">{field.comment}</div>}
    </div>
  );
}
