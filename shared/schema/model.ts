// The plain, JSON-serialisable schema model. Every schema source (proto files, reflection,
// descriptor sets) ends up here; the renderer builds forms from it and never sees protobuf objects.

export type CallKind = 'unary' | 'server_stream' | 'client_stream' | 'bidi_stream';

export type ScalarType =
  | 'double'
  | 'float'
  | 'int64'
  | 'uint64'
  | 'int32'
  | 'fixed64'
  | 'fixed32'
  | 'bool'
  | 'string'
  | 'bytes'
  | 'uint32'
  | 'sfixed32'
  | 'sfixed64'
  | 'sint32'
  | 'sint64';

/** What a single (non-repeated, non-map) value of a field is. */
export type ValueType =
  | { kind: 'scalar'; scalar: ScalarType }
  | { kind: 'enum'; typeName: string }
  | { kind: 'message'; typeName: string };

export interface FieldInfo {
  name: string;
  jsonName: string;
  number: number;
  /** The element type for repeated fields; the value type for maps. */
  type: ValueType;
  repeated: boolean;
  map?: { key: ScalarType; value: ValueType };
  /** Name of the real (non-synthetic) oneof this field belongs to. */
  oneof?: string;
  /** proto3 `optional` (explicit presence). */
  optional: boolean;
  deprecated: boolean;
  comment?: string;
}

export interface MessageInfo {
  fullName: string;
  name: string;
  file: string;
  fields: FieldInfo[];
  /** Real oneofs in declaration order (synthetic proto3-optional oneofs are not listed). */
  oneofs: string[];
  /** Well-known types have a special JSON form; forms offer friendly inputs for them. */
  wellKnown?: string;
  deprecated: boolean;
  comment?: string;
}

export interface EnumValueInfo {
  name: string;
  number: number;
  deprecated: boolean;
  comment?: string;
}

export interface EnumInfo {
  fullName: string;
  name: string;
  file: string;
  values: EnumValueInfo[];
  comment?: string;
}

export interface MethodInfo {
  name: string;
  /** `package.Service.Method` */
  fullName: string;
  /** The HTTP/2 path: `/package.Service/Method` */
  path: string;
  kind: CallKind;
  inputType: string;
  outputType: string;
  deprecated: boolean;
  comment?: string;
}

export interface ServiceInfo {
  /** `package.Service` */
  fullName: string;
  name: string;
  file: string;
  methods: MethodInfo[];
  deprecated: boolean;
  comment?: string;
}

export interface SchemaModel {
  services: ServiceInfo[];
  /** Keyed by full name without a leading dot. */
  messages: Record<string, MessageInfo>;
  enums: Record<string, EnumInfo>;
  /** Names of every file the schema was built from, dependencies included. */
  files: string[];
}
