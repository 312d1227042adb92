// Some schema sources leave json names empty (a descriptor without json_name); proto3 JSON then
// uses the lowerCamelCase of the field name, so the renderer fills them in once when a schema loads.
import type { SchemaModel } from '../../shared/schema/model.js';

export const lowerCamel = (name: string): string =>
  name.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function normalizeSchema(schema: SchemaModel): SchemaModel {
  let changed = false;
  const messages: SchemaModel['messages'] = {};
  for (const [k, m] of Object.entries(schema.messages)) {
    if (m.fields.every((f) => f.jsonName)) {
      messages[k] = m;
      continue;
    }
    changed = true;
    messages[k] = {
      ...m,
      fields: m.fields.map((f) => (f.jsonName ? f : { ...f, jsonName: lowerCamel(f.name) })),
    };
  }
  return changed ? { ...schema, messages } : schema;
}
