import { create, createFileRegistry, type Registry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';

/**
 * Message types the schema lacks, found elsewhere when first needed: the types packed in Anys that
 * a server's reflection knows though no listed service's file imports them (grpcurl asks
 * reflection for those). One per schema, shared by its calls' codecs, so each name is asked once.
 */
export interface PackedTypeFinder {
  /** The schema's types and every type found so far (a new object after each find). */
  registry(): Registry;
  /** Whether the name was looked up already (found or not). */
  asked(typeName: string): boolean;
  /** Looks the names up; resolves when done, found or not, and never rejects. */
  find(typeNames: string[]): Promise<void>;
  /** The same lookup for another schema (one this one was merged into). */
  rebase(schemaFiles: readonly FileDescriptorProto[], base: Registry): PackedTypeFinder;
}

/**
 * The longest one lookup may take (and hold a received message): a server whose reflection does
 * not answer leaves the type unknown after this, shown as grpcurl shows an unknown Any.
 */
export const PACKED_TYPE_LOOKUP_MS = 5000;

/**
 * How many distinct names one schema asks reflection for. The names come from the server's
 * messages (any type URL it likes); past this many, a new name is left unknown without asking, so
 * the finder's memory stays bounded however long the session.
 */
export const MAX_PACKED_TYPES_ASKED = 1000;

export function createPackedTypeFinder(
  schemaFiles: readonly FileDescriptorProto[],
  base: Registry,
  /** The files (imports included) defining a full type name; empty when unknown. */
  lookup: (typeName: string) => Promise<FileDescriptorProto[]>,
): PackedTypeFinder {
  let current = base;
  const extra = new Map<string, FileDescriptorProto>();
  const have = new Set(schemaFiles.map((f) => f.name));
  const asked = new Map<string, Promise<void>>();

  const add = (files: FileDescriptorProto[]): void => {
    const fresh = files.filter((f) => !have.has(f.name) && !extra.has(f.name));
    if (fresh.length === 0) return;
    try {
      // Reflection answers dependencies first; the schema's files come before anything found.
      const file = [...schemaFiles, ...extra.values(), ...fresh];
      current = createFileRegistry(create(FileDescriptorSetSchema, { file }));
      for (const f of fresh) extra.set(f.name, f);
    } catch {
      // Files that do not build alongside the schema: the type stays unknown, shown as before.
    }
  };

  return {
    rebase: (files, registry) => createPackedTypeFinder(files, registry, lookup),
    registry: () => current,
    // Full: a name not asked yet counts as asked (and not found).
    asked: (name) => asked.has(name) || asked.size >= MAX_PACKED_TYPES_ASKED,
    find(typeNames) {
      return Promise.all(
        typeNames.map((name) => {
          let done = asked.get(name);
          if (!done && asked.size < MAX_PACKED_TYPES_ASKED) {
            done = lookup(name).then(add, () => undefined);
            asked.set(name, done);
          }
          return done;
        }),
      ).then(() => undefined);
    },
  };
}
