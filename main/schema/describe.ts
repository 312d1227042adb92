import {
  ScalarType,
  type DescEnum,
  type DescField,
  type DescMessage,
  type DescMethod,
  type DescService,
} from '@bufbuild/protobuf';
import { SchemaError } from './errors.js';
import type { LoadedSchema } from './from-descriptors.js';
import { jsonNameOf } from './proto-names.js';
import { descMethodOf } from './desc-method.js';

// Text in the shape grpcurl's `describe` prints (protoprint with fully-qualified type names), so
// users pasting between the two tools see the same thing.

function scalarName(t: ScalarType): string {
  return ScalarType[t].toLowerCase();
}

function commentLines(comment: string | undefined, indent: string): string[] {
  return comment ? comment.split('\n').map((l) => `${indent}//${l ? ' ' + l : ''}`) : [];
}

function valueTypeText(field: DescField): string {
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

function fieldLine(schema: LoadedSchema, field: DescField, indent: string): string[] {
  const syntax = field.parent.file.proto.syntax;
  let label = '';
  if (field.fieldKind === 'list') label = 'repeated ';
  else if (field.fieldKind !== 'map') {
    if (field.proto.proto3Optional) label = 'optional ';
    else if (syntax !== 'proto3' && syntax !== 'editions' && !field.oneof)
      label = field.proto.label === 2 ? 'required ' : 'optional ';
  }
  const opts: string[] = [];
  if (field.proto.jsonName && field.proto.jsonName !== jsonNameOf(field.name))
    opts.push(`json_name = "${field.proto.jsonName}"`);
  if (field.deprecated) opts.push('deprecated = true');
  const suffix = opts.length ? ` [${opts.join(', ')}]` : '';
  const comment = schema.model.messages[field.parent.typeName]?.fields.find(
    (f) => f.number === field.number,
  )?.comment;
  return [
    ...commentLines(comment, indent),
    `${indent}${label}${valueTypeText(field)} ${field.name} = ${field.number}${suffix};`,
  ];
}

function enumText(schema: LoadedSchema, e: DescEnum, indent: string): string[] {
  const info = schema.model.enums[e.typeName];
  const lines = [...commentLines(info?.comment, indent), `${indent}enum ${e.name} {`];
  e.values.forEach((v, i) => {
    lines.push(...commentLines(info?.values[i]?.comment, indent + '  '));
    lines.push(`${indent}  ${v.name} = ${v.number}${v.deprecated ? ' [deprecated = true]' : ''};`);
  });
  lines.push(`${indent}}`);
  return lines;
}

function messageText(schema: LoadedSchema, m: DescMessage, indent: string): string[] {
  const lines = [
    ...commentLines(schema.model.messages[m.typeName]?.comment, indent),
    `${indent}message ${m.name} {`,
  ];
  for (const member of m.members) {
    if (member.kind === 'field') lines.push(...fieldLine(schema, member, indent + '  '));
    else {
      lines.push(`${indent}  oneof ${member.name} {`);
      for (const f of member.fields) lines.push(...fieldLine(schema, f, indent + '    '));
      lines.push(`${indent}  }`);
    }
  }
  for (const nested of m.nestedMessages) lines.push(...messageText(schema, nested, indent + '  '));
  for (const nested of m.nestedEnums) lines.push(...enumText(schema, nested, indent + '  '));
  lines.push(`${indent}}`);
  return lines;
}

function methodLine(method: DescMethod, indent: string): string {
  const input = `${method.methodKind === 'client_streaming' || method.methodKind === 'bidi_streaming' ? 'stream ' : ''}.${method.input.typeName}`;
  const output = `${method.methodKind === 'server_streaming' || method.methodKind === 'bidi_streaming' ? 'stream ' : ''}.${method.output.typeName}`;
  return `${indent}rpc ${method.name} ( ${input} ) returns ( ${output} );`;
}

function serviceText(schema: LoadedSchema, s: DescService): string[] {
  const info = schema.model.services.find((x) => x.fullName === s.typeName);
  const lines = [...commentLines(info?.comment, ''), `service ${s.name} {`];
  s.methods.forEach((m, i) => {
    lines.push(...commentLines(info?.methods[i]?.comment, '  '));
    lines.push(methodLine(m, '  '));
  });
  lines.push('}');
  return lines;
}

/** grpcurl's `describe SYMBOL`: a service, method, message or enum as proto text. */
export function describeSymbol(schema: LoadedSchema, symbol: string): string {
  const name = symbol.replace(/^\./, '');
  const desc = schema.registry.get(name);
  if (desc?.kind === 'service')
    return `${name} is a service:\n${serviceText(schema, desc).join('\n')}`;
  if (desc?.kind === 'message')
    return `${name} is a message:\n${messageText(schema, desc, '').join('\n')}`;
  if (desc?.kind === 'enum') return `${name} is an enum:\n${enumText(schema, desc, '').join('\n')}`;
  const method = descMethodOf(schema.registry, name);
  if (method) {
    const comment = schema.model.services
      .find((s) => s.fullName === method.parent.typeName)
      ?.methods.find((m) => m.name === method.name)?.comment;
    return `${method.parent.typeName}.${method.name} is a method:\n${[...commentLines(comment, ''), methodLine(method, '')].join('\n')}`;
  }
  throw new SchemaError('unresolved_type', `Symbol not found: ${name}`);
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
