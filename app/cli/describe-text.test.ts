import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProtoFiles, type LoadedSchema } from '../../main/schema/index.js';
import { describeText, findSymbol } from './describe-text.js';

let dir: string;
let schema: LoadedSchema;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gwb-'));
  writeFileSync(
    path.join(dir, 'shapes.proto'),
    `syntax = "proto3";
package shapes;
import "google/protobuf/duration.proto";

// A thing with every kind of field.
message Thing {
  // Its name.
  optional string name = 1;
  repeated Color colors = 2;
  map<string, Part> parts = 3;
  oneof size {
    int64 small = 4;
    Part big = 5;
  }
  google.protobuf.Duration ttl = 6;
  uint32 old = 7 [deprecated = true];
  message Part { bytes data = 1; }
}

enum Color {
  COLOR_UNSPECIFIED = 0;
  RED = 1;
}

service Shapes {
  rpc Stream (stream Thing) returns (stream Thing);
}
`,
  );
  writeFileSync(
    path.join(dir, 'legacy.proto'),
    `syntax = "proto2";
package legacy;
message Old {
  required int32 id = 1;
  optional string user_name = 2 [json_name = "login"];
  repeated bool flags = 3;
  oneof pick { string a = 4; }
}
enum Mode {
  MODE_A = 0;
  MODE_B = 1 [deprecated = true];
}
`,
  );
  schema = loadProtoFiles({ files: ['shapes.proto', 'legacy.proto'], importPaths: [dir] });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (symbol: string): string => {
  const found = findSymbol(schema.registry, symbol);
  if (!found) throw new Error(`${symbol} not found`);
  return describeText(found, schema.registry);
};

describe('describeText', () => {
  it('prints a message with optional, repeated enum, map, oneof, nested type, WKT and options', () => {
    expect(text('shapes.Thing')).toBe(
      [
        'shapes.Thing is a message:',
        '// A thing with every kind of field.',
        'message Thing {',
        '  // Its name.',
        '  optional string name = 1;',
        '  repeated .shapes.Color colors = 2;',
        '  map<string, .shapes.Thing.Part> parts = 3;',
        '  oneof size {',
        '    int64 small = 4;',
        '    .shapes.Thing.Part big = 5;',
        '  }',
        '  .google.protobuf.Duration ttl = 6;',
        '  uint32 old = 7 [deprecated = true];',
        '  message Part {',
        '    bytes data = 1;',
        '  }',
        '}',
      ].join('\n'),
    );
  });

  it('spells out proto2 labels, a custom json_name and deprecated enum values', () => {
    expect(text('legacy.Old')).toBe(
      [
        'legacy.Old is a message:',
        'message Old {',
        '  required int32 id = 1;',
        '  optional string user_name = 2 [json_name = "login"];',
        '  repeated bool flags = 3;',
        '  oneof pick {',
        '    string a = 4;',
        '  }',
        '}',
      ].join('\n'),
    );
    expect(text('legacy.Mode')).toBe(
      'legacy.Mode is an enum:\nenum Mode {\n  MODE_A = 0;\n  MODE_B = 1 [deprecated = true];\n}',
    );
  });

  it('names nested messages ("a message", as grpcurl), enums, fields and streaming methods', () => {
    expect(text('shapes.Thing.Part')).toBe(
      'shapes.Thing.Part is a message:\nmessage Part {\n  bytes data = 1;\n}',
    );
    expect(text('shapes.Color')).toBe(
      'shapes.Color is an enum:\nenum Color {\n  COLOR_UNSPECIFIED = 0;\n  RED = 1;\n}',
    );
    expect(text('shapes.Thing.parts')).toBe(
      'shapes.Thing.parts is a field:\nmap<string, .shapes.Thing.Part> parts = 3;',
    );
    expect(text('shapes.Shapes.Stream')).toBe(
      'shapes.Shapes.Stream is a method:\nrpc Stream ( stream .shapes.Thing ) returns ( stream .shapes.Thing );',
    );
    expect(findSymbol(schema.registry, 'shapes.Nope')).toBeUndefined();
  });
});
