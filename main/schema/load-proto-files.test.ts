import { create, fromJson, toBinary, toJson } from '@bufbuild/protobuf';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resourcePath } from '../resources.js';
import { loadProtoFiles } from './index.js';
import { writeTree } from './test-tree.js';

const features = `// Features every schema source must carry into the model.
syntax = "proto3";
package acme.shop;

import "google/protobuf/timestamp.proto";
import "google/protobuf/struct.proto";
import "google/protobuf/wrappers.proto";

// Sells things.
service Shop {
  // Gets an order.
  rpc GetOrder(GetOrderRequest) returns (Order);
  rpc Watch(GetOrderRequest) returns (stream Order) { option deprecated = true; }
  rpc Upload(stream Order) returns (Order);
  rpc Chat(stream Order) returns (stream Order);
}

message GetOrderRequest { string order_id = 1; }

/* An order,
 * with many parts. */
message Order {
  // The id.
  string id = 1;
  optional int32 quantity = 2;
  map<string, Money> prices = 3;
  map<int64, Status> status_by_id = 4;
  oneof payment {
    string card_token = 5;
    // Bank account.
    Bank bank = 6;
  }
  repeated string tags = 7 [deprecated = true];
  Status status = 8;
  google.protobuf.Timestamp created_at = 9;
  google.protobuf.Struct extra = 10;
  google.protobuf.Int64Value big = 11;
  bytes blob = 12 [json_name = "rawBlob"];
  message Bank {
    string iban = 1;
    message Branch { string code = 1; }
    Branch branch = 2;
  }
  enum Status {
    STATUS_UNSPECIFIED = 0;
    // Open order.
    OPEN = 1;
    CLOSED = 2 [deprecated = true];
  }
}

message Money {
  option deprecated = true;
  string currency_code = 1;
  int64 units = 2;
}
`;

const legacy = `syntax = "proto2";
package acme.old;
message Thing {
  required string name = 1;
  optional int32 count = 2 [default = 7];
  repeated int32 nums = 3 [packed = true];
  extensions 100 to 199;
}
extend Thing { optional string note = 100; }
`;

