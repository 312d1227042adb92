import type { DescFile } from '@bufbuild/protobuf';
import {
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
} from '@bufbuild/protobuf/wkt';

// The well-known types come from @bufbuild/protobuf's embedded descriptors, never from disk or from
// protobufjs's bundled JSON: they resolve with no import path, and every schema source (files,
// reflection, descriptor sets) ends up with byte-identical definitions of them. Each is read when
// first asked for by name: reading one builds its descriptor (gwb's bundle evaluates each file of
// @bufbuild/protobuf/wkt on first use), and a call or `gwb list` needs only a few of them.
const embedded: Readonly<Record<string, () => DescFile>> = {
  'google/protobuf/any.proto': () => file_google_protobuf_any,
  'google/protobuf/api.proto': () => file_google_protobuf_api,
  'google/protobuf/compiler/plugin.proto': () => file_google_protobuf_compiler_plugin,
  'google/protobuf/cpp_features.proto': () => file_google_protobuf_cpp_features,
  'google/protobuf/descriptor.proto': () => file_google_protobuf_descriptor,
  'google/protobuf/duration.proto': () => file_google_protobuf_duration,
  'google/protobuf/empty.proto': () => file_google_protobuf_empty,
  'google/protobuf/field_mask.proto': () => file_google_protobuf_field_mask,
  'google/protobuf/go_features.proto': () => file_google_protobuf_go_features,
  'google/protobuf/java_features.proto': () => file_google_protobuf_java_features,
  'google/protobuf/source_context.proto': () => file_google_protobuf_source_context,
  'google/protobuf/struct.proto': () => file_google_protobuf_struct,
  'google/protobuf/timestamp.proto': () => file_google_protobuf_timestamp,
  'google/protobuf/type.proto': () => file_google_protobuf_type,
  'google/protobuf/wrappers.proto': () => file_google_protobuf_wrappers,
};

/** The names of the embedded files, as their descriptors name them (a test checks each). */
export const WELL_KNOWN_FILE_NAMES: readonly string[] = Object.keys(embedded);

export function wellKnownFile(name: string): DescFile | undefined {
  return Object.hasOwn(embedded, name) ? embedded[name]?.() : undefined;
}

/** Every google/protobuf/*.proto file bundled with @bufbuild/protobuf. */
export function wellKnownFiles(): readonly DescFile[] {
  return Object.values(embedded).map((file) => file());
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

let typeOwners: Map<string, DescFile> | undefined;

/** The embedded well-known file defining `.google.protobuf.X` (leading dot), if any. */
export function wellKnownFileOfType(typeName: string): DescFile | undefined {
  if (!typeOwners) {
    typeOwners = new Map();
    for (const file of wellKnownFiles()) {
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
