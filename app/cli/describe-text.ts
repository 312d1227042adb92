import {
  ScalarType,
  type DescEnum,
  type DescField,
  type DescMessage,
  type DescMethod,
  type DescService,
  type Registry,
} from '@bufbuild/protobuf';
import { CALL_KIND_OF, receivesStream, sendsStream } from '../../shared/schema/methods.js';
import type { MethodInfo, SchemaModel } from '../../shared/schema/model.js';

// grpcurl's `describe` output: "<name> is a <kind>:" and the element in .proto syntax, message and
// enum references fully qualified with a leading dot.

export type DescribedSymbol =
  | { kind: 'service'; desc: DescService }
  | { kind: 'method'; desc: DescMethod }
  | { kind: 'message'; desc: DescMessage }
  | { kind: 'enum'; desc: DescEnum }
  | { kind: 'field'; desc: DescField };

export function findSymbol(registry: Registry, symbol: string): DescribedSymbol | undefined {
  const name = symbol.startsWith('.') ? symbol.slice(1) : symbol;
  const service = registry.getService(name);
  if (service) return { kind: 'service', desc: service };
  const message = registry.getMessage(name);
  if (message) return { kind: 'message', desc: message };
  const enumDesc = registry.getEnum(name);
  if (enumDesc) return { kind: 'enum', desc: enumDesc };
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const parent = name.slice(0, dot);
  const member = name.slice(dot + 1);
  const method = registry.getService(parent)?.methods.find((m) => m.name === member);
  if (method) return { kind: 'method', desc: method };
  const field = registry.getMessage(parent)?.fields.find((f) => f.name === member);
  if (field) return { kind: 'field', desc: field };
  return undefined;
}

export function symbolName(found: DescribedSymbol): string {
  return found.kind === 'method' || found.kind === 'field'
    ? `${found.desc.parent.typeName}.${found.desc.name}`
    : found.desc.typeName;
}

/** grpcurl's element phrases: "a service", "a nested message", "an enum", … */
function elementPhrase(found: DescribedSymbol): string {
  switch (found.kind) {
    case 'message':
      return found.desc.parent ? 'a nested message' : 'a message';
    case 'enum':
      return found.desc.parent ? 'a nested enum' : 'an enum';
    default:
      return `a ${found.kind}`;
  }
}

export function describeText(found: DescribedSymbol, model?: SchemaModel): string {
  return `${symbolName(found)} is ${elementPhrase(found)}:\n${elementText(found, model)}`;
}

function elementText(found: DescribedSymbol, model?: SchemaModel): string {
  switch (found.kind) {
    case 'service':
      return serviceText(found.desc, model);
    case 'method':
      return (
        commentLines(
          model?.services
            .find((s) => s.fullName === found.desc.parent.typeName)
            ?.methods.find((m) => m.name === found.desc.name)?.comment,
          '',
        ) + descMethodLine(found.desc)
      );
    case 'message':
      return messageText(found.desc, '', model);
    case 'enum':
      return enumText(found.desc, '', model);
    case 'field':
      return fieldLine(found.desc);
  }
}

function commentLines(comment: string | undefined, indent: string): string {
  if (!comment) return '';
  return comment
    .trimEnd()
    .split('\n')
    .map((line) => `${indent}//${line ? ' ' + line : ''}\n`)
    .join('');
}

/** A method in .proto syntax: `rpc Tail ( .example.TailRequest ) returns ( stream .example.LogLine );` */
export function methodLine(
  method: Pick<MethodInfo, 'name' | 'kind' | 'inputType' | 'outputType'>,
): string {
  const streamIn = sendsStream(method.kind) ? 'stream ' : '';
  const streamOut = receivesStream(method.kind) ? 'stream ' : '';
  return `rpc ${method.name} ( ${streamIn}.${method.inputType} ) returns ( ${streamOut}.${method.outputType} );`;
}

function descMethodLine(method: DescMethod): string {
  return methodLine({
    name: method.name,
    kind: CALL_KIND_OF[method.methodKind],
    inputType: method.input.typeName,
    outputType: method.output.typeName,
  });
}

