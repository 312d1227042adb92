import type {
  DescriptorProto,
  EnumDescriptorProto,
  FieldDescriptorProto,
  FileDescriptorProto,
  ServiceDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import { SchemaError } from './errors.js';
import { schemaFromFileDescriptors, type LoadedSchema } from './from-descriptors.js';

// What a definition means, leaving out what differs between compilers without changing meaning
// (custom options, json_name filled in or not, the order protoc put map entries in).
function fieldSig(f: FieldDescriptorProto): string {
  return [f.name, f.number, f.label, f.type, f.typeName, f.extendee, f.oneofIndex ?? '', f.proto3Optional ? 1 : 0].join(':');
}

function enumSig(e: EnumDescriptorProto): string {
  return `enum ${e.name}{${e.value.map((v) => `${v.name}=${v.number}`).join(',')}}`;
}

function messageSig(m: DescriptorProto): string {
  const nested = m.nestedType.map(messageSig).sort();
  const enums = m.enumType.map(enumSig).sort();
  return `msg ${m.name}{${m.field.map(fieldSig).join(',')}|${m.oneofDecl.map((o) => o.name).join(',')}|${nested.join(',')}|${enums.join(',')}}`;
}

function serviceSig(s: ServiceDescriptorProto): string {
  const methods = s.method.map((m) => `${m.name}(${m.clientStreaming ? 's ' : ''}${m.inputType})${m.serverStreaming ? 's ' : ''}${m.outputType}`);
  return `svc ${s.name}{${methods.join(',')}}`;
}

function topLevel(file: FileDescriptorProto): Array<[fullName: string, signature: string]> {
  const prefix = file.package ? file.package + '.' : '';
  return [
    ...file.messageType.map((m): [string, string] => [prefix + m.name, messageSig(m)]),
    ...file.enumType.map((e): [string, string] => [prefix + e.name, enumSig(e)]),
    ...file.service.map((s): [string, string] => [prefix + s.name, serviceSig(s)]),
    ...file.extension.map((x): [string, string] => [prefix + x.name, fieldSig(x)]),
  ];
}

/**
 * Combines schemas, earlier ones winning: a file name seen twice keeps its first copy, and a file
 * that only repeats (identically) what an earlier file defines under another name (reflection says
 * `api/v1/user.proto`, the local copy is `user.proto`) is dropped, its importers pointed at the
 * earlier files. A name defined differently by two files is a 'duplicate' SchemaError.
 */
export function mergeSchemas(schemas: LoadedSchema[]): LoadedSchema {
  return mergeFileSets(schemas.map((s) => s.files));
}

/**
 * The same, over raw file lists that need not be complete on their own: reflection answers that
 * lack a dependency the local .proto files provide are resolved by them.
 */
export function mergeFileSets(sets: FileDescriptorProto[][], sourceName = 'merged schema'): LoadedSchema {
  const kept: FileDescriptorProto[] = [];
  const keptNames = new Set<string>();
  const defined = new Map<string, { file: string; sig: string }>();
  const aliases = new Map<string, string[]>();

  for (const set of sets) {
    for (const file of set) {
      if (keptNames.has(file.name) || aliases.has(file.name)) continue;
      const symbols = topLevel(file);
      const earlier = symbols.map(([name, sig]) => ({ name, sig, prev: defined.get(name) }));
      const clash = earlier.find((s) => s.prev && s.prev.sig !== s.sig);
      if (clash) {
        throw new SchemaError(
          'duplicate',
          `${clash.name} is defined differently in ${clash.prev!.file} and ${file.name}`,
          { file: file.name },
        );
      }
      const repeats = earlier.filter((s) => s.prev);
      if (repeats.length && repeats.length === symbols.length) {
        aliases.set(file.name, [...new Set(repeats.map((s) => s.prev!.file))]);
        continue;
      }
      if (repeats.length) {
        const first = repeats[0]!;
        throw new SchemaError(
          'duplicate',
          `${first.name} is defined in both ${first.prev!.file} and ${file.name}`,
          { file: file.name },
        );
      }
      for (const [name, sig] of symbols) defined.set(name, { file: file.name, sig });
      kept.push(file);
      keptNames.add(file.name);
    }
  }

  const files = aliases.size
    ? kept.map((f) => {
        if (!f.dependency.some((d) => aliases.has(d))) return f;
        const dependency = [...new Set(f.dependency.flatMap((d) => aliases.get(d) ?? [d]))].filter((d) => d !== f.name);
        return { ...f, dependency };
      })
    : kept;
  return schemaFromFileDescriptors(files, sourceName);
}
