// A schema model with every field kind, for tests of the form logic and for the component gallery.
import type {
  FieldInfo,
  MessageInfo,
  SchemaModel,
  ScalarType,
  ValueType,
} from '../../shared/schema/model.js';

const camel = (n: string): string => n.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
let num = 0;
export const field = (
  name: string,
  type: ValueType,
  extra: Partial<FieldInfo> = {},
): FieldInfo => ({
  name,
  jsonName: camel(name),
  number: ++num,
  type,
  repeated: false,
  optional: false,
  deprecated: false,
  ...extra,
});
export const scalar = (s: ScalarType): ValueType => ({ kind: 'scalar', scalar: s });
export const msgType = (t: string): ValueType => ({ kind: 'message', typeName: t });
const message = (
  fullName: string,
  fields: FieldInfo[],
  oneofs: string[] = [],
  wellKnown?: string,
): MessageInfo => ({
  fullName,
  name: fullName.slice(fullName.lastIndexOf('.') + 1),
  file: fullName.startsWith('google.') ? 'google/protobuf/x.proto' : 'kinds.proto',
  fields,
  oneofs,
  deprecated: false,
  ...(wellKnown ? { wellKnown } : {}),
});

const wkt = (n: string, fields: FieldInfo[] = []): [string, MessageInfo] => [
  `google.protobuf.${n}`,
  message(`google.protobuf.${n}`, fields, [], `google.protobuf.${n}`),
];

export function kindsSchema(): SchemaModel {
  const all = message(
    'kinds.All',
    [
      field('name', scalar('string')),
      field('count', scalar('int32')),
      field('big_id', scalar('int64')),
      field('ratio', scalar('double')),
      field('flag', scalar('bool')),
      field('payload', scalar('bytes')),
      field('color', { kind: 'enum', typeName: 'kinds.Color' }),
      field('inner', msgType('kinds.Inner')),
      field('tags', scalar('string'), { repeated: true }),
      field('items', msgType('kinds.Inner'), { repeated: true }),
      field('labels', scalar('string'), { map: { key: 'string', value: scalar('string') } }),
      field('by_id', msgType('kinds.Inner'), {
        map: { key: 'int64', value: msgType('kinds.Inner') },
      }),
      field('text', scalar('string'), { oneof: 'choice' }),
      field('number', scalar('double'), { oneof: 'choice' }),
      field('maybe', scalar('int32'), { optional: true }),
      field('at', msgType('google.protobuf.Timestamp')),
      field('wait', msgType('google.protobuf.Duration')),
      field('nick', msgType('google.protobuf.StringValue')),
      field('extra', msgType('google.protobuf.Struct')),
      field('detail', msgType('google.protobuf.Any')),
      field('self', msgType('kinds.All')),
    ],
    ['choice'],
  );
  const inner = message('kinds.Inner', [
    field('id', scalar('string')),
    field('score', scalar('uint64')),
  ]);
  return {
    services: [
      {
        fullName: 'kinds.KindService',
        name: 'KindService',
        file: 'kinds.proto',
        deprecated: false,
        methods: [
          {
            name: 'Echo',
            fullName: 'kinds.KindService.Echo',
            path: '/kinds.KindService/Echo',
            kind: 'unary',
            inputType: 'kinds.All',
            outputType: 'kinds.All',
            deprecated: false,
          },
          {
            name: 'Watch',
            fullName: 'kinds.KindService.Watch',
            path: '/kinds.KindService/Watch',
            kind: 'server_stream',
            inputType: 'kinds.Inner',
            outputType: 'kinds.All',
            deprecated: false,
          },
        ],
      },
    ],
    messages: Object.fromEntries([
      ['kinds.All', all],
      ['kinds.Inner', inner],
      wkt('Timestamp', [field('seconds', scalar('int64')), field('nanos', scalar('int32'))]),
      wkt('Duration', [field('seconds', scalar('int64')), field('nanos', scalar('int32'))]),
      wkt('StringValue', [field('value', scalar('string'))]),
      wkt('Struct'),
      wkt('Any', [field('type_url', scalar('string')), field('value', scalar('bytes'))]),
    ]),
    enums: {
      'kinds.Color': {
        fullName: 'kinds.Color',
        name: 'Color',
        file: 'kinds.proto',
        values: [
          { name: 'COLOR_UNSPECIFIED', number: 0, deprecated: false },
          { name: 'RED', number: 1, deprecated: false },
        ],
      },
    },
    files: ['kinds.proto'],
  };
}
