import {
  ScalarType,
  getExtension,
  type DescEnum,
  type DescExtension,
  type DescField,
  type DescMessage,
  type Message,
  type Registry,
} from '@bufbuild/protobuf';
import { reflect, type ReflectMessage } from '@bufbuild/protobuf/reflect';

// Options in grpcurl's `describe` shape (protoprint, sorted): the descriptor.proto options first,
// then custom options (extensions) as `(.pkg.ext)`, each by name. A message value
// prints as an aggregate: one field per line at the top, `{ a: 1, b: [ 2, 3 ] }` below that.

/** One option: its name as written in .proto text and its printed value. */
interface OptionEntry {
  name: string;
  /** Lines of the value; more than one for a top-level aggregate. */
  value: string[];
}

/** Fields of the options message that are not options to print. */
const NOT_PRINTED = new Set(['uninterpreted_option', 'features']);

function sortedFields(desc: DescMessage): DescField[] {
  return [...desc.fields].sort((a, b) => a.number - b.number);
}

/** The options set on an element: standard ones, then extensions, each sorted by name. */
export function optionEntries(
  options: Message | undefined,
  schema: DescMessage | undefined,
  registry: Registry,
): OptionEntry[] {
  if (!options || !schema) return [];
  const entries: OptionEntry[] = [];
  const r = reflect(schema, options);
  // protoprint sorts standard options by name (`deprecated` before `packed`).
  const byName = [...schema.fields].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const field of byName) {
    if (NOT_PRINTED.has(field.name) || !r.isSet(field)) continue;
    for (const value of valuesOf(r, field)) {
      entries.push({ name: field.name, value: topValue(value, field) });
    }
  }
  const custom: { ext: DescExtension; values: unknown[] }[] = [];
  for (const ext of extensionsSet(options, registry)) {
    const value: unknown = getExtension(options, ext);
    custom.push({ ext, values: Array.isArray(value) ? value : [value] });
  }
  custom.sort((a, b) => (a.ext.typeName < b.ext.typeName ? -1 : 1));
  for (const { ext, values } of custom) {
    for (const value of values) {
      entries.push({ name: `(.${ext.typeName})`, value: topValue(value, ext) });
    }
  }
  return entries;
}

function valuesOf(r: ReflectMessage, field: DescField): unknown[] {
  if (field.fieldKind === 'list') {
    return [...r.get(field)].map((item) =>
      field.listKind === 'message' ? (item as ReflectMessage).message : item,
    );
  }
  if (field.fieldKind === 'message') return [(r.get(field) as ReflectMessage).message];
  return [r.get(field)];
}

/** Extensions of the options message the registry knows, from its unknown fields. */
function extensionsSet(options: Message, registry: Registry): DescExtension[] {
  const extendee = registry.getMessage(options.$typeName);
  if (!extendee) return [];
  const numbers = new Set((options.$unknown ?? []).map((u) => u.no));
  const found: DescExtension[] = [];
  for (const no of numbers) {
    const ext = registry.getExtensionFor(extendee, no);
    if (ext) found.push(ext);
  }
  return found;
}

/** `option a = 1;` lines (a top-level aggregate spans several) at `indent`. */
export function optionStatements(entries: OptionEntry[], indent: string): string[] {
  const lines: string[] = [];
  for (const { name, value } of entries) {
    const [first, ...rest] = value;
    if (rest.length === 0) lines.push(`${indent}option ${name} = ${first};`);
    else {
      lines.push(`${indent}option ${name} = ${first}`);
      rest.forEach((line, i) => lines.push(`${indent}${line}${i === rest.length - 1 ? ';' : ''}`));
    }
  }
  return lines;
}

/**
 * A field's or enum value's `[a = 1, b = 2]` (with a space before), or nothing; one option per line
 * when that is longer than 50 characters or an aggregate spans lines, ending at `indent`.
 */
export function bracketOptions(entries: OptionEntry[], indent: string): string {
  if (entries.length === 0) return '';
  const oneLine = entries.map((e) => `${e.name} = ${e.value[0]}`).join(', ');
  if (entries.every((e) => e.value.length === 1) && oneLine.length <= ONE_LINE_WITH_BRACES) {
    return ` [${oneLine}]`;
  }
  const inner = `${indent}  `;
  const parts = entries.map(({ name, value }) => {
    const [first, ...rest] = value;
    return [`${inner}${name} = ${first}`, ...rest.map((line) => `${inner}${line}`)].join('\n');
  });
  return ` [\n${parts.join(',\n')}\n${indent}]`;
}

type ValueField = DescField | DescExtension;

/** An option value on its way to text: a scalar's text, a message's fields, or a list. */
type Literal =
  | { kind: 'scalar'; text: string }
  | { kind: 'message'; fields: { name: string; value: Literal }[] }
  | { kind: 'list'; items: Literal[] };

/** A value at the top of an option, as the lines protoprint writes for it. */
function topValue(value: unknown, field: ValueField): string[] {
  const message = messageOf(field);
  if (!message) return [scalarText(value, field)];
  return literalLines(messageLiteral(reflect(message, value as Message)));
}

