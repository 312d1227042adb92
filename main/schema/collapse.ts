import { clone } from '@bufbuild/protobuf';
import {
  FileDescriptorProtoSchema,
  type DescriptorProto,
  type EnumDescriptorProto,
  type FieldDescriptorProto,
  type FileDescriptorProto,
  type ServiceDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import { SchemaError } from './errors.js';

// What a definition means, leaving out what differs between compilers without changing meaning
// (custom options, json_name filled in or not, the order protoc put map entries in).
function fieldSig(f: FieldDescriptorProto): string {
  return [
    f.name,
    f.number,
    f.label,
    f.type,
    f.typeName,
    f.extendee,
    f.oneofIndex ?? '',
    f.proto3Optional ? 1 : 0,
  ].join(':');
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
  const methods = s.method.map(
    (m) =>
      `${m.name}(${m.clientStreaming ? 's ' : ''}${m.inputType})${m.serverStreaming ? 's ' : ''}${m.outputType}`,
  );
  return `svc ${s.name}{${methods.join(',')}}`;
}

interface Definition {
  fullName: string;
  file: string;
  signature: () => string;
}

function topLevel(file: FileDescriptorProto): Definition[] {
  const prefix = file.package ? file.package + '.' : '';
  const def = (name: string, signature: () => string): Definition => ({
    fullName: prefix + name,
    file: file.name,
    signature,
  });
  return [
    ...file.messageType.map((m) => def(m.name, () => messageSig(m))),
    ...file.enumType.map((e) => def(e.name, () => enumSig(e))),
    ...file.service.map((s) => def(s.name, () => serviceSig(s))),
    ...file.extension.map((x) => def(x.name, () => fieldSig(x))),
  ];
}

/**
 * Earlier files win: a file name seen twice keeps its first copy, and a file that only repeats
 * (identically) what earlier files define under another name (reflection says
 * `api/v1/user.proto`, the local copy is `user.proto`) is dropped, its importers pointed at the
 * earlier files. A name defined by two files in any other way is a 'duplicate' SchemaError.
 * (@bufbuild/protobuf's registry would let the last definition win silently.)
 */
export function collapseFiles(files: FileDescriptorProto[]): FileDescriptorProto[] {
  const kept: FileDescriptorProto[] = [];
  const keptNames = new Set<string>();
  const defined = new Map<string, Definition>();
  const aliases = new Map<string, string[]>();

  for (const file of files) {
    if (keptNames.has(file.name) || aliases.has(file.name)) continue;
    const symbols = topLevel(file);
    const repeats: Array<[now: Definition, before: Definition]> = [];
    for (const s of symbols) {
      const before = defined.get(s.fullName);
      if (!before) continue;
      // Signatures are only built for the rare name seen twice, keeping big loads fast.
      if (before.signature() !== s.signature()) {
        throw new SchemaError(
          'duplicate',
          `${s.fullName} is defined differently in ${before.file} and ${file.name}`,
          {
            file: file.name,
          },
        );
      }
      repeats.push([s, before]);
    }
    if (repeats.length && repeats.length === symbols.length) {
      aliases.set(file.name, [...new Set(repeats.map(([, before]) => before.file))]);
      continue;
    }
    if (repeats.length) {
      const [now, before] = repeats[0]!;
      throw new SchemaError(
        'duplicate',
        `${now.fullName} is defined in both ${before.file} and ${file.name}`,
        {
          file: file.name,
        },
      );
    }
    for (const s of symbols) defined.set(s.fullName, s);
    kept.push(file);
    keptNames.add(file.name);
  }

  if (!aliases.size) return kept;
  return kept.map((f) => {
    if (!f.dependency.some((d) => aliases.has(d))) return f;
    // A copy, not a spread: proto2 messages keep field defaults on their prototype.
    const copy = clone(FileDescriptorProtoSchema, f);
    copy.dependency = [...new Set(f.dependency.flatMap((d) => aliases.get(d) ?? [d]))].filter(
      (d) => d !== f.name,
    );
    return copy;
  });
}
