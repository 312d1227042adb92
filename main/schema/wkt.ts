import type { DescFile } from '@bufbuild/protobuf';
import {
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  file_google_protobuf_any,
  file_google_protobuf_api,
  file_google_protobuf_compiler_plugin,
  file_google_protobuf_cpp_features,
  file_google_protobuf_descriptor,
  file_google_protobuf_duration,
  file_google_protobuf_empty,
  file_google_protobuf_field_mask,
  file_google_protobuf_go_features,
  file_google_protobuf_java_features,
  file_google_protobuf_source_context,
  file_google_protobuf_struct,
  file_google_protobuf_timestamp,
  file_google_protobuf_type,
  file_google_protobuf_wrappers,
  type DescriptorProto,
  type EnumDescriptorProto,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import protobuf from 'protobufjs';

// The well-known types come from @bufbuild/protobuf's embedded descriptors, never from disk or from
// protobufjs's bundled JSON: they resolve with no import path, and every schema source (files,
// reflection, descriptor sets) ends up with byte-identical definitions of them.
const embedded: DescFile[] = [
  file_google_protobuf_any,
  file_google_protobuf_api,
  file_google_protobuf_compiler_plugin,
  file_google_protobuf_cpp_features,
  file_google_protobuf_descriptor,
  file_google_protobuf_duration,
  file_google_protobuf_empty,
  file_google_protobuf_field_mask,
  file_google_protobuf_go_features,
  file_google_protobuf_java_features,
  file_google_protobuf_source_context,
  file_google_protobuf_struct,
  file_google_protobuf_timestamp,
  file_google_protobuf_type,
  file_google_protobuf_wrappers,
];

const byName = new Map<string, DescFile>(embedded.map((f) => [f.proto.name, f]));

export function wellKnownFile(name: string): DescFile | undefined {
  return byName.get(name);
}

/** Every google/protobuf/*.proto file bundled with @bufbuild/protobuf. */
export function wellKnownFiles(): readonly DescFile[] {
  return embedded;
}

/** Message types with a special proto3 JSON form (plus Empty), keyed by full name. */
export const wellKnownMessages: ReadonlySet<string> = new Set([
  'google.protobuf.Any',
  'google.protobuf.Duration',
  'google.protobuf.Timestamp',
  'google.protobuf.Empty',
  'google.protobuf.FieldMask',
  'google.protobuf.Struct',
  'google.protobuf.Value',
  'google.protobuf.ListValue',
  'google.protobuf.DoubleValue',
  'google.protobuf.FloatValue',
  'google.protobuf.Int64Value',
  'google.protobuf.UInt64Value',
  'google.protobuf.Int32Value',
  'google.protobuf.UInt32Value',
  'google.protobuf.BoolValue',
  'google.protobuf.StringValue',
  'google.protobuf.BytesValue',
]);

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

let typeOwners: Map<string, DescFile> | undefined;

/** The embedded well-known file defining `.google.protobuf.X` (leading dot), if any. */
export function wellKnownFileOfType(typeName: string): DescFile | undefined {
  if (!typeOwners) {
    typeOwners = new Map();
    for (const file of embedded) {
      const prefix = file.proto.package ? `.${file.proto.package}.` : '.';
      const visit = (m: DescriptorProto, scope: string): void => {
        typeOwners!.set(scope + m.name, file);
        for (const n of m.nestedType) visit(n, `${scope}${m.name}.`);
        for (const e of m.enumType) typeOwners!.set(`${scope}${m.name}.${e.name}`, file);
      };
      for (const m of file.proto.messageType) visit(m, prefix);
      for (const e of file.proto.enumType) typeOwners.set(prefix + e.name, file);
    }
  }
  return typeOwners.get(typeName);
}
