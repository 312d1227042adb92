import { toBinary, type DescFile, type DescMethod, type Registry } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import type { CallKind } from '../../../shared/schema/model.js';

const KINDS: Record<DescMethod['methodKind'], CallKind> = {
  unary: 'unary',
  server_streaming: 'server_stream',
  client_streaming: 'client_stream',
  bidi_streaming: 'bidi_stream',
};

/** Finds '/package.Service/Method' in a registry, or undefined. */
export function findMethodDesc(registry: Registry, path: string): DescMethod | undefined {
  const match = /^\/([^/]+)\/([^/]+)$/.exec(path);
  if (!match) return undefined;
  const service = registry.getService(match[1] as string);
  return service?.methods.find((m) => m.name === match[2]);
}

export function callKindOf(method: DescMethod): CallKind {
  return KINDS[method.methodKind];
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
