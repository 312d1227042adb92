import {
  ScalarType,
  isFieldSet,
  type DescEnum,
  type DescEnumValue,
  type DescExtension,
  type DescField,
  type DescFile,
  type DescMessage,
  type DescMethod,
  type DescOneof,
  type DescService,
  type FileRegistry,
  type Registry,
} from '@bufbuild/protobuf';
import {
  EnumOptionsSchema,
  EnumValueOptionsSchema,
  FieldDescriptorProtoSchema,
  FieldDescriptorProto_Type,
  FieldOptionsSchema,
  FileOptionsSchema,
  MessageOptionsSchema,
  MethodOptionsSchema,
  OneofOptionsSchema,
  ServiceOptionsSchema,
} from '@bufbuild/protobuf/wkt';
import { CALL_KIND_OF, receivesStream, sendsStream } from '../../shared/schema/methods.js';
import type { MethodInfo } from '../../shared/schema/model.js';
import { SchemaError } from './errors.js';
import type { LoadedSchema } from './from-descriptors.js';
import { jsonNameOf } from './proto-names.js';
import { descMethodOf } from './desc-method.js';
import { leadingCommentLines } from './describe-comments.js';
import { bracketOptions, optionEntries, optionStatements, quoteText } from './describe-options.js';

// grpcurl's `describe`: "<name> is <what>:" and the element as protoprint prints it with grpcurl's
// settings — fully-qualified type names with a leading dot, leading comments only, elements
// sorted (fields by number, methods and nested types by name), options included.

export type DescribedSymbol =
  | { kind: 'service'; desc: DescService }
  | { kind: 'method'; desc: DescMethod }
  | { kind: 'message'; desc: DescMessage }
  | { kind: 'enum'; desc: DescEnum }
  | { kind: 'enum value'; desc: DescEnumValue }
  | { kind: 'field'; desc: DescField }
  | { kind: 'extension'; desc: DescExtension }
  | { kind: 'oneof'; desc: DescOneof }
  /** A map field's entry type (`pkg.Msg.CountsEntry`), described by its field as grpcurl does. */
  | { kind: 'map entry'; desc: DescField };

/** A symbol as grpcurl resolves it: a type, a service, or a member of one. */
export function findSymbol(registry: FileRegistry, symbol: string): DescribedSymbol | undefined {
  const name = symbol.startsWith('.') ? symbol.slice(1) : symbol;
  const desc = registry.get(name);
  switch (desc?.kind) {
    case 'service':
      return { kind: 'service', desc };
    case 'message':
      return { kind: 'message', desc };
    case 'enum':
      return { kind: 'enum', desc };
    case 'extension':
      return { kind: 'extension', desc };
  }
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const parent = name.slice(0, dot);
  const member = name.slice(dot + 1);
  const method = registry.getService(parent)?.methods.find((m) => m.name === member);
  if (method) return { kind: 'method', desc: method };
  const message = registry.getMessage(parent);
  const field = message?.fields.find((f) => f.name === member);
  if (field) return { kind: 'field', desc: field };
  const oneof = message?.oneofs.find((o) => o.name === member);
  if (oneof) return { kind: 'oneof', desc: oneof };
  // The registry does not index map entry types; grpcurl describes their map field.
  const mapField = message?.fields.find(
    (f) => f.fieldKind === 'map' && f.proto.typeName === `.${name}`,
  );
  if (mapField) return { kind: 'map entry', desc: mapField };
  // An enum value by its enum's name (`pkg.Color.RED`) or, as protobuf scopes it, its enum's
  // parent's (`pkg.RED`).
  const value = registry.getEnum(parent)?.values.find((v) => v.name === member);
  if (value) return { kind: 'enum value', desc: value };
  return siblingEnumValue(registry, parent, member);
}

function siblingEnumValue(
  registry: FileRegistry,
  scope: string,
  member: string,
): DescribedSymbol | undefined {
  const enums: DescEnum[] = [];
  const message = registry.getMessage(scope);
  if (message) enums.push(...message.nestedEnums);
  else {
    for (const file of registry.files) {
      if (file.proto.package === scope) enums.push(...file.enums);
    }
  }
  for (const e of enums) {
    const value = e.values.find((v) => v.name === member);
    if (value) return { kind: 'enum value', desc: value };
  }
  return undefined;
}

