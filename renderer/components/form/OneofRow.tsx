// A oneof: a choice of one branch, then that branch's editor.
import { useId } from 'react';
import type { MessageInfo, SchemaModel } from '../../../shared/schema/model.js';
import type { JsonObject } from '../../form/jsonPath.js';
import { chosenOneofField, oneofMembers } from '../../form/schemaLookup.js';
import { chooseOneof } from '../../form/oneof.js';
import { FieldRow, depthStyle } from './FieldRow.js';

export function OneofRow({
  schema,
  msg,
  oneof,
  obj,
  onChange,
  depth,
}: {
  schema: SchemaModel;
  msg: MessageInfo;
  oneof: string;
  obj: JsonObject;
  onChange: (v: JsonObject) => void;
  depth: number;
}) {
  const id = useId();
  const chosen = chosenOneofField(msg, oneof, obj);
  return (
    <div className="form-field" style={depthStyle(depth)}>
      <label htmlFor={id}>
        {oneof}
        <span className="type">oneof</span>
      </label>
      <div className="control">
        <select
          id={id}
          aria-label={oneof}
          value={chosen?.name ?? ''}
          onChange={(e) => onChange(chooseOneof(schema, msg, oneof, e.target.value || null, obj))}
        >
          <option value="">(none)</option>
          {oneofMembers(msg, oneof).map((f) => (
            <option key={f.name} value={f.name}>
              {f.name}
            </option>
          ))}
        </select>
        {chosen && (
          <div className="nested">
            <FieldRow schema={schema} field={chosen} obj={obj} onChange={onChange} depth={depth} />
          </div>
        )}
      </div>
    </div>
  );
}
