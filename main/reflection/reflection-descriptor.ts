import { create, createFileRegistry, type DescMessage, type DescMethod } from '@bufbuild/protobuf';
import {
  DescriptorProtoSchema,
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  FileDescriptorProtoSchema,
  type DescriptorProto,
} from '@bufbuild/protobuf/wkt';

export type ReflectionVersion = 'v1' | 'v1alpha';

export interface ReflectionTypes {
  /** `/grpc.reflection.v1.ServerReflection/ServerReflectionInfo` or the v1alpha one. */
  methodPath: string;
  request: DescMessage;
  response: DescMessage;
  /** ServerReflectionInfo itself: gRPC-Web and Connect transports (main/transports) need it. */
  method: DescMethod;
}

const {
  STRING: TYPE_STRING,
  BYTES: TYPE_BYTES,
  INT32: TYPE_INT32,
  MESSAGE: TYPE_MESSAGE,
} = FieldDescriptorProto_Type;

type FieldSpec = [
  name: string,
  number: number,
  type: FieldDescriptorProto_Type,
  opts?: { typeName?: string; repeated?: boolean; oneof?: number },
];

function message(name: string, fields: FieldSpec[], oneofs: string[] = []): DescriptorProto {
  return create(DescriptorProtoSchema, {
    name,
    oneofDecl: oneofs.map((oneof) => ({ name: oneof })),
    field: fields.map(([fieldName, number, type, opts = {}]) => ({
      name: fieldName,
      // Written out, as protoc does: left empty, protobuf-es takes '' as every field's JSON name.
      jsonName: fieldName.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()),
      number,
      type,
      label: opts.repeated
        ? FieldDescriptorProto_Label.REPEATED
        : FieldDescriptorProto_Label.OPTIONAL,
      ...(opts.typeName ? { typeName: opts.typeName } : {}),
      ...(opts.oneof !== undefined ? { oneofIndex: opts.oneof } : {}),
    })),
  });
}

/**
 * grpc/reflection/{v1,v1alpha}/reflection.proto, written out as a descriptor: the two versions
 * differ only in their package, and building it here needs no .proto file at runtime (bundles and
 * packaged apps have no node_modules paths to read from).
 */
function reflectionFile(version: ReflectionVersion) {
  const pkg = `grpc.reflection.${version}`;
  const ref = (name: string) => ({ typeName: `.${pkg}.${name}` });
  return create(FileDescriptorProtoSchema, {
    name: `grpc/reflection/${version}/reflection.proto`,
    package: pkg,
    syntax: 'proto3',
    messageType: [
      message(
        'ServerReflectionRequest',
        [
          ['host', 1, TYPE_STRING],
          ['file_by_filename', 3, TYPE_STRING, { oneof: 0 }],
          ['file_containing_symbol', 4, TYPE_STRING, { oneof: 0 }],
          ['file_containing_extension', 5, TYPE_MESSAGE, { ...ref('ExtensionRequest'), oneof: 0 }],
          ['all_extension_numbers_of_type', 6, TYPE_STRING, { oneof: 0 }],
          ['list_services', 7, TYPE_STRING, { oneof: 0 }],
        ],
        ['message_request'],
      ),
      message('ExtensionRequest', [
        ['containing_type', 1, TYPE_STRING],
        ['extension_number', 2, TYPE_INT32],
      ]),
      message(
        'ServerReflectionResponse',
        [
          ['valid_host', 1, TYPE_STRING],
          ['original_request', 2, TYPE_MESSAGE, ref('ServerReflectionRequest')],
          [
            'file_descriptor_response',
            4,
            TYPE_MESSAGE,
            { ...ref('FileDescriptorResponse'), oneof: 0 },
          ],
          [
            'all_extension_numbers_response',
            5,
            TYPE_MESSAGE,
            { ...ref('ExtensionNumberResponse'), oneof: 0 },
          ],
          ['list_services_response', 6, TYPE_MESSAGE, { ...ref('ListServiceResponse'), oneof: 0 }],
          ['error_response', 7, TYPE_MESSAGE, { ...ref('ErrorResponse'), oneof: 0 }],
        ],
        ['message_response'],
      ),
      message('FileDescriptorResponse', [
        ['file_descriptor_proto', 1, TYPE_BYTES, { repeated: true }],
      ]),
      message('ExtensionNumberResponse', [
        ['base_type_name', 1, TYPE_STRING],
        ['extension_number', 2, TYPE_INT32, { repeated: true }],
      ]),
      message('ListServiceResponse', [
        ['service', 1, TYPE_MESSAGE, { ...ref('ServiceResponse'), repeated: true }],
      ]),
      message('ServiceResponse', [['name', 1, TYPE_STRING]]),
      message('ErrorResponse', [
        ['error_code', 1, TYPE_INT32],
        ['error_message', 2, TYPE_STRING],
      ]),
    ],
    service: [
      {
        name: 'ServerReflection',
        method: [
          {
            name: 'ServerReflectionInfo',
            inputType: `.${pkg}.ServerReflectionRequest`,
            outputType: `.${pkg}.ServerReflectionResponse`,
            clientStreaming: true,
            serverStreaming: true,
          },
        ],
      },
    ],
  });
}

const cache = new Map<ReflectionVersion, ReflectionTypes>();

export function reflectionTypes(version: ReflectionVersion): ReflectionTypes {
  let types = cache.get(version);
  if (!types) {
    const pkg = `grpc.reflection.${version}`;
    const registry = createFileRegistry(reflectionFile(version), () => undefined);
    const get = (name: string) => {
      const desc = registry.getMessage(`${pkg}.${name}`);
      if (!desc) throw new Error(`reflection descriptor is missing ${pkg}.${name}`);
      return desc;
    };
    types = {
      methodPath: `/${pkg}.ServerReflection/ServerReflectionInfo`,
      request: get('ServerReflectionRequest'),
      response: get('ServerReflectionResponse'),
      method: registry.getService(`${pkg}.ServerReflection`)!.methods[0]!,
    };
    cache.set(version, types);
  }
  return types;
}