function serviceText(service: DescService, model?: SchemaModel): string {
  const info = model?.services.find((s) => s.fullName === service.typeName);
  let out = commentLines(info?.comment, '') + `service ${service.name} {\n`;
  for (const method of service.methods) {
    out += commentLines(info?.methods.find((m) => m.name === method.name)?.comment, '  ');
    out += `  ${descMethodLine(method)}\n`;
  }
  return `${out}}`;
}

function scalarName(scalar: ScalarType): string {
  return (ScalarType[scalar] ?? 'unknown').toLowerCase();
}

function valueTypeName(field: DescField): string {
  switch (field.fieldKind) {
    case 'scalar':
      return scalarName(field.scalar);
    case 'enum':
      return `.${field.enum.typeName}`;
    case 'message':
      return `.${field.message.typeName}`;
    case 'list':
      return field.listKind === 'scalar'
        ? scalarName(field.scalar)
        : field.listKind === 'enum'
          ? `.${field.enum.typeName}`
          : `.${field.message.typeName}`;
    case 'map': {
      const value =
        field.mapKind === 'scalar'
          ? scalarName(field.scalar)
          : field.mapKind === 'enum'
            ? `.${field.enum.typeName}`
            : `.${field.message.typeName}`;
      return `map<${scalarName(field.mapKey)}, ${value}>`;
    }
  }
}

/** protoc's default json_name: underscores dropped, the letter after each capitalised. */
function defaultJsonName(name: string): string {
  return name.replace(/_+(.?)/g, (_, c: string) => c.toUpperCase());
}

function fieldLabel(field: DescField): string {
  if (field.fieldKind === 'list') return 'repeated ';
  if (field.fieldKind === 'map') return '';
  if (field.proto.proto3Optional) return 'optional ';
  const syntax = field.parent.file.proto.syntax;
  // proto2 spells out every label outside a oneof.
  if (syntax !== 'proto3' && syntax !== 'editions' && !field.oneof) {
    return field.proto.label === 2 ? 'required ' : 'optional ';
  }
  return '';
}

function fieldLine(field: DescField): string {
  const options: string[] = [];
  if (field.proto.jsonName && field.proto.jsonName !== defaultJsonName(field.name)) {
    options.push(`json_name = ${JSON.stringify(field.proto.jsonName)}`);
  }
  if (field.deprecated) options.push('deprecated = true');
  const suffix = options.length > 0 ? ` [${options.join(', ')}]` : '';
  return `${fieldLabel(field)}${valueTypeName(field)} ${field.name} = ${field.number}${suffix};`;
}

function messageText(message: DescMessage, indent: string, model?: SchemaModel): string {
  const info = model?.messages[message.typeName];
  const fieldComment = (name: string): string | undefined =>
    info?.fields.find((f) => f.name === name)?.comment;
  let out = commentLines(info?.comment, indent) + `${indent}message ${message.name} {\n`;
  for (const member of message.members) {
    if (member.kind === 'field') {
      out += commentLines(fieldComment(member.name), `${indent}  `);
      out += `${indent}  ${fieldLine(member)}\n`;
      continue;
    }
    out += `${indent}  oneof ${member.name} {\n`;
    for (const field of member.fields) {
      out += commentLines(fieldComment(field.name), `${indent}    `);
      out += `${indent}    ${fieldLine(field)}\n`;
    }
    out += `${indent}  }\n`;
  }
  for (const nested of message.nestedMessages)
    out += `${messageText(nested, `${indent}  `, model)}\n`;
  for (const nested of message.nestedEnums) out += `${enumText(nested, `${indent}  `, model)}\n`;
  return `${out}${indent}}`;
}

function enumText(desc: DescEnum, indent: string, model?: SchemaModel): string {
  const info = model?.enums[desc.typeName];
  let out = commentLines(info?.comment, indent) + `${indent}enum ${desc.name} {\n`;
  for (const value of desc.values) {
    out += commentLines(info?.values.find((v) => v.name === value.name)?.comment, `${indent}  `);
    out += `${indent}  ${value.name} = ${value.number}${value.deprecated ? ' [deprecated = true]' : ''};\n`;
  }
  return `${out}${indent}}`;
}
