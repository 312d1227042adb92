import { clone, create } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { execFileSync } from 'node:child_process';
import { wellKnownIncludes } from '../codec/protoc.testkit.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SchemaModel } from '../../shared/schema/model.js';
import {
  SchemaError,
  loadDescriptorSet,
  loadDescriptorSetFile,
  loadProtoFiles,
  schemaFromFileDescriptors,
} from './index.js';
import { writeTree } from './test-tree.js';

const common = `syntax = "proto3";
package acme.common;
import "google/protobuf/duration.proto";
// A money amount.
message Money {
  string currency_code = 1;
  int64 units = 2;
  google.protobuf.Duration ttl = 3;
}
enum Color { COLOR_UNSPECIFIED = 0; RED = 1; GREEN = 2 [deprecated = true]; }
`;

const shop = `syntax = "proto3";
package acme.shop;
import "sub/common.proto";
import "google/protobuf/timestamp.proto";
import "google/protobuf/any.proto";
import "google/protobuf/empty.proto";

// Shop things.
service Shop {
  // Gets an order.
  rpc GetOrder(GetOrderRequest) returns (Order);
  rpc Watch(GetOrderRequest) returns (stream Order) { option deprecated = true; }
  rpc Upload(stream Order) returns (google.protobuf.Empty);
  rpc Chat(stream Order) returns (stream Order);
}

message GetOrderRequest { string order_id = 1; }

// An order.
message Order {
  // The id.
  string id = 1;
  optional int32 quantity = 2;
  map<string, acme.common.Money> prices = 3;
  oneof payment {
    string card_token = 5;
    // Bank account.
    Bank bank = 6;
  }
  repeated string tags = 7 [deprecated = true];
  acme.common.Color color = 10;
  google.protobuf.Timestamp created_at = 11;
  google.protobuf.Any detail = 14;
  optional Bank maybe_bank = 15;
  bytes blob = 16 [json_name = "rawBlob"];
  message Bank {
    string iban = 1;
    enum Kind { KIND_UNSPECIFIED = 0; SAVINGS = 1; }
    Kind kind = 2;
  }
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

function withoutComments(model: SchemaModel): SchemaModel {
  return JSON.parse(
    JSON.stringify(model, (key, value: unknown) => (key === 'comment' ? undefined : value)),
  ) as SchemaModel;
}

function userParts(model: SchemaModel) {
  const isUser = (name: string) => name.startsWith('acme.');
  return {
    services: model.services,
    messages: Object.values(model.messages).filter((m) => isUser(m.fullName)),
    enums: Object.values(model.enums).filter((e) => isUser(e.fullName)),
  };
}

describe('descriptor sets', () => {
  const tree = writeTree({ 'sub/common.proto': common, 'shop.proto': shop, 'old.proto': legacy });
  afterAll(() => tree.remove());
  const protoc = (out: string, ...flags: string[]) => {
    const path = join(tree.dir, out);
    execFileSync('/usr/bin/protoc', [
      `-I${tree.dir}`,
      ...wellKnownIncludes(),
      ...flags,
      `--descriptor_set_out=${path}`,
      'shop.proto',
      'old.proto',
    ]);
    return path;
  };
  const fromFiles = () =>
    loadProtoFiles({ files: ['shop.proto', 'old.proto'], importPaths: [tree.dir] });

  it('a protoc --include_imports set gives the same model as the .proto loader', () => {
    const fromSet = loadDescriptorSetFile(protoc('all.pb', '--include_imports'));
    const loaded = fromFiles();
    expect(withoutComments(fromSet.model)).toEqual(withoutComments(loaded.model));
    expect(fromSet.model.files).toEqual(loaded.model.files);
    expect(fromSet.model.services[0]!.comment).toBeUndefined();
  });

  it('with --include_source_info, comments match too', () => {
    const fromSet = loadDescriptorSetFile(
      protoc('info.pb', '--include_imports', '--include_source_info'),
    );
    const loaded = fromFiles();
    expect(userParts(fromSet.model)).toEqual(userParts(loaded.model));
    expect(
      fromSet.model.messages['acme.shop.Order']!.fields.find((f) => f.name === 'bank')!.comment,
    ).toBe('Bank account.');
  });

  it('a set without its imports: well-known files are filled in, others are invalid_descriptor', () => {
    const bytes = readFileSync(protoc('bare.pb'));
    let err: unknown;
    try {
      loadDescriptorSet(bytes, 'bare.pb');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SchemaError);
    expect(err).toMatchObject({ kind: 'invalid_descriptor', file: 'shop.proto' });
    expect((err as Error).message).toBe(
      'bare.pb: shop.proto imports sub/common.proto, which is not in the descriptor set',
    );

    const onlyWkt = writeTree({
      'ts.proto':
        'syntax = "proto3";\nimport "google/protobuf/timestamp.proto";\nmessage T { google.protobuf.Timestamp at = 1; }\n',
    });
    try {
      const path = join(onlyWkt.dir, 'ts.pb');
      execFileSync('/usr/bin/protoc', [
        `-I${onlyWkt.dir}`,
        ...wellKnownIncludes(),
        `--descriptor_set_out=${path}`,
        'ts.proto',
      ]);
      const { model } = loadDescriptorSetFile(path);
      expect(model.messages['T']!.fields[0]!.type).toEqual({
        kind: 'message',
        typeName: 'google.protobuf.Timestamp',
      });
    } finally {
      onlyWkt.remove();
    }
  });

  it('schemaFromFileDescriptors takes files in any order', () => {
    const { files, model } = fromFiles();
    const shuffled = [...files].reverse();
    const again = schemaFromFileDescriptors(shuffled, 'reflection');
    // Dependencies come first whatever the input order.
    const names = again.files.map((f) => f.name);
    expect(names.indexOf('sub/common.proto')).toBeLessThan(names.indexOf('shop.proto'));
    expect(names.indexOf('google/protobuf/duration.proto')).toBeLessThan(
      names.indexOf('sub/common.proto'),
    );
    const canonical = (m: SchemaModel) => ({
      ...m,
      files: [...m.files].sort(),
      services: [...m.services].sort((a, b) => a.fullName.localeCompare(b.fullName)),
    });
    expect(canonical(again.model)).toEqual(canonical(model));
  });

  it('orders files by the types they use when dependency lists are missing', () => {
    // Some servers leave `dependency` empty; the types they reference still say where they live.
    const { files } = loadDescriptorSetFile(protoc('nodeps.pb', '--include_imports'));
    const stripped = files
      .map((f) => {
        const copy = clone(FileDescriptorProtoSchema, f);
        copy.dependency = [];
        return copy;
      })
      .reverse();
    const { model } = schemaFromFileDescriptors(stripped, 'reflection');
    expect(model.messages['acme.shop.Order']!.fields.find((f) => f.name === 'prices')!.map).toEqual(
      {
        key: 'string',
        value: { kind: 'message', typeName: 'acme.common.Money' },
      },
    );

    // With a well-known file left out altogether, the embedded one fills in.
    const withoutWkt = stripped.filter((f) => f.name !== 'google/protobuf/timestamp.proto');
    const { model: filled } = schemaFromFileDescriptors(withoutWkt, 'reflection');
    expect(filled.messages['google.protobuf.Timestamp']!.file).toBe(
      'google/protobuf/timestamp.proto',
    );
  });

  it('an import cycle among descriptors is invalid_descriptor naming the chain', () => {
    const a = create(FileDescriptorProtoSchema, {
      name: 'a.proto',
      syntax: 'proto3',
      dependency: ['b.proto'],
    });
    const b = create(FileDescriptorProtoSchema, {
      name: 'b.proto',
      syntax: 'proto3',
      dependency: ['a.proto'],
    });
    expect(() => schemaFromFileDescriptors([a, b], 'reflection')).toThrow(
      'reflection: import cycle: a.proto -> b.proto -> a.proto',
    );
  });
});
