import {
  ScalarType,
  isMessage,
  type DescField,
  type DescMessage,
  type Message,
} from '@bufbuild/protobuf';
import { reflect, type ReflectMessage } from '@bufbuild/protobuf/reflect';
import { FieldDescriptorProto_Type } from '@bufbuild/protobuf/wkt';

// The protobuf text format exactly as grpcurl 1.9 prints it (`-format text`): its messages are
// protoreflect dynamic messages (MarshalTextIndent): `name: value` one per line, fields in number
// order, nested messages in `< … >` indented two spaces, map entries as `key`/`value` messages,
// bytes and strings with C escapes (octal for anything not printable ASCII). Well-known types
// inside a message are Go generated types there, which golang/protobuf prints compactly:
// `seconds:1 nanos:2 ` on one line, each field followed by a space.

/** grpcurl's text for one message, without a final newline. */
export function printText(desc: DescMessage, message: Message): string {
  const out = new TextOut();
  writeFields(out, reflect(desc, message));
  return out.text;
}

class TextOut {
  text = '';
  private depth = 0;
  write(s: string): void {
    this.text += s;
  }
  newLine(): void {
    this.text += `\n${'  '.repeat(this.depth)}`;
  }
  start(): void {
    this.depth++;
    this.newLine();
  }
  end(): void {
    this.depth--;
    this.newLine();
  }
}

function sortedFields(desc: DescMessage): DescField[] {
  return [...desc.fields].sort((a, b) => a.number - b.number);
}

function isGroup(field: DescField): boolean {
  return field.proto.type === FieldDescriptorProto_Type.GROUP;
}

/**
 * The types grpcurl's message factory makes as Go generated types (protoreflect's default known
 * types: the ptypes), printed compactly; every other type is a dynamic message.
 */
const GENERATED_TYPES = new Set(
  [
    'Any',
    'Duration',
    'Empty',
    'Struct',
    'Value',
    'ListValue',
    'Timestamp',
    'DoubleValue',
    'FloatValue',
    'Int64Value',
    'UInt64Value',
    'Int32Value',
    'UInt32Value',
    'BoolValue',
    'StringValue',
    'BytesValue',
  ].map((name) => `google.protobuf.${name}`),
);

function isGeneratedType(desc: DescMessage): boolean {
  return GENERATED_TYPES.has(desc.typeName);
}

function writeFields(out: TextOut, r: ReflectMessage): void {
  let first = true;
  const next = (): void => {
    if (first) first = false;
    else out.newLine();
  };
  for (const field of sortedFields(r.desc)) {
    if (!r.isSet(field)) continue;
    if (field.fieldKind === 'map') {
      const entries = [...r.get(field).entries()].sort(([a], [b]) => compareKeys(a, b));
      for (const [key, value] of entries) {
        next();
        out.write(`${field.name}: <`);
        out.start();
        out.write(`key: ${scalarText(field.mapKey, key)}`);
        out.newLine();
        out.write('value: ');
        if (field.mapKind === 'message') writeMessage(out, value as ReflectMessage, false);
        else if (field.mapKind === 'enum') out.write(enumText(field, value as number));
        else out.write(scalarText(field.scalar, value));
        out.end();
        out.write('>');
      }
    } else if (field.fieldKind === 'list') {
      for (const item of r.get(field)) {
        next();
        writeField(out, field, item);
      }
    } else {
      next();
      writeField(out, field, r.get(field));
    }
  }
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean') return Number(a) - Number(b);
  return Number(BigInt(a as number | bigint) - BigInt(b as number | bigint));
}

function writeField(out: TextOut, field: DescField, value: unknown): void {
  const group = isGroup(field);
  out.write(group ? (field.message?.name ?? field.name) : `${field.name}: `);
  if (
    field.fieldKind === 'message' ||
    (field.fieldKind === 'list' && field.listKind === 'message')
  ) {
    writeMessage(out, value as ReflectMessage, group);
  } else if (
    field.fieldKind === 'enum' ||
    (field.fieldKind === 'list' && field.listKind === 'enum')
  ) {
    out.write(enumText(field, value as number));
  } else if (field.fieldKind === 'scalar' || field.fieldKind === 'list') {
    out.write(scalarText(field.scalar as ScalarType, value));
  }
}