describe('loadProtoFiles', () => {
  const tree = writeTree({
    'shop.proto': features,
    'legacy/old.proto': legacy,
    // Two import roots, the way googleapis-style trees are laid out.
    'protos/acme/api/user.proto': `syntax = "proto3";
package acme.api;
import "acme/types/id.proto";
service Users { rpc Get (acme.types.Id) returns (User); }
message User { acme.types.Id id = 1; string name = 2; }
`,
    'third_party/acme/types/id.proto': `syntax = "proto3";
package acme.types;
message Id { string value = 1; }
`,
  });
  afterAll(() => tree.remove());

  it('loads the bundled example.proto with its services, kinds and well-known imports', () => {
    const { model, files } = loadProtoFiles({ files: [resourcePath('protos', 'example.proto')] });
    expect(files.map((f) => f.name)).toEqual(['google/protobuf/timestamp.proto', 'example.proto']);
    expect(model.services.map((s) => [s.fullName, s.methods[0]!.kind, s.methods[0]!.path])).toEqual(
      [
        ['example.UserService', 'unary', '/example.UserService/GetUser'],
        ['example.FileService', 'unary', '/example.FileService/CheckFile'],
        ['example.ChatService', 'bidi_stream', '/example.ChatService/Chat'],
        ['example.LogService', 'server_stream', '/example.LogService/Tail'],
        ['example.BatchService', 'client_stream', '/example.BatchService/Upload'],
      ],
    );
    expect(model.services[3]!.comment).toBe('Server streaming: real-time log streaming.');
    const logLine = model.messages['example.LogLine']!;
    expect(logLine.fields.find((f) => f.name === 'fields')).toMatchObject({
      map: { key: 'string', value: { kind: 'scalar', scalar: 'string' } },
      repeated: false,
    });
    expect(logLine.fields.find((f) => f.name === 'at')!.type).toEqual({
      kind: 'message',
      typeName: 'google.protobuf.Timestamp',
    });
    expect(model.enums['example.LogLine.Level']!.values.map((v) => v.name)).toContain('WARN');
    expect(model.messages['example.Record']!.oneofs).toEqual(['value']);
    expect(model.messages['example.Record']!.fields.find((f) => f.name === 'blob')!.oneof).toBe(
      'value',
    );
    expect(model.messages['google.protobuf.Timestamp']!.wellKnown).toBe(
      'google.protobuf.Timestamp',
    );
    expect(Object.keys(model.messages).some((n) => n.endsWith('Entry'))).toBe(false);
  });

  it('resolves well-known imports with no import path and gives the model every feature', () => {
    const { model, registry } = loadProtoFiles({ files: [join(tree.dir, 'shop.proto')] });
    const shop = model.services[0]!;
    expect(shop.comment).toBe('Sells things.');
    expect(shop.methods.map((m) => [m.name, m.kind, m.deprecated, m.comment])).toEqual([
      ['GetOrder', 'unary', false, 'Gets an order.'],
      ['Watch', 'server_stream', true, undefined],
      ['Upload', 'client_stream', false, undefined],
      ['Chat', 'bidi_stream', false, undefined],
    ]);

    const order = model.messages['acme.shop.Order']!;
    expect(order.comment).toBe('An order,\nwith many parts.');
    expect(order.oneofs).toEqual(['payment']);
    const field = (name: string) => order.fields.find((f) => f.name === name)!;
    expect(field('id')).toMatchObject({
      jsonName: 'id',
      number: 1,
      comment: 'The id.',
      optional: false,
    });
    expect(field('quantity')).toMatchObject({
      optional: true,
      type: { kind: 'scalar', scalar: 'int32' },
    });
    expect(field('quantity').oneof).toBeUndefined();
    expect(field('prices').map).toEqual({
      key: 'string',
      value: { kind: 'message', typeName: 'acme.shop.Money' },
    });
    expect(field('status_by_id')).toMatchObject({
      jsonName: 'statusById',
      map: { key: 'int64', value: { kind: 'enum', typeName: 'acme.shop.Order.Status' } },
    });
    expect(field('bank')).toMatchObject({ oneof: 'payment', comment: 'Bank account.' });
    expect(field('tags')).toMatchObject({ repeated: true, deprecated: true });
    expect(field('created_at').jsonName).toBe('createdAt');
    expect(field('blob').jsonName).toBe('rawBlob');
    expect(model.messages['acme.shop.Order.Bank.Branch']!.fields[0]!.name).toBe('code');
    expect(model.messages['acme.shop.Money']!.deprecated).toBe(true);
    expect(model.enums['acme.shop.Order.Status']!.values).toEqual([
      { name: 'STATUS_UNSPECIFIED', number: 0, deprecated: false },
      { name: 'OPEN', number: 1, deprecated: false, comment: 'Open order.' },
      { name: 'CLOSED', number: 2, deprecated: true },
    ]);
    for (const wkt of [
      'google.protobuf.Struct',
      'google.protobuf.Value',
      'google.protobuf.Int64Value',
    ]) {
      expect(model.messages[wkt]!.wellKnown).toBe(wkt);
    }

    // The registry is good enough for the JSON codec: maps, oneofs, int64 and WKTs round-trip.
    const schema = registry.getMessage('acme.shop.Order')!;
    const json = {
      id: 'o1',
      quantity: 0,
      prices: { eur: { currencyCode: 'EUR', units: '9007199254740993' } },
      statusById: { '5': 'OPEN' },
      bank: { iban: 'DE1', branch: { code: 'B' } },
      createdAt: '2024-01-02T03:04:05Z',
      extra: { a: [1, 'x', null] },
      big: '9007199254740993',
      rawBlob: 'AQI=',
    };
    const msg = fromJson(schema, json, { registry });
    expect(toJson(schema, msg, { registry })).toEqual(json);
    expect(toBinary(schema, create(schema)).length).toBe(0);
  });

  it('loads proto2 with required fields, defaults, packed options and extensions', () => {
    const { files, model, registry } = loadProtoFiles({
      files: [join(tree.dir, 'legacy/old.proto')],
    });
    const file = files.find((f) => f.name === 'old.proto')!;
    expect(file.syntax).toBe('');
    const thing = file.messageType[0]!;
    expect(
      thing.field.map((f) => [f.name, f.label, f.defaultValue ?? '', f.options?.packed]),
    ).toEqual([
      ['name', 2, '', undefined],
      ['count', 1, '7', undefined],
      ['nums', 3, '', true],
    ]);
    expect(file.extension[0]).toMatchObject({
      name: 'note',
      extendee: '.acme.old.Thing',
      number: 100,
    });
    expect(registry.getExtension('acme.old.note')?.extendee.typeName).toBe('acme.old.Thing');
    expect(model.messages['acme.old.Thing']!.fields.map((f) => f.name)).toEqual([
      'name',
      'count',
      'nums',
    ]);
  });

  it('finds imports through several import paths and names files relative to them', () => {
    const { files, model } = loadProtoFiles({
      files: [join(tree.dir, 'protos/acme/api/user.proto')],
      importPaths: [join(tree.dir, 'protos'), join(tree.dir, 'third_party')],
    });
    expect(files.map((f) => [f.name, f.dependency])).toEqual([
      ['acme/types/id.proto', []],
      ['acme/api/user.proto', ['acme/types/id.proto']],
    ]);
    expect(model.services[0]!.methods[0]!.inputType).toBe('acme.types.Id');
    expect(model.files).toEqual(['acme/types/id.proto', 'acme/api/user.proto']);
  });

  it('accepts input names relative to an import path, like protoc and grpcurl', () => {
    const { model } = loadProtoFiles({
      files: ['acme/api/user.proto'],
      importPaths: [join(tree.dir, 'protos'), join(tree.dir, 'third_party')],
    });
    expect(model.services[0]!.fullName).toBe('acme.api.Users');
  });

  it('parses a file once when it is both given and imported', () => {
    const { files } = loadProtoFiles({
      files: [
        join(tree.dir, 'third_party/acme/types/id.proto'),
        join(tree.dir, 'protos/acme/api/user.proto'),
      ],
      importPaths: [join(tree.dir, 'protos'), join(tree.dir, 'third_party')],
    });
    expect(files.map((f) => f.name).sort()).toEqual(['acme/api/user.proto', 'acme/types/id.proto']);
  });
});
