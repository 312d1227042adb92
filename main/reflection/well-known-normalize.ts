import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { wellKnownFileOfType } from './well-known-files.js';

/**
 * @grpc/reflection bundles all well-known types a schema uses into one file named after the
 * package (`google_protobuf.proto`). Anything else that loads the real google/protobuf/*.proto
 * files (local .proto files loaded beside reflection, the codec's own WKTs) would then see every
 * such type defined twice. Swap such a file for the standard files holding the same types, when
 * it holds nothing else; references are re-linked afterwards by repairReferences.
 */
export function normalizeWellKnownFiles(files: FileDescriptorProto[]): FileDescriptorProto[] {
  const replaced = new Set<string>();
  const added = new Map<string, FileDescriptorProto>();
  for (const file of files) {
    if (file.package !== 'google.protobuf' || file.name.startsWith('google/protobuf/')) continue;
    if (file.service.length || file.extension.length) continue;
    const names = [...file.messageType, ...file.enumType].map((d) => `google.protobuf.${d.name}`);
    const standard = names.map(wellKnownFileOfType);
    if (standard.some((f) => f === undefined)) continue;
    replaced.add(file.name);
    for (const f of standard as FileDescriptorProto[]) added.set(f.name, f);
  }
  if (!replaced.size) return files;
  const present = new Set(files.map((f) => f.name));
  const out = files.filter((f) => !replaced.has(f.name));
  for (const file of out) file.dependency = file.dependency.filter((dep) => !replaced.has(dep));
  for (const [name, file] of added) if (!present.has(name)) out.push(file);
  return out;
}
