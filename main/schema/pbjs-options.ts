import { create, fromJson, mergeFromBinary, toBinary, type DescMessage } from '@bufbuild/protobuf';
import protobuf from 'protobufjs';

// Options written in .proto files, carried into the descriptors the converter builds, as protoc
// would: custom options (`option (google.api.http) = { … }`) encoded as the extension fields they
// are — unknown fields of the options message, read back through the registry's extensions — and
// standard options the converter does not set itself (`idempotency_level`, `java_package`, …).
// describe prints them, and -protoset-out / -proto-out-dir keep them.

type Parsed = Record<string, unknown>;

/** The options message for `element` with its parsed options merged in (undefined: none at all). */
export function withParsedOptions<T extends object>(
  schema: DescMessage,
  options: T | undefined,
  element: protobuf.ReflectionObject,
): T | undefined {
  const parsed = (element.parsedOptions as Parsed[] | undefined) ?? [];
  const chunks: Uint8Array[] = [];
  for (const entry of parsed) {
    for (const [key, value] of Object.entries(entry)) {
      const bytes = key.startsWith('(')
        ? customOption(element, key, value)
        : standardOption(schema, key, value);
      if (bytes) chunks.push(bytes);
    }
  }
  if (chunks.length === 0) return options;
  let merged = (options ?? create(schema)) as never;
  for (const bytes of chunks) merged = mergeFromBinary(schema, merged, bytes) as never;
  return merged as T;
}

/** Options the converter sets from protobufjs's own reading, and what is not an option at all. */
const SET_ELSEWHERE = new Set([
  'deprecated',
  'packed',
  'allow_alias',
  'proto3_optional',
  'default',
  'json_name',
  'map_entry',
]);

function standardOption(schema: DescMessage, key: string, value: unknown): Uint8Array | undefined {
  if (SET_ELSEWHERE.has(key) || !schema.fields.some((f) => f.name === key)) return undefined;
  try {
    return toBinary(schema, fromJson(schema, { [key]: value } as never));
  } catch {
    return undefined; // a value protobufjs read differently from protoc: left out, not guessed
  }
}

/** `(pkg.ext)` = value, encoded with the extension's field number and type. */
function customOption(
  element: protobuf.ReflectionObject,
  key: string,
  value: unknown,
): Uint8Array | undefined {
  const close = key.indexOf(')');
  // protobufjs folds `(ext).sub = v` into the `(ext)` object; anything else is not expected.
  if (close !== key.length - 1) return undefined;
  const scope = element instanceof protobuf.Namespace ? element : element.parent;
  const ext = scope?.lookup(key.slice(1, close));
  if (!(ext instanceof protobuf.Field) || ext.extend === undefined) return undefined;
  try {
    ext.resolve();
    return encodeField(ext, value);
  } catch {
    return undefined;
  }
}

function encodeField(field: protobuf.Field, value: unknown): Uint8Array {
  const writer = protobuf.Writer.create();
  const values = Array.isArray(value) ? value : [value];
  for (const item of values) {
    const type = field.resolvedType;
    if (type instanceof protobuf.Type) {
      writer.uint32((field.id << 3) | 2).fork();
      type.encode(type.fromObject(asLists(type, item as Parsed)), writer);
      writer.ldelim();
    } else if (type instanceof protobuf.Enum) {
      const number = typeof item === 'number' ? item : type.values[String(item)];
      if (number === undefined) throw new Error(`no value ${String(item)} in ${type.name}`);
      writer.uint32(field.id << 3).int32(number);
    } else {
      const wireType = (protobuf.types.basic as Record<string, number>)[field.type];
      if (wireType === undefined) throw new Error(`unknown type ${field.type}`);
      writer.uint32((field.id << 3) | wireType);
      (writer as unknown as Record<string, (v: unknown) => void>)[field.type]!.call(writer, item);
    }
  }
  return writer.finish();
}

/** protobufjs keeps a repeated field given once as a plain value; fromObject wants a list. */
function asLists(type: protobuf.Type, object: Parsed): Parsed {
  const out: Parsed = {};
  for (const [key, value] of Object.entries(object)) {
    const field = type.fields[key];
    if (!field) {
      out[key] = value;
      continue;
    }
    field.resolve();
    const nested = field.resolvedType instanceof protobuf.Type ? field.resolvedType : undefined;
    const fix = (v: unknown): unknown =>
      nested && v && typeof v === 'object' ? asLists(nested, v as Parsed) : v;
    if (field.repeated) out[key] = (Array.isArray(value) ? value : [value]).map(fix);
    else out[key] = fix(value);
  }
  return out;
}
