// Small questions asked of the schema model by the form, the validator and the JSON editor.
import type { FieldInfo, MessageInfo, SchemaModel } from '../../shared/schema/model.js';
import type { JsonValue } from '../../shared/calls/events.js';
import { isObject } from './jsonPath.js';

export const stripDot = (n: string): string => n.replace(/^\./, '');

export function findMessage(schema: SchemaModel, typeName: string): MessageInfo | undefined {
  return schema.messages[stripDot(typeName)];
}

/** proto3 JSON accepts both the json name and the proto name; canonical output uses the json name. */
export function fieldKeyIn(obj: JsonValue | undefined, field: FieldInfo): string {
  if (isObject(obj)) {
    if (Object.prototype.hasOwnProperty.call(obj, field.jsonName)) return field.jsonName;
    if (Object.prototype.hasOwnProperty.call(obj, field.name)) return field.name;
  }
  return field.jsonName;
}

export function hasField(obj: JsonValue | undefined, field: FieldInfo): boolean {
  return (
    isObject(obj) &&
    (Object.prototype.hasOwnProperty.call(obj, field.jsonName) ||
      Object.prototype.hasOwnProperty.call(obj, field.name))
  );
}

export function fieldByKey(msg: MessageInfo, key: string): FieldInfo | undefined {
  return msg.fields.find((f) => f.jsonName === key || f.name === key);
}

export function oneofMembers(msg: MessageInfo, oneof: string): FieldInfo[] {
  return msg.fields.filter((f) => f.oneof === oneof);
}

/** Which branch of a oneof is set in a JSON object, if any. */
export function chosenOneofField(
  msg: MessageInfo,
  oneof: string,
  obj: JsonValue | undefined,
): FieldInfo | undefined {
  return oneofMembers(msg, oneof).find((f) => hasField(obj, f));
}

/** All message types, for the Any type picker. */
export function messageTypeNames(schema: SchemaModel): string[] {
  return Object.keys(schema.messages).sort();
}
