// Well-known types in a protobufjs root (the .proto parser's): kept apart from wkt.ts so that
// reflection and the codec, which use only the embedded descriptors, never load protobufjs.
import {
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  type DescriptorProto,
  type EnumDescriptorProto,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import protobuf from 'protobufjs';

const scalarNames: Partial<Record<FieldDescriptorProto_Type, string>> = {
  [FieldDescriptorProto_Type.DOUBLE]: 'double',
  [FieldDescriptorProto_Type.FLOAT]: 'float',
  [FieldDescriptorProto_Type.INT64]: 'int64',
  [FieldDescriptorProto_Type.UINT64]: 'uint64',
  [FieldDescriptorProto_Type.INT32]: 'int32',
  [FieldDescriptorProto_Type.FIXED64]: 'fixed64',
  [FieldDescriptorProto_Type.FIXED32]: 'fixed32',
  [FieldDescriptorProto_Type.BOOL]: 'bool',
  [FieldDescriptorProto_Type.STRING]: 'string',
  [FieldDescriptorProto_Type.BYTES]: 'bytes',
  [FieldDescriptorProto_Type.UINT32]: 'uint32',
  [FieldDescriptorProto_Type.SFIXED32]: 'sfixed32',
  [FieldDescriptorProto_Type.SFIXED64]: 'sfixed64',
  [FieldDescriptorProto_Type.SINT32]: 'sint32',
  [FieldDescriptorProto_Type.SINT64]: 'sint64',
};

interface PbjsJson {
  [name: string]: unknown;
}

function enumJson(e: EnumDescriptorProto): PbjsJson {
  const values: Record<string, number> = {};
  for (const v of e.value) values[v.name] = v.number;
  return { values };
}

// Just enough shape for protobufjs to resolve references to (and extensions of) these types.
function messageJson(m: DescriptorProto): PbjsJson {
  const fields: Record<string, PbjsJson> = {};
  for (const f of m.field) {
    const type = scalarNames[f.type] ?? f.typeName;
    const json: PbjsJson = { type, id: f.number };
    if (f.label === FieldDescriptorProto_Label.REPEATED) json.rule = 'repeated';
    fields[f.name] = json;
  }
  const nested: Record<string, PbjsJson> = {};
  for (const n of m.nestedType) nested[n.name] = messageJson(n);
  for (const e of m.enumType) nested[e.name] = enumJson(e);
  const json: PbjsJson = { fields };
  if (Object.keys(nested).length) json.nested = nested;
  if (m.extensionRange.length) json.extensions = m.extensionRange.map((r) => [r.start, r.end - 1]);
  return json;
}

/**
 * Defines a well-known file's types in a protobufjs root and stamps them with the file name, so
 * that the converter knows to take the embedded descriptor instead of converting them.
 */
export function addWellKnownToRoot(root: protobuf.Root, file: FileDescriptorProto): void {
  const ns = file.package ? root.define(file.package) : root;
  const nested: Record<string, PbjsJson> = {};
  for (const m of file.messageType) nested[m.name] = messageJson(m);
  for (const e of file.enumType) nested[e.name] = enumJson(e);
  for (const s of file.service) {
    const methods: Record<string, PbjsJson> = {};
    for (const m of s.method)
      methods[m.name] = { requestType: m.inputType, responseType: m.outputType };
    nested[s.name] = { methods };
  }
  ns.addJSON(nested);
  const stamp = (obj: protobuf.ReflectionObject): void => {
    obj.filename = file.name;
    if (obj instanceof protobuf.Namespace) for (const child of obj.nestedArray) stamp(child);
  };
  for (const name of Object.keys(nested)) {
    const obj = ns.get(name);
    if (obj) stamp(obj);
  }
}