function messageOf(field: ValueField): DescMessage | undefined {
  if (field.fieldKind === 'message') return field.message;
  if (field.fieldKind === 'list' && field.listKind === 'message') return field.message;
  return undefined;
}

function messageLiteral(r: ReflectMessage): Literal {
  const fields: { name: string; value: Literal }[] = [];
  for (const f of sortedFields(r.desc)) {
    if (!r.isSet(f)) continue;
    if (f.fieldKind === 'list') {
      const items = [...r.get(f)].map((v): Literal =>
        f.listKind === 'message'
          ? messageLiteral(v as ReflectMessage)
          : { kind: 'scalar', text: scalarText(v, f) },
      );
      fields.push({ name: f.name, value: { kind: 'list', items } });
    } else if (f.fieldKind === 'message') {
      fields.push({ name: f.name, value: messageLiteral(r.get(f)) });
    } else if (f.fieldKind === 'map') {
      const items = [...r.get(f).entries()].map(([k, v]): Literal => ({
        kind: 'message',
        fields: [
          { name: 'key', value: { kind: 'scalar', text: String(k) } },
          {
            name: 'value',
            value:
              v instanceof Object && 'desc' in v
                ? messageLiteral(v as ReflectMessage)
                : { kind: 'scalar', text: String(v) },
          },
        ],
      }));
      fields.push({ name: f.name, value: { kind: 'list', items } });
    } else {
      fields.push({ name: f.name, value: { kind: 'scalar', text: scalarText(r.get(f), f) } });
    }
  }
  return { kind: 'message', fields };
}

/** The literal on one line: `{ a: 1, b: [ 2, 3 ] }`. */
function oneLine(literal: Literal): string {
  switch (literal.kind) {
    case 'scalar':
      return literal.text;
    case 'message':
      return literal.fields.length === 0
        ? '{ }'
        : `{ ${literal.fields.map((f) => `${f.name}: ${oneLine(f.value)}`).join(', ')} }`;
    case 'list':
      return `[ ${literal.items.map(oneLine).join(', ')} ]`;
  }
}

/** Past this length a one-line message or list with a brace inside is split. */
const ONE_LINE_WITH_BRACES = 50;

/**
 * protoprint writes a message or list on one line (`{ post: "/v1/x", body: "*" }`) unless that
 * line is longer than 50 characters and holds a brace inside it — a nested message, or just a `{`
 * in a string (`"/v1/{name=*}"`); then one field or item per line, each split the same way.
 * (Inferred from grpcurl 1.9.3's output for ~150 googleapis methods.)
 */
function literalLines(literal: Literal): string[] {
  const line = oneLine(literal);
  if (
    literal.kind === 'scalar' ||
    line.length <= ONE_LINE_WITH_BRACES ||
    !/[{}]/.test(line.slice(1, -1))
  ) {
    return [line];
  }
  const parts =
    literal.kind === 'message'
      ? literal.fields.map(({ name, value }) => {
          const [first, ...rest] = literalLines(value);
          return [`${name}: ${first}`, ...rest];
        })
      : literal.items.map(literalLines);
  const body = parts.flatMap((part, i) => {
    const lines = part.map((l) => `  ${l}`);
    if (i < parts.length - 1) lines[lines.length - 1] += ',';
    return lines;
  });
  return literal.kind === 'message' ? ['{', ...body, '}'] : ['[', ...body, ']'];
}

function enumName(desc: DescEnum, value: unknown): string {
  return desc.values.find((v) => v.number === value)?.name ?? String(value);
}

function scalarText(value: unknown, field: ValueField): string {
  const enumDesc =
    field.fieldKind === 'enum'
      ? field.enum
      : field.fieldKind === 'list' && field.listKind === 'enum'
        ? field.enum
        : undefined;
  if (enumDesc) return enumName(enumDesc, value);
  if (typeof value === 'string') return quoteText(value);
  if (value instanceof Uint8Array) return quoteBytes(value);
  if (typeof value === 'number') return numberText(value, scalarOf(field));
  return String(value);
}

function scalarOf(field: ValueField): ScalarType | undefined {
  if (field.fieldKind === 'scalar') return field.scalar;
  if (field.fieldKind === 'list' && field.listKind === 'scalar') return field.scalar;
  return undefined;
}

function numberText(n: number, scalar: ScalarType | undefined): string {
  if (scalar !== ScalarType.FLOAT && scalar !== ScalarType.DOUBLE) return String(n);
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return String(n);
}

/** C-style escapes as protoc writes them: `\n`, `\"`, octal for other control bytes. */
function escapeByte(b: number): string {
  switch (b) {
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x22:
      return '\\"';
    case 0x27:
      return "\\'";
    case 0x5c:
      return '\\\\';
  }
  if (b < 0x20 || b >= 0x7f) return `\\${b.toString(8).padStart(3, '0')}`;
  return String.fromCharCode(b);
}

export function quoteBytes(bytes: Uint8Array): string {
  let out = '"';
  for (const b of bytes) out += escapeByte(b);
  return `${out}"`;
}

export function quoteText(text: string): string {
  return quoteBytes(new TextEncoder().encode(text));
}
