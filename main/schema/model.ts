import {
  type DescEnum,
  type DescField,
  type DescMessage,
  type DescService,
  type FileRegistry,
} from '@bufbuild/protobuf';
import type {
  EnumInfo,
  EnumValueInfo,
  FieldInfo,
  MessageInfo,
  MethodInfo,
  SchemaModel,
  ServiceInfo,
  ValueType,
} from '../../shared/schema/model.js';
import { CALL_KIND_OF } from '../../shared/schema/methods.js';
import { indexComments, type CommentIndex } from './comments.js';
import { wellKnownMessages } from './wkt.js';
import { SCALAR_NAMES } from './scalar-names.js';

function withComment<T extends { comment?: string }>(
  info: T,
  comments: CommentIndex,
  path: number[],
): T {
  if (comments.size === 0) return info;
  const comment = comments.get(path.join(','));
  if (comment) info.comment = comment;
  return info;
}

function valueType(field: DescField): { type: ValueType; map?: FieldInfo['map'] } {
  switch (field.fieldKind) {
    case 'scalar':
      return { type: { kind: 'scalar', scalar: SCALAR_NAMES[field.scalar] } };
    case 'enum':
      return { type: { kind: 'enum', typeName: field.enum.typeName } };
    case 'message':
      return { type: { kind: 'message', typeName: field.message.typeName } };
    case 'list':
      if (field.listKind === 'scalar')
        return { type: { kind: 'scalar', scalar: SCALAR_NAMES[field.scalar] } };
      if (field.listKind === 'enum')
        return { type: { kind: 'enum', typeName: field.enum.typeName } };
      return { type: { kind: 'message', typeName: field.message.typeName } };
    case 'map': {
      const value: ValueType =
        field.mapKind === 'scalar'
          ? { kind: 'scalar', scalar: SCALAR_NAMES[field.scalar] }
          : field.mapKind === 'enum'
            ? { kind: 'enum', typeName: field.enum.typeName }
            : { kind: 'message', typeName: field.message.typeName };
      return { type: value, map: { key: SCALAR_NAMES[field.mapKey], value } };
    }
  }
}

function fieldInfo(field: DescField, comments: CommentIndex, path: number[]): FieldInfo {
  const { type, map } = valueType(field);
  const info: FieldInfo = {
    name: field.name,
    jsonName: field.jsonName,
    number: field.number,
    type,
    // Maps are repeated on the wire, but the model describes them through `map` alone.
    repeated: field.fieldKind === 'list',
    optional: field.proto.proto3Optional === true,
    deprecated: field.deprecated,
  };
  if (map) info.map = map;
  if (field.oneof && !field.proto.proto3Optional) info.oneof = field.oneof.name;
  return withComment(info, comments, path);
}

function messageInfo(desc: DescMessage, comments: CommentIndex, path: number[]): MessageInfo {
  const info: MessageInfo = {
    fullName: desc.typeName,
    name: desc.name,
    file: desc.file.proto.name,
    fields: desc.fields.map((f, i) => fieldInfo(f, comments, [...path, 2, i])),
    oneofs: desc.oneofs
      .filter((o) => !o.fields.some((f) => f.proto.proto3Optional))
      .map((o) => o.name),
    deprecated: desc.deprecated,
  };
  if (wellKnownMessages.has(desc.typeName)) info.wellKnown = desc.typeName;
  return withComment(info, comments, path);
}

function enumInfo(desc: DescEnum, comments: CommentIndex, path: number[]): EnumInfo {
  return withComment<EnumInfo>(
    {
      fullName: desc.typeName,
      name: desc.name,
      file: desc.file.proto.name,
      values: desc.values.map((v, i) =>
        withComment<EnumValueInfo>(
          { name: v.name, number: v.number, deprecated: v.deprecated },
          comments,
          [...path, 2, i],
        ),
      ),
    },
    comments,
    path,
  );
}

function serviceInfo(desc: DescService, comments: CommentIndex, path: number[]): ServiceInfo {
  const methods = desc.methods.map((m, i) =>
    withComment<MethodInfo>(
      {
        name: m.name,
        fullName: `${desc.typeName}.${m.name}`,
        path: `/${desc.typeName}/${m.name}`,
        kind: CALL_KIND_OF[m.methodKind],
        inputType: m.input.typeName,
        outputType: m.output.typeName,
        deprecated: m.deprecated,
      },
      comments,
      [...path, 2, i],
    ),
  );
  return withComment<ServiceInfo>(
    {
      fullName: desc.typeName,
      name: desc.name,
      file: desc.file.proto.name,
      methods,
      deprecated: desc.deprecated,
    },
    comments,
    path,
  );
}

/** The plain model the renderer and CLI work from; one walk over the registry's files. */
export function buildSchemaModel(registry: FileRegistry): SchemaModel {
  const model: SchemaModel = { services: [], messages: {}, enums: {}, files: [] };
  for (const file of registry.files) {
    const proto = file.proto;
    model.files.push(proto.name);
    const comments = indexComments(proto);
    const prefix = proto.package ? proto.package + '.' : '';

    const visitEnum = (typeName: string, path: number[]): void => {
      const desc = registry.getEnum(typeName);
      if (desc) model.enums[typeName] = enumInfo(desc, comments, path);
    };
    const visitMessage = (typeName: string, path: number[]): void => {
      const desc = registry.getMessage(typeName);
      if (!desc || desc.file !== file || desc.proto.options?.mapEntry) return;
      model.messages[typeName] = messageInfo(desc, comments, path);
      desc.proto.nestedType.forEach((n, i) =>
        visitMessage(`${typeName}.${n.name}`, [...path, 3, i]),
      );
      desc.proto.enumType.forEach((e, i) => visitEnum(`${typeName}.${e.name}`, [...path, 4, i]));
    };

    proto.messageType.forEach((m, i) => visitMessage(prefix + m.name, [4, i]));
    proto.enumType.forEach((e, i) => visitEnum(prefix + e.name, [5, i]));
    proto.service.forEach((s, i) => {
      const desc = registry.getService(prefix + s.name);
      if (desc) model.services.push(serviceInfo(desc, comments, [6, i]));
    });
  }
  return model;
}