function isMapEntry(message: DescMessage): boolean {
  return message.proto.options?.mapEntry === true;
}

function isGroup(field: DescField | DescExtension): boolean {
  return field.proto.type === FieldDescriptorProto_Type.GROUP;
}

/** The field a map entry or group type belongs to, which grpcurl describes in its place. */
function owningField(message: DescMessage): DescField | undefined {
  return message.parent?.fields.find(
    (f) => (isMapEntry(message) || isGroup(f)) && fieldMessage(f) === message,
  );
}

function fieldMessage(field: DescField | DescExtension): DescMessage | undefined {
  if (field.fieldKind === 'message') return field.message;
  if (field.fieldKind === 'list' && field.listKind === 'message') return field.message;
  if (field.fieldKind === 'map') {
    return field.parent.nestedMessages.find((m) => `.${m.typeName}` === field.proto.typeName);
  }
  return undefined;
}

export function symbolName(found: DescribedSymbol): string {
  switch (found.kind) {
    case 'method':
    case 'field':
    case 'oneof':
    case 'enum value':
      return `${found.desc.parent.typeName}.${found.desc.name}`;
    case 'map entry':
      return found.desc.proto.typeName.slice(1);
    default:
      return found.desc.typeName;
  }
}

/** grpcurl's `<name> is <what>:` header and the element's text, without a final newline. */
export function describeText(found: DescribedSymbol, registry: Registry): string {
  const name = symbolName(found);
  const p = new Printer(registry);
  switch (found.kind) {
    case 'service':
      return `${name} is a service:\n${p.service(found.desc).join('\n')}`;
    case 'method':
      return `${name} is a method:\n${p.method(found.desc, '').join('\n')}`;
    case 'message': {
      const owner = owningField(found.desc);
      if (owner) {
        const what = isMapEntry(found.desc)
          ? 'the entry type for a map field'
          : 'the type of a group field';
        return `${name} is ${what}:\n${p.field(owner, '').join('\n')}`;
      }
      return `${name} is a message:\n${p.message(found.desc, '').join('\n')}`;
    }
    case 'enum':
      return `${name} is an enum:\n${p.enum(found.desc, '').join('\n')}`;
    case 'enum value':
      return `${name} is an enum value:\n${p.enumValue(found.desc, '').join('\n')}`;
    case 'field':
      return `${name} is ${isGroup(found.desc) ? 'a group field' : 'a field'}:\n${p.field(found.desc, '').join('\n')}`;
    case 'oneof':
      return `${name} is a one-of:\n${p.oneof(found.desc, '').join('\n')}`;
    case 'map entry':
      return `${name} is the entry type for a map field:\n${p.field(found.desc, '').join('\n')}`;
    case 'extension':
      return `${name} is an extension:\n${p.extendBlock([found.desc], '').join('\n')}`;
  }
}

/** A method in .proto syntax: `rpc Tail ( .example.TailRequest ) returns ( stream .example.LogLine );` */
export function methodLine(
  method: Pick<MethodInfo, 'name' | 'kind' | 'inputType' | 'outputType'>,
): string {
  const streamIn = sendsStream(method.kind) ? 'stream ' : '';
  const streamOut = receivesStream(method.kind) ? 'stream ' : '';
  return `rpc ${method.name} ( ${streamIn}.${method.inputType} ) returns ( ${streamOut}.${method.outputType} );`;
}

function byName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function scalarName(t: ScalarType): string {
  return ScalarType[t].toLowerCase();
}

/** Reserved and extension ranges: `5`, `5 to 9`, `5 to max` (`end` exclusive unless said). */
function rangeText(start: number, end: number, max: number): string {
  if (end === start) return String(start);
  return `${start} to ${end >= max ? 'max' : end}`;
}

const FIELD_NUMBER_MAX = 536870911;
const ENUM_NUMBER_MAX = 2147483647;

/** Prints descriptors as protoprint does; the registry resolves custom options. */
class Printer {
  /** `source`: text protoc reads back (-proto-out-dir), where describe's spelling differs. */
  constructor(
    private readonly registry: Registry,
    private readonly source = false,
  ) {}

