import { toBinary, type DescFile, type DescMethod } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { CALL_KIND_OF } from '../../../shared/schema/methods.js';
import type { CallKind } from '../../../shared/schema/model.js';

export function callKindOf(method: DescMethod): CallKind {
  return CALL_KIND_OF[method.methodKind];
}

/**
 * base64 FileDescriptorProtos of the file that defines the method and everything it imports,
 * dependencies first (the order a registry is built in). Only these go into a recording: a
 * reflection schema may hold hundreds of unrelated files.
 */
export function methodFiles(method: DescMethod): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (file: DescFile): void => {
    if (seen.has(file.proto.name)) return;
    seen.add(file.proto.name);
    for (const dep of file.dependencies) visit(dep);
    out.push(Buffer.from(toBinary(FileDescriptorProtoSchema, file.proto)).toString('base64'));
  };
  visit(method.parent.file);
  return out;
}
