// A map field as key/value rows. Keys are typed as text; a key that is taken waits until it is not.
import { useId, useState } from 'react';
import type { FieldInfo, SchemaModel } from '../../../shared/schema/model.js';
import type { JsonValue } from '../../../shared/calls/events.js';
import { isObject, renameKey, type JsonObject } from '../../form/jsonPath.js';
import { defaultValue } from '../../form/defaults.js';
import { checkScalarValue } from '../../form/scalars.js';
import { ValueEditor } from './ValueEditor.js';
import { wellKnownKind } from '../../form/wellKnown.js';
import { WrongShape } from './WrongShape.js';
import { invalidProps } from './FieldProblem.js';

export function MapEditor({
  schema,
  field,
  value,
  onChange,
  depth,
}: {
  schema: SchemaModel;
  field: FieldInfo;
  value: JsonValue | undefined;
  onChange: (v: JsonValue | undefined) => void;
  depth: number;
}) {
  const map = field.map;
  const obj: JsonObject = isObject(value) ? value : {};
  const [pending, setPending] = useState<Record<string, string>>({});
  const problemBase = useId();
  if (!map) return null;
  if (value !== undefined && value !== null && !isObject(value))
    return (
      <WrongShape
        value={value}
        expected="expected an object of key/value pairs (map)"
        label={field.name}
        onChange={onChange}
      />
    );
  const messageValues = map.value.kind === 'message' && !wellKnownKind(map.value.typeName);
  const set = (next: JsonObject): void => onChange(Object.keys(next).length ? next : undefined);
  const freshKey = (): string => {
    const base = map.key === 'string' ? 'key' : map.key === 'bool' ? 'true' : '0';
    if (!(base in obj)) return base;
    for (let i = 1; ; i++) {
      const k = map.key === 'string' ? `key${i}` : String(i);
      if (!(k in obj)) return k;
    }
  };
  return (
    <div role="group" aria-label={field.name}>
      {Object.entries(obj).map(([k, v], i) => {
        const typed = pending[k] ?? k;
        const keyErr =
          typed in obj && typed !== k
            ? 'this key is already used'
            : map.key === 'string'
              ? null
              : checkScalarValue(
                  map.key === 'bool' ? 'bool' : map.key,
                  map.key === 'bool'
                    ? typed === 'true' || (typed === 'false' ? false : typed)
                    : typed,
                );
        return (
          <div className={messageValues ? 'list-item stacked' : 'list-item'} key={i}>
            <input
              className="mono"
              style={{ width: '35%' }}
              aria-label={`${field.name} key ${i + 1}`}
              {...invalidProps(`${problemBase}-${i}`, keyErr)}
              value={typed}
              onChange={(e) => {
                const t = e.target.value;
                if (t in obj && t !== k) setPending((p) => ({ ...p, [k]: t }));
                else {
                  setPending((p) => {
                    const { [k]: _drop, ...rest } = p;
                    return rest;
                  });
                  set(renameKey(obj, k, t));
                }
              }}
            />
            {keyErr && (
              <span className="field-error map-key-error" id={`${problemBase}-${i}`}>
                {keyErr}
              </span>
            )}
            <div className="grow">
              <ValueEditor
                schema={schema}
                type={map.value}
                value={v}
                label={`${field.name} value ${i + 1}`}
                depth={depth}
                onChange={(nv) => set({ ...obj, [k]: nv ?? null })}
              />
            </div>
            <button
              className="small"
              aria-label={`Remove ${field.name} entry ${i + 1}`}
              onClick={() => {
                const { [k]: _drop, ...rest } = obj;
                set(rest);
              }}
            >
              ✕
            </button>
          </div>
        );
      })}
      <button
        className="small"
        aria-label={`Add ${field.name} entry`}
        onClick={() => set({ ...obj, [freshKey()]: defaultValue(schema, map.value) })}
      >
        + Add
      </button>
    </div>
  );
}