  service(s: DescService): string[] {
    const lines = [...leadingCommentLines(s, ''), `service ${s.name} {`];
    lines.push(
      ...optionStatements(
        optionEntries(s.proto.options, ServiceOptionsSchema, this.registry),
        '  ',
      ),
    );
    for (const m of byName(s.methods)) lines.push(...this.method(m, '  '));
    lines.push('}');
    return lines;
  }

  method(m: DescMethod, indent: string): string[] {
    const head = `${indent}${methodLine({
      name: m.name,
      kind: CALL_KIND_OF[m.methodKind],
      inputType: m.input.typeName,
      outputType: m.output.typeName,
    })}`;
    const options = optionStatements(
      optionEntries(m.proto.options, MethodOptionsSchema, this.registry),
      `${indent}  `,
    );
    const lines = leadingCommentLines(m, indent);
    if (options.length === 0) return [...lines, head];
    return [...lines, `${head.slice(0, -1)} {`, ...options, `${indent}}`];
  }

  message(m: DescMessage, indent: string): string[] {
    const inner = `${indent}  `;
    const lines = [...leadingCommentLines(m, indent), `${indent}message ${m.name} {`];
    lines.push(
      ...optionStatements(
        optionEntries(m.proto.options, MessageOptionsSchema, this.registry),
        inner,
      ),
    );
    lines.push(...this.members(m, inner));
    lines.push(...this.ranges(m, inner));
    const hidden = new Set(
      m.fields.filter((f) => f.fieldKind === 'map' || isGroup(f)).map((f) => fieldMessage(f)),
    );
    for (const nested of byName(m.nestedMessages)) {
      if (!hidden.has(nested) && !isMapEntry(nested)) lines.push(...this.message(nested, inner));
    }
    for (const nested of byName(m.nestedEnums)) lines.push(...this.enum(nested, inner));
    lines.push(...this.extensions(m.nestedExtensions, inner));
    lines.push(`${indent}}`);
    return lines;
  }

  /** Fields by number; a oneof where its first field would be. */
  private members(m: DescMessage, indent: string): string[] {
    const items: { number: number; lines: () => string[] }[] = [];
    for (const member of m.members) {
      if (member.kind === 'field') {
        items.push({ number: member.number, lines: () => this.field(member, indent) });
      } else {
        const first = Math.min(...member.fields.map((f) => f.number));
        items.push({ number: first, lines: () => this.oneof(member, indent) });
      }
    }
    return items.sort((a, b) => a.number - b.number).flatMap((item) => item.lines());
  }

  private ranges(m: DescMessage, indent: string): string[] {
    const lines: string[] = [];
    const ext = m.proto.extensionRange.map((r) => rangeText(r.start, r.end - 1, FIELD_NUMBER_MAX));
    if (ext.length > 0) lines.push(`${indent}extensions ${ext.join(', ')};`);
    const reserved = m.proto.reservedRange.map((r) =>
      rangeText(r.start, r.end - 1, FIELD_NUMBER_MAX),
    );
    if (reserved.length > 0) lines.push(`${indent}reserved ${reserved.join(', ')};`);
    if (m.proto.reservedName.length > 0) {
      lines.push(`${indent}reserved ${m.proto.reservedName.map(quoteText).join(', ')};`);
    }
    return lines;
  }

  oneof(o: DescOneof, indent: string): string[] {
    const lines = [...leadingCommentLines(o, indent), `${indent}oneof ${o.name} {`];
    lines.push(
      ...optionStatements(
        optionEntries(o.proto.options, OneofOptionsSchema, this.registry),
        `${indent}  `,
      ),
    );
    for (const f of [...o.fields].sort((a, b) => a.number - b.number)) {
      lines.push(...this.field(f, `${indent}  `));
    }
    lines.push(`${indent}}`);
    return lines;
  }

  field(f: DescField | DescExtension, indent: string): string[] {
    const lines = leadingCommentLines(f, indent);
    const head = `${indent}${fieldLabel(f)}${valueTypeText(f)} ${isGroup(f) ? fieldMessage(f)!.name : f.name} = ${f.number}`;
    const options = bracketOptions(this.fieldOptions(f), indent);
    const group = isGroup(f) ? fieldMessage(f) : undefined;
    if (!group) return [...lines, `${head}${options};`];
    const body = this.message(group, indent).slice(1 + leadingCommentLines(group, indent).length);
    return [...lines, `${head}${options} {`, ...body];
  }

