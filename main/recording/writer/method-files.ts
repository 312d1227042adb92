import { toBinary, type DescFile, type DescMethod, type Registry } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { CALL_KIND_OF } from '../../../shared/schema/methods.js';
import type { CallKind } from '../../../shared/schema/model.js';
import type { JsonValue } from '../../../shared/calls/events.js';

export function callKindOf(method: DescMethod): CallKind {
  return CALL_KIND_OF[method.methodKind];
}

/** Each file's base64 once: a proxy or a load run records the same method's files call after call. */
const base64OfFile = new WeakMap<DescFile, string>();

function fileBase64(file: DescFile): string {
  let base64 = base64OfFile.get(file);
  if (base64 === undefined) {
    base64 = Buffer.from(toBinary(FileDescriptorProtoSchema, file.proto)).toString('base64');
    base64OfFile.set(file, base64);
  }
  return base64;
}

/**
 * base64 FileDescriptorProtos of the file that defines the method and everything it imports,
 * then of the files that define `packed` (types seen in Any fields) and their imports; each file
 * once, dependencies first (the order a registry is built in). Only these go into a recording: a
 * reflection schema may hold hundreds of unrelated files.
 */
export function methodFiles(method: DescMethod, packed: readonly DescFile[] = []): string[] {
  if (packed.length > 0) return collectFiles(method, packed);
  let files = filesOfMethod.get(method);
  if (!files)
    filesOfMethod.set(method, (files = Object.freeze(collectFiles(method, [])) as string[]));
  return files;
}

/**
 * A method's own files, one array per method (frozen: every recording of it shares it), so the
 * recording writer serializes them once per method (see headerLine) — a capture proxy records
 * the same few methods call after call, and a schema with imports makes them most of the header.
 */
const filesOfMethod = new WeakMap<DescMethod, string[]>();

function collectFiles(method: DescMethod, packed: readonly DescFile[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (file: DescFile): void => {
    if (seen.has(file.proto.name)) return;
    seen.add(file.proto.name);
    for (const dep of file.dependencies) visit(dep);
    out.push(fileBase64(file));
  };
  visit(method.parent.file);
  for (const file of packed) visit(file);
  return out;
}

/**
 * Collects the files of the message types named by the `"@type"` of Anys in messages' JSON (at any
 * depth, Anys inside Anys too) and by status details, as far as the registry has them. A `"@type"`
 * key inside a Struct can only add a file the schema has anyway.
 */
export class PackedTypeFiles {
  private readonly urls = new Set<string>();
  readonly files: DescFile[] = [];

  constructor(private readonly registry: Registry) {}

  add(json: JsonValue): void {
    if (Array.isArray(json)) {
      for (const item of json) this.add(item);
      return;
    }
    if (json === null || typeof json !== 'object') return;
    const url = json['@type'];
    if (typeof url === 'string') this.addType(url);
    for (const key in json) this.add(json[key] as JsonValue);
  }

  /** A type by its URL or full name (a status detail's type). */
  addType(url: string): void {
    if (this.urls.has(url)) return;
    this.urls.add(url);
    const file = this.registry.getMessage(url.slice(url.lastIndexOf('/') + 1))?.file;
    if (file && !this.files.includes(file)) this.files.push(file);
  }
}
