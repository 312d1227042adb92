import { create, toBinary, type FileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { findSymbol, protoFileText, type DescribedSymbol } from './describe.js';
import type { LoadedSchema } from './from-descriptors.js';

// What grpcurl's -protoset-out and -proto-out-dir write: the files that define the listed,
// described or invoked elements, with every file they import, directly or not.

/** The name of the file that defines a symbol (`pkg.Svc`, `pkg.Svc.Method`, `pkg.Msg.field`, …). */
export function fileOfSymbol(registry: FileRegistry, symbol: string): string | undefined {
  const found = findSymbol(registry, symbol);
  return found ? fileOf(found) : undefined;
}

function fileOf(found: DescribedSymbol): string {
  switch (found.kind) {
    case 'method':
    case 'field':
    case 'oneof':
    case 'enum value':
    case 'map entry':
      return found.desc.parent.file.proto.name;
    default:
      return found.desc.file.proto.name;
  }
}

/** The named files and all they import, dependencies before the files that import them. */
export function filesWithDependencies(
  schema: LoadedSchema,
  names: readonly string[],
): FileDescriptorProto[] {
  const byName = new Map(schema.files.map((f) => [f.name, f]));
  const wanted = new Set<string>();
  const visit = (name: string): void => {
    if (wanted.has(name)) return;
    const file = byName.get(name);
    if (!file) return;
    wanted.add(name);
    file.dependency.forEach(visit);
  };
  names.forEach(visit);
  // schema.files is already in dependency order.
  return schema.files.filter((f) => wanted.has(f.name));
}

/** A FileDescriptorSet of the files, as protoc's --descriptor_set_out writes one. */
export function descriptorSetBytes(files: FileDescriptorProto[]): Uint8Array {
  return toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file: files }));
}

/** Each file as .proto source, at its own name (`google/protobuf/timestamp.proto`). */
export function protoSources(
  schema: LoadedSchema,
  files: FileDescriptorProto[],
): { name: string; text: string }[] {
  return files.flatMap((f) => {
    const file = schema.registry.getFile(f.name);
    return file ? [{ name: f.name, text: protoFileText(file, schema.registry) }] : [];
  });
}
