import { isFieldSet } from '@bufbuild/protobuf';
import { protoCamelCase } from '@bufbuild/protobuf/reflect';
import {
  FieldDescriptorProtoSchema,
  type DescriptorProto,
  type FieldDescriptorProto,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';

/**
 * Some reflection servers send descriptors that a strict reader rejects. @grpc/reflection (the
 * Node one, via proto-loader) names files by package (`shop_v1.proto`), writes type references
 * relative to the message (`Item`, `common.Money`), leaves `dependency` empty and omits
 * `json_name` (which bufbuild takes as is, so every field would be named ""). protoc would never
 * write that, but the meaning is clear, so fix it in place: resolve each reference by the protobuf
 * scoping rules to a full `.pkg.Type` name, declare the file that defines it as an import, and fill
 * in json names as protoc computes them. Files that are already well-formed come out unchanged.
 */
export function repairReferences(files: FileDescriptorProto[]): void {
  const owner = indexTypes(files);
  for (const file of files) {
    const deps = new Set(file.dependency);
    const link = (name: string, scope: string): string => {
      const full = resolve(name, scope, owner);
      if (full === undefined) return name;
      const definedIn = owner.get(full.slice(1));
      if (definedIn && definedIn !== file.name && !deps.has(definedIn)) {
        deps.add(definedIn);
        file.dependency.push(definedIn);
      }
      return full;
    };
    const linkField = (field: FieldDescriptorProto, scope: string) => {
      if (!isFieldSet(field, FieldDescriptorProtoSchema.field.jsonName))
        field.jsonName = protoCamelCase(field.name);
      if (field.typeName) field.typeName = link(field.typeName, scope);
      if (field.extendee) field.extendee = link(field.extendee, scope);
    };
    const visit = (message: DescriptorProto, scope: string) => {
      const name = `${scope}.${message.name}`;
      for (const field of message.field) linkField(field, name);
      for (const ext of message.extension) linkField(ext, name);
      for (const nested of message.nestedType) visit(nested, name);
    };
    const pkg = file.package ? `.${file.package}` : '';
    for (const message of file.messageType) visit(message, pkg);
    for (const ext of file.extension) linkField(ext, pkg);
    for (const service of file.service) {
      for (const method of service.method) {
        method.inputType = link(method.inputType, pkg);
        method.outputType = link(method.outputType, pkg);
      }
    }
  }
}

/** Full type name (no leading dot) → the file that defines it. */
function indexTypes(files: FileDescriptorProto[]): Map<string, string> {
  const owner = new Map<string, string>();
  for (const file of files) {
    const add = (name: string) => {
      if (!owner.has(name)) owner.set(name, file.name);
    };
    const visit = (message: DescriptorProto, scope: string) => {
      const name = scope + message.name;
      add(name);
      for (const e of message.enumType) add(`${name}.${e.name}`);
      for (const nested of message.nestedType) visit(nested, `${name}.`);
    };
    const prefix = file.package ? `${file.package}.` : '';
    for (const message of file.messageType) visit(message, prefix);
    for (const e of file.enumType) add(prefix + e.name);
  }
  return owner;
}

/** `.a.b.C` for a reference seen inside scope `.a.b.M`, or undefined when nothing matches. */
function resolve(name: string, scope: string, owner: Map<string, string>): string | undefined {
  if (name.startsWith('.')) return name;
  const parts = scope.split('.').filter(Boolean);
  for (let i = parts.length; i >= 0; i--) {
    const candidate = [...parts.slice(0, i), name].join('.');
    if (owner.has(candidate)) return `.${candidate}`;
  }
  return undefined;
}
