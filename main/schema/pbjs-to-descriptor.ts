import { create } from '@bufbuild/protobuf';
import {
  DescriptorProtoSchema,
  DescriptorProto_ExtensionRangeSchema,
  DescriptorProto_ReservedRangeSchema,
  EnumDescriptorProto_EnumReservedRangeSchema,
  EnumOptionsSchema,
  EnumValueOptionsSchema,
  FieldOptionsSchema,
  MessageOptionsSchema,
  MethodOptionsSchema,
  OneofDescriptorProtoSchema,
  ServiceOptionsSchema,
  EnumDescriptorProtoSchema,
  EnumValueDescriptorProtoSchema,
  FieldDescriptorProtoSchema,
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  MethodDescriptorProtoSchema,
  ServiceDescriptorProtoSchema,
  type DescriptorProto,
  type EnumDescriptorProto,
  type FieldDescriptorProto,
  type FileDescriptorProto,
  type ServiceDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import protobuf from 'protobufjs';
import { SchemaError } from './errors.js';
import { FileBuilder } from './descriptor-file-builder.js';
import { withParsedOptions } from './pbjs-options.js';
import type { ParsedFile } from './parse-tree.js';
import { jsonNameOf, mapEntryName } from './proto-names.js';
import { escapeRegExp, lineOf } from './text-position.js';

// protobufjs's own toDescriptor (ext/descriptor) drops dependency lists and folds the well-known
// types into a fake file, which @bufbuild/protobuf's registry rejects; so we convert ourselves, in
// one walk over the root, producing what protoc would for the same files.

const scalarTypes: Record<string, FieldDescriptorProto_Type> = {
  double: FieldDescriptorProto_Type.DOUBLE,
  float: FieldDescriptorProto_Type.FLOAT,
  int64: FieldDescriptorProto_Type.INT64,
  uint64: FieldDescriptorProto_Type.UINT64,
  int32: FieldDescriptorProto_Type.INT32,
  fixed64: FieldDescriptorProto_Type.FIXED64,
  fixed32: FieldDescriptorProto_Type.FIXED32,
  bool: FieldDescriptorProto_Type.BOOL,
  string: FieldDescriptorProto_Type.STRING,
  bytes: FieldDescriptorProto_Type.BYTES,
  uint32: FieldDescriptorProto_Type.UINT32,
  sfixed32: FieldDescriptorProto_Type.SFIXED32,
  sfixed64: FieldDescriptorProto_Type.SFIXED64,
  sint32: FieldDescriptorProto_Type.SINT32,
  sint64: FieldDescriptorProto_Type.SINT64,
};

// Paths into FileDescriptorProto / DescriptorProto / ... as used by SourceCodeInfo.Location.
const FILE_MESSAGE = 4,
  FILE_ENUM = 5,
  FILE_SERVICE = 6,
  FILE_EXTENSION = 7;
const MSG_FIELD = 2,
  MSG_NESTED = 3,
  MSG_ENUM = 4,
  MSG_EXTENSION = 6,
  MSG_ONEOF = 8;
const ENUM_VALUE = 2,
  SERVICE_METHOD = 2;

type Options = Record<string, unknown> | undefined;

function bareName(fullName: string): string {
  return fullName.startsWith('.') ? fullName.slice(1) : fullName;
}

function isSyntheticOneof(oneof: protobuf.OneOf): boolean {
  const only = oneof.fieldsArray.length === 1 ? oneof.fieldsArray[0] : undefined;
  return !!only && (only.options as Options)?.proto3_optional === true;
}

export class DescriptorConverter {
  private readonly builders = new Map<string, FileBuilder>();

  constructor(
    private readonly root: protobuf.Root,
    files: ParsedFile[],
  ) {
    for (const f of files) if (!f.wellKnown) this.builders.set(f.name, new FileBuilder(f));
  }

  convert(): FileDescriptorProto[] {
    this.walkNamespace(this.root);
    this.checkDeferredExtensions();
    return [...this.builders.values()].map((b) => b.finish());
  }

  private builderFor(obj: protobuf.ReflectionObject): FileBuilder | undefined {
    return obj.filename ? this.builders.get(obj.filename) : undefined;
  }

  private walkNamespace(ns: protobuf.Namespace): void {
    for (const obj of ns.nestedArray) {
      if (obj instanceof protobuf.Type) {
        const b = this.builderFor(obj);
        if (!b) continue;
        b.noteEdition(obj);
        b.proto.messageType.push(
          this.convertType(b, obj, [FILE_MESSAGE, b.proto.messageType.length]),
        );
      } else if (obj instanceof protobuf.Service) {
        const b = this.builderFor(obj);
        if (!b) continue;
        b.noteEdition(obj);
        b.proto.service.push(this.convertService(b, obj, [FILE_SERVICE, b.proto.service.length]));
      } else if (obj instanceof protobuf.Enum) {
        const b = this.builderFor(obj);
        if (!b) continue;
        b.noteEdition(obj);
        b.proto.enumType.push(this.convertEnum(b, obj, [FILE_ENUM, b.proto.enumType.length]));
      } else if (obj instanceof protobuf.Field) {
        const b = this.builderFor(obj);
        if (!b) continue;
        b.noteEdition(obj);
        b.proto.extension.push(
          this.convertField(b, obj, [FILE_EXTENSION, b.proto.extension.length], undefined),
        );
      } else if (obj instanceof protobuf.Namespace) {
        this.walkNamespace(obj);
      }
    }
  }

  private convertType(b: FileBuilder, type: protobuf.Type, path: number[]): DescriptorProto {
    const msg = create(DescriptorProtoSchema, { name: type.name });
    b.comment(path, type.comment);
    const opts = type.options as Options;
    if (opts?.deprecated === true) msg.options = create(MessageOptionsSchema, { deprecated: true });
    const withOptions = withParsedOptions(MessageOptionsSchema, msg.options, type);
    if (withOptions) msg.options = withOptions;

    // protoc lists synthetic (proto3 optional) oneofs after the real ones.
    const oneofs = type.oneofsArray
      .filter((o) => !isSyntheticOneof(o))
      .concat(type.oneofsArray.filter(isSyntheticOneof));
    const oneofIndex = new Map<protobuf.OneOf, number>();
    oneofs.forEach((o, i) => {
      oneofIndex.set(o, i);
      msg.oneofDecl.push(create(OneofDescriptorProtoSchema, { name: o.name }));
      b.comment([...path, MSG_ONEOF, i], o.comment);
    });

    for (const obj of type.nestedArray) {
      if (obj instanceof protobuf.Type)
        msg.nestedType.push(this.convertType(b, obj, [...path, MSG_NESTED, msg.nestedType.length]));
      else if (obj instanceof protobuf.Enum)
        msg.enumType.push(this.convertEnum(b, obj, [...path, MSG_ENUM, msg.enumType.length]));
      else if (obj instanceof protobuf.Field)
        msg.extension.push(
          this.convertField(b, obj, [...path, MSG_EXTENSION, msg.extension.length], undefined),
        );
    }

    for (const field of type.fieldsArray) {
      // Extensions declared elsewhere appear here as "sister" fields; they belong to their declaring file.
      if (field.declaringField) continue;
      const index = field.partOf ? oneofIndex.get(field.partOf) : undefined;
      const converted = this.convertField(b, field, [...path, MSG_FIELD, msg.field.length], index);
      if (field instanceof protobuf.MapField) {
        const entry = this.mapEntry(b, field, converted);
        converted.typeName = `${type.fullName}.${entry.name}`;
        msg.nestedType.push(entry);
      }
      msg.field.push(converted);
    }

    for (const r of type.reserved ?? []) {
      if (typeof r === 'string') msg.reservedName.push(r);
      else if (Array.isArray(r) && r.length === 2) {
        msg.reservedRange.push(
          create(DescriptorProto_ReservedRangeSchema, { start: r[0]!, end: r[1]! + 1 }),
        );
      }
    }
    for (const r of type.extensions ?? []) {
      msg.extensionRange.push(
        create(DescriptorProto_ExtensionRangeSchema, { start: r[0]!, end: r[1]! + 1 }),
      );
    }
    return msg;
  }

  private mapEntry(
    b: FileBuilder,
    field: protobuf.MapField,
    converted: FieldDescriptorProto,
  ): DescriptorProto {
    const entry = create(DescriptorProtoSchema, {
      name: mapEntryName(field.name),
      options: { mapEntry: true },
    });
    const keyType = scalarTypes[field.keyType];
    if (keyType === undefined) throw this.unresolved(b, field.keyType, field);
    entry.field.push(
      create(FieldDescriptorProtoSchema, {
        name: 'key',
        number: 1,
        label: FieldDescriptorProto_Label.OPTIONAL,
        type: keyType,
        jsonName: 'key',
      }),
      create(FieldDescriptorProtoSchema, {
        name: 'value',
        number: 2,
        label: FieldDescriptorProto_Label.OPTIONAL,
        type: converted.type,
        typeName: converted.typeName,
        jsonName: 'value',
      }),
    );
    converted.label = FieldDescriptorProto_Label.REPEATED;
    converted.type = FieldDescriptorProto_Type.MESSAGE;
    return entry;
  }

  private convertField(
    b: FileBuilder,
    field: protobuf.Field,
    path: number[],
    oneofIndex: number | undefined,
  ): FieldDescriptorProto {
    const opts = field.options as Options;
    const out = create(FieldDescriptorProtoSchema, {
      name: field.name,
      number: field.id,
      label: field.repeated
        ? FieldDescriptorProto_Label.REPEATED
        : (field as protobuf.Field & { rule?: string }).rule === 'required'
          ? FieldDescriptorProto_Label.REQUIRED
          : FieldDescriptorProto_Label.OPTIONAL,
      jsonName: typeof opts?.json_name === 'string' ? opts.json_name : jsonNameOf(field.name),
    });
    b.comment(path, field.comment);
    if (oneofIndex !== undefined) out.oneofIndex = oneofIndex;
    if (opts?.proto3_optional === true) out.proto3Optional = true;

    const scalar = scalarTypes[field.type];
    if (scalar !== undefined) out.type = scalar;
    else {
      try {
        field.resolve();
      } catch {
        throw this.unresolved(b, field.type, field);
      }
      const target = field.resolvedType;
      if (!target) throw this.unresolved(b, field.type, field);
      b.ref(target);
      out.typeName = target.fullName;
      out.type =
        target instanceof protobuf.Enum
          ? FieldDescriptorProto_Type.ENUM
          : (target as protobuf.Type & { group?: boolean }).group
            ? FieldDescriptorProto_Type.GROUP
            : FieldDescriptorProto_Type.MESSAGE;
    }

    if (field.extend !== undefined) {
      const extendee = field.extensionField?.parent;
      if (!extendee) throw this.unresolved(b, field.extend, field, 'extended by');
      b.ref(extendee);
      out.extendee = extendee.fullName;
    }

    const deprecated = opts?.deprecated === true;
    const packed = typeof opts?.packed === 'boolean' ? opts.packed : undefined;
    if (deprecated || packed !== undefined) {
      out.options = create(FieldOptionsSchema);
      if (deprecated) out.options.deprecated = true;
      if (packed !== undefined) out.options.packed = packed;
    }
    const dflt = opts?.default;
    if (dflt !== undefined && dflt !== null) out.defaultValue = String(dflt);
    const withOptions = withParsedOptions(FieldOptionsSchema, out.options, field);
    if (withOptions) out.options = withOptions;
    return out;
  }

  private convertEnum(b: FileBuilder, e: protobuf.Enum, path: number[]): EnumDescriptorProto {
    const out = create(EnumDescriptorProtoSchema, { name: e.name });
    b.comment(path, e.comment);
    const opts = e.options as Options;
    if (opts?.allow_alias === true || opts?.deprecated === true) {
      out.options = create(EnumOptionsSchema);
      if (opts.allow_alias === true) out.options.allowAlias = true;
      if (opts.deprecated === true) out.options.deprecated = true;
    }
    Object.entries(e.values).forEach(([name, number], i) => {
      const value = create(EnumValueDescriptorProtoSchema, { name, number });
      if (e.valuesOptions?.[name]?.deprecated === true)
        value.options = create(EnumValueOptionsSchema, { deprecated: true });
      out.value.push(value);
      b.comment([...path, ENUM_VALUE, i], e.comments[name]);
    });
    for (const r of e.reserved ?? []) {
      if (typeof r === 'string') out.reservedName.push(r);
      else if (Array.isArray(r) && r.length === 2) {
        out.reservedRange.push(
          create(EnumDescriptorProto_EnumReservedRangeSchema, { start: r[0]!, end: r[1]! }),
        );
      }
    }
    return out;
  }

  private convertService(
    b: FileBuilder,
    s: protobuf.Service,
    path: number[],
  ): ServiceDescriptorProto {
    const out = create(ServiceDescriptorProtoSchema, { name: s.name });
    b.comment(path, s.comment);
    if ((s.options as Options)?.deprecated === true)
      out.options = create(ServiceOptionsSchema, { deprecated: true });
    const serviceOptions = withParsedOptions(ServiceOptionsSchema, out.options, s);
    if (serviceOptions) out.options = serviceOptions;
    s.methodsArray.forEach((m, i) => {
      try {
        m.resolve();
      } catch {
        const missing = (() => {
          try {
            s.lookupType(m.requestType);
            return m.responseType;
          } catch {
            return m.requestType;
          }
        })();
        throw this.unresolved(b, missing, m);
      }
      const input = m.resolvedRequestType!;
      const output = m.resolvedResponseType!;
      b.ref(input);
      b.ref(output);
      const method = create(MethodDescriptorProtoSchema, {
        name: m.name,
        inputType: input.fullName,
        outputType: output.fullName,
      });
      if (m.requestStream) method.clientStreaming = true;
      if (m.responseStream) method.serverStreaming = true;
      if ((m.options as Options)?.deprecated === true)
        method.options = create(MethodOptionsSchema, { deprecated: true });
      const methodOptions = withParsedOptions(MethodOptionsSchema, method.options, m);
      if (methodOptions) method.options = methodOptions;
      out.method.push(method);
      b.comment([...path, SERVICE_METHOD, i], m.comment);
    });
    return out;
  }

  private unresolved(
    b: FileBuilder,
    typeName: string,
    user: protobuf.Field | protobuf.MapField | protobuf.Method,
    how = 'used by',
  ): SchemaError {
    const owner = bareName(user.parent?.fullName ?? '');
    const what =
      user instanceof protobuf.Method
        ? `method ${owner}.${user.name}`
        : `field ${owner ? owner + '.' : ''}${user.name}`;
    const pattern =
      user instanceof protobuf.Method
        ? new RegExp(`\\brpc\\s+${escapeRegExp(user.name)}\\s*\\(`)
        : how === 'extended by'
          ? new RegExp(`\\bextend\\s+${escapeRegExp(typeName)}\\b`)
          : new RegExp(`${escapeRegExp(typeName)}\\s*>?\\s+${escapeRegExp(user.name)}\\s*=`);
    const line = lineOf(b.file.source, pattern);
    const where = line ? `${b.file.diskPath}:${line}` : b.file.diskPath;
    return new SchemaError(
      'unresolved_type',
      `${where}: unresolved type '${typeName}' ${how} ${what}`,
      {
        file: b.file.diskPath,
        ...(line ? { line } : {}),
      },
    );
  }

  private checkDeferredExtensions(): void {
    const pending = this.root.deferred[0];
    if (!pending) return;
    const b = this.builderFor(pending);
    if (!b)
      throw new SchemaError(
        'unresolved_type',
        `unresolved type '${pending.extend}' extended by field ${pending.name}`,
      );
    throw this.unresolved(b, pending.extend ?? '?', pending, 'extended by');
  }
}
