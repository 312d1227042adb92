// A oneof is a choice of one branch: choosing a branch removes the keys of the others.
import type { MessageInfo, SchemaModel } from '../../shared/schema/model.js';
import type { JsonValue } from '../../shared/calls/events.js';
import { isObject, type JsonObject } from './jsonPath.js';
import { oneofMembers } from './schemaLookup.js';
import { defaultFieldValue } from './defaults.js';

export function chooseOneof(
  schema: SchemaModel,
  msg: MessageInfo,
  oneof: string,
  branch: string | null,
  obj: JsonValue | undefined,
): JsonObject {
  const out: JsonObject = isObject(obj) ? { ...obj } : {};
  let kept: JsonValue | undefined;
  for (const f of oneofMembers(msg, oneof)) {
    if (f.name === branch) kept = out[f.jsonName] ?? out[f.name];
    delete out[f.jsonName];
    delete out[f.name];
  }
  if (branch !== null) {
    const field = msg.fields.find((f) => f.name === branch && f.oneof === oneof);
    if (field) out[field.jsonName] = kept ?? defaultFieldValue(schema, field);
  }
  return out;
}
