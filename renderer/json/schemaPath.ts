// What type sits at a path inside a message's JSON: used by the editor's completion.
import type {
  EnumInfo,
  FieldInfo,
  MessageInfo,
  SchemaModel,
  ValueType,
} from '../../shared/schema/model.js';
import { fieldByKey, findMessage } from '../form/schemaLookup.js';
import type { JsonPath } from '../form/jsonPath.js';

export type PathTarget =
  | { kind: 'message'; msg: MessageInfo }
  | { kind: 'field'; field: FieldInfo; enumInfo?: EnumInfo }
  | null;

/** The message whose object is at `path` (array indexes and map keys stepped over). */
export function messageAt(
  schema: SchemaModel,
  rootType: string,
  path: JsonPath,
): MessageInfo | undefined {
  let msg = findMessage(schema, rootType);
  let i = 0;
  while (msg && i < path.length) {
    const seg = path[i];
    if (typeof seg !== 'string') return undefined;
    const f = fieldByKey(msg, seg);
    if (!f) return undefined;
    i++;
    let t: ValueType = f.type;
    if (f.map) {
      t = f.map.value;
      i++; // the map key
    } else if (f.repeated && typeof path[i] === 'number') i++;
    if (t.kind !== 'message') return undefined;
    msg = findMessage(schema, t.typeName);
  }
  return i === path.length ? msg : undefined;
}

export function fieldAt(
  schema: SchemaModel,
  rootType: string,
  path: JsonPath,
): FieldInfo | undefined {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return undefined;
  const msg = messageAt(schema, rootType, path.slice(0, -1));
  return msg ? fieldByKey(msg, key) : undefined;
}