  private fieldOptions(f: DescField | DescExtension): ReturnType<typeof optionEntries> {
    const entries: ReturnType<typeof optionEntries> = [];
    if (isFieldSet(f.proto, FieldDescriptorProtoSchema.field.defaultValue)) {
      entries.push({ name: 'default', value: [defaultText(f, this.source)] });
    }
    if (f.proto.jsonName && f.proto.jsonName !== jsonNameOf(f.name) && f.kind === 'field') {
      entries.push({ name: 'json_name', value: [quoteText(f.proto.jsonName)] });
    }
    const options = optionEntries(f.proto.options, FieldOptionsSchema, this.registry);
    // default and json_name sort among the standard options by name, before any `(.ext)`.
    const standard = [...entries, ...options.filter((e) => !e.name.startsWith('('))];
    standard.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return [...standard, ...options.filter((e) => e.name.startsWith('('))];
  }

  enum(e: DescEnum, indent: string): string[] {
    const inner = `${indent}  `;
    const lines = [...leadingCommentLines(e, indent), `${indent}enum ${e.name} {`];
    lines.push(
      ...optionStatements(optionEntries(e.proto.options, EnumOptionsSchema, this.registry), inner),
    );
    const values = [...e.values].sort((a, b) =>
      a.number !== b.number ? a.number - b.number : a.name < b.name ? -1 : 1,
    );
    for (const v of values) lines.push(...this.enumValue(v, inner));
    const reserved = e.proto.reservedRange.map((r) => rangeText(r.start, r.end, ENUM_NUMBER_MAX));
    if (reserved.length > 0) lines.push(`${inner}reserved ${reserved.join(', ')};`);
    if (e.proto.reservedName.length > 0) {
      lines.push(`${inner}reserved ${e.proto.reservedName.map(quoteText).join(', ')};`);
    }
    lines.push(`${indent}}`);
    return lines;
  }

  enumValue(v: DescEnumValue, indent: string): string[] {
    const options = optionEntries(v.proto.options, EnumValueOptionsSchema, this.registry);
    return [
      ...leadingCommentLines(v, indent),
      `${indent}${v.name} = ${v.number}${bracketOptions(options, indent)};`,
    ];
  }

  /** `extend .pkg.Msg { … }` blocks, one per extendee in order of first appearance. */
  extensions(exts: readonly DescExtension[], indent: string): string[] {
    const byExtendee = new Map<string, DescExtension[]>();
    for (const ext of exts) {
      const list = byExtendee.get(ext.extendee.typeName) ?? [];
      list.push(ext);
      byExtendee.set(ext.extendee.typeName, list);
    }
    return [...byExtendee.values()].flatMap((group) => this.extendBlock(group, indent));
  }

  /** Top-level `extend` blocks of a file (one per extendee). */
  fileExtensions(file: DescFile): string[] {
    return this.extensions(file.extensions, '');
  }

  extendBlock(exts: DescExtension[], indent: string): string[] {
    const lines = [`${indent}extend .${exts[0]!.extendee.typeName} {`];
    for (const ext of [...exts].sort((a, b) => a.number - b.number)) {
      lines.push(...this.field(ext, `${indent}  `));
    }
    lines.push(`${indent}}`);
    return lines;
  }
}

function fieldLabel(field: DescField | DescExtension): string {
  if (field.fieldKind === 'list') return 'repeated ';
  if (field.fieldKind === 'map') return '';
  if (field.proto.proto3Optional) return 'optional ';
  const syntax = (field.kind === 'field' ? field.parent.file : field.file).proto.syntax;
  // proto2 spells out every label outside a oneof.
  if (syntax !== 'proto3' && syntax !== 'editions' && !field.oneof) {
    return field.proto.label === 2 ? 'required ' : 'optional ';
  }
  return '';
}

