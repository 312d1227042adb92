import {
  ScalarType,
  create,
  type DescField,
  type DescMessage,
  type Message,
} from '@bufbuild/protobuf';
import { reflect, type ReflectMessage } from '@bufbuild/protobuf/reflect';
import { anyPack, EmptySchema } from '@bufbuild/protobuf/wkt';

// grpcurl's MakeTemplate as a message (what `-format text -msg-template` prints): only message
// fields, lists (one item) and maps (one entry under the zero key) are filled — scalars stay unset —
// oneofs are left out, a type already being filled further up stays empty, an Any holds an Empty,
// and Struct/Value/ListValue hold grpcurl's notes.

export function grpcurlTemplateMessage(desc: DescMessage): Message {
  return fill(desc, []);
}

function fill(desc: DescMessage, path: string[]): Message {
  const special = wellKnownTemplate(desc);
  if (special) return special;
  const message = create(desc);
  if (path.includes(desc.typeName)) return message;
  const inner = [...path, desc.typeName];
  const r = reflect(desc, message);
  for (const field of desc.fields) {
    if (field.oneof) continue;
    fillField(r, field, inner);
  }
  return message;
}

function fillField(r: ReflectMessage, field: DescField, path: string[]): void {
  switch (field.fieldKind) {
    case 'message':
      r.set(field, reflect(field.message, fill(field.message, path)));
      return;
    case 'list': {
      const list = r.get(field);
      if (field.listKind === 'message') list.add(reflect(field.message, fill(field.message, path)));
      else if (field.listKind === 'enum') list.add(0);
      else list.add(zeroScalar(field.scalar));
      return;
    }
    case 'map': {
      const map = r.get(field);
      const key = zeroScalar(field.mapKey);
      if (field.mapKind === 'message')
        map.set(key, reflect(field.message, fill(field.message, path)));
      else if (field.mapKind === 'enum') map.set(key, 0);
      else map.set(key, zeroScalar(field.scalar));
      return;
    }
    default:
      return;
  }
}

function zeroScalar(scalar: ScalarType): string | number | bigint | boolean | Uint8Array {
  switch (scalar) {
    case ScalarType.STRING:
      return '';
    case ScalarType.BYTES:
      return new Uint8Array(0);
    case ScalarType.BOOL:
      return false;
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return 0n;
    default:
      return 0;
  }
}

/** A Value holding `{"<note key>": "<note>"}`. */
function noteValue(key: string, note: string): Record<string, unknown> {
  return {
    kind: {
      case: 'structValue',
      value: { fields: { [key]: { kind: { case: 'stringValue', value: note } } } },
    },
  };
}

function wellKnownTemplate(desc: DescMessage): Message | undefined {
  switch (desc.typeName) {
    case 'google.protobuf.Any':
      return anyPack(EmptySchema, create(EmptySchema));
    case 'google.protobuf.Value':
      return create(desc, noteValue('google.protobuf.Value', 'supports arbitrary JSON'));
    case 'google.protobuf.ListValue':
      return create(desc, {
        values: [noteValue('google.protobuf.ListValue', 'is an array of arbitrary JSON values')],
      });
    case 'google.protobuf.Struct':
      return create(desc, {
        fields: {
          'google.protobuf.Struct': {
            kind: { case: 'stringValue', value: 'supports arbitrary JSON objects' },
          },
        },
      });
    default:
      return undefined;
  }
}