function writeMessage(out: TextOut, r: ReflectMessage, group: boolean): void {
  out.write(group ? '{' : '<');
  out.start();
  if (isGeneratedType(r.desc)) out.write(compactText(r));
  else writeFields(out, r);
  out.end();
  out.write(group ? '}' : '>');
}

/** golang/protobuf's CompactTextString: `name:value ` for each field, messages in `<…>`. */
function compactText(r: ReflectMessage): string {
  let text = '';
  for (const field of sortedFields(r.desc)) {
    if (!r.isSet(field)) continue;
    if (field.fieldKind === 'map') {
      const entries = [...r.get(field).entries()].sort(([a], [b]) => compareKeys(a, b));
      for (const [key, value] of entries) {
        const valueText =
          field.mapKind === 'message'
            ? `<${compactText(value as ReflectMessage)}>`
            : field.mapKind === 'enum'
              ? enumText(field, value as number)
              : scalarText(field.scalar, value);
        text += `${field.name}:<key:${scalarText(field.mapKey, key)} value:${valueText} > `;
      }
    } else if (field.fieldKind === 'list') {
      for (const item of r.get(field)) text += `${field.name}:${compactValue(field, item)} `;
    } else {
      text += `${field.name}:${compactValue(field, r.get(field))} `;
    }
  }
  return text;
}

function compactValue(field: DescField, value: unknown): string {
  if (isMessage(value) || (typeof value === 'object' && value !== null && 'desc' in value)) {
    return `<${compactText(value as ReflectMessage)}>`;
  }
  if (field.enum) return enumText(field, value as number);
  return scalarText(field.scalar ?? ScalarType.STRING, value);
}

function enumText(field: DescField, value: number): string {
  return field.enum?.values.find((v) => v.number === value)?.name ?? String(value);
}

function scalarText(scalar: ScalarType, value: unknown): string {
  switch (scalar) {
    case ScalarType.STRING:
      return quoteBytes(new TextEncoder().encode(value as string));
    case ScalarType.BYTES:
      return quoteBytes(value as Uint8Array);
    case ScalarType.DOUBLE:
      return goFloat(value as number, 64);
    case ScalarType.FLOAT:
      return goFloat(value as number, 32);
    default:
      return String(value);
  }
}

/** Go's writeString for the text format: C escapes, octal for bytes outside printable ASCII. */
export function quoteBytes(bytes: Uint8Array): string {
  let out = '"';
  for (const c of bytes) {
    if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c >= 0x20 && c < 0x7f) out += String.fromCharCode(c);
    else out += `\\${c.toString(8).padStart(3, '0')}`;
  }
  return `${out}"`;
}

/** Go's strconv.FormatFloat(f, 'g', -1, bits), with the text format's nan/inf. */
export function goFloat(value: number, bits: 32 | 64): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const digits = shortestDigits(value, bits); // e.g. "1.234567e+6"
  const [mantissa = '', expText = '0'] = digits.split('e');
  const exp = Number(expText);
  // Go's shortest 'g' takes an exponent below 1e-4 and from 1e6 up (precision 6 decides).
  if (exp < -4 || exp >= 6) {
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return plainDigits(mantissa, exp);
}

/** The shortest decimal that reads back as the same float of `bits` bits, in exponent form. */
function shortestDigits(value: number, bits: 32 | 64): string {
  if (bits === 64) return value.toExponential();
  for (let precision = 1; precision <= 9; precision++) {
    const text = value.toExponential(precision - 1);
    if (Math.fround(Number(text)) === value) return text;
  }
  return value.toExponential(8);
}

function plainDigits(mantissa: string, exp: number): string {
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  let text: string;
  if (exp < 0) text = `0.${'0'.repeat(-exp - 1)}${digits}`;
  else if (digits.length <= exp + 1) text = digits + '0'.repeat(exp + 1 - digits.length);
  else text = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  return negative ? `-${text}` : text;
}