function valueTypeText(field: DescField | DescExtension): string {
  if (isGroup(field)) return 'group';
  switch (field.fieldKind) {
    case 'scalar':
      return scalarName(field.scalar);
    case 'enum':
      return '.' + field.enum.typeName;
    case 'message':
      return '.' + field.message.typeName;
    case 'list':
      return field.listKind === 'scalar'
        ? scalarName(field.scalar)
        : '.' + (field.listKind === 'enum' ? field.enum : field.message).typeName;
    case 'map': {
      const value =
        field.mapKind === 'scalar'
          ? scalarName(field.scalar)
          : '.' + (field.mapKind === 'enum' ? field.enum : field.message).typeName;
      return `map<${scalarName(field.mapKey)}, ${value}>`;
    }
  }
}

/** `[default = …]` as protoprint writes it: strings quoted, floats' infinities as Go spells them. */
function defaultText(field: DescField | DescExtension, source: boolean): string {
  const raw = field.proto.defaultValue ?? '';
  switch (field.proto.type) {
    case FieldDescriptorProto_Type.STRING:
      return quoteText(raw);
    case FieldDescriptorProto_Type.BYTES:
      return `"${raw}"`; // protoc stores bytes defaults already C-escaped
    case FieldDescriptorProto_Type.FLOAT:
    case FieldDescriptorProto_Type.DOUBLE:
      // protoc writes inf/-inf/nan (and reads only those); describe prints Go's spelling; the
      // .proto loader keeps JavaScript's.
      if (raw === 'inf' || raw === 'Infinity') return source ? 'inf' : '+Inf';
      if (raw === '-inf' || raw === '-Infinity') return source ? '-inf' : '-Inf';
      if (raw === 'nan' || raw === 'NaN') return source ? 'nan' : 'NaN';
      return raw;
    default:
      return raw;
  }
}

/**
 * A whole file as .proto source (for -proto-out-dir): its syntax, package, imports and options,
 * then every element as describe prints it. Type names stay fully qualified (`.pkg.Type`), which
 * protoc reads as written.
 */
export function protoFileText(file: DescFile, registry: Registry): string {
  const p = new Printer(registry, true);
  const { proto } = file;
  const head: string[] =
    proto.syntax === 'editions'
      ? [`edition = "${String(proto.edition).replace(/^EDITION_/, '')}";`]
      : [`syntax = "${proto.syntax || 'proto2'}";`];
  if (proto.package) head.push('', `package ${proto.package};`);
  if (proto.dependency.length > 0) {
    head.push('');
    proto.dependency.forEach((dep, i) => {
      const kind = proto.publicDependency.includes(i)
        ? 'public '
        : proto.weakDependency.includes(i)
          ? 'weak '
          : '';
      head.push(`import ${kind}${quoteText(dep)};`);
    });
  }
  const options = optionStatements(optionEntries(proto.options, FileOptionsSchema, registry), '');
  if (options.length > 0) head.push('', ...options);
  const blocks: string[][] = [
    ...file.services.map((s) => p.service(s)),
    ...file.messages.filter((m) => !isMapEntry(m)).map((m) => p.message(m, '')),
    ...file.enums.map((e) => p.enum(e, '')),
  ];
  const extensions = p.fileExtensions(file);
  if (extensions.length > 0) blocks.push(extensions);
  return [head.join('\n'), ...blocks.map((b) => b.join('\n'))].join('\n\n') + '\n';
}

/** grpcurl's `describe SYMBOL` text; throws SchemaError for an unknown symbol. */
export function describeSymbol(schema: LoadedSchema, symbol: string): string {
  const name = symbol.replace(/^\./, '');
  const method = descMethodOf(schema.registry, name);
  const found: DescribedSymbol | undefined = method
    ? { kind: 'method', desc: method }
    : findSymbol(schema.registry, name);
  if (!found) throw new SchemaError('unresolved_type', `Symbol not found: ${name}`);
  return describeText(found, schema.registry);
}

/** Full service names, sorted, as `grpcurl list` prints them. */
export function listServices(schema: LoadedSchema): string[] {
  return schema.model.services.map((s) => s.fullName).sort();
}

/** `grpcurl list SERVICE`: the service's methods as full names, sorted. */
export function listMethods(schema: LoadedSchema, service: string): string[] {
  const name = service.replace(/^\./, '');
  const found = schema.model.services.find((s) => s.fullName === name);
  if (!found) throw new SchemaError('unresolved_type', `Service not found: ${name}`);
  return found.methods.map((m) => m.fullName).sort();
}
