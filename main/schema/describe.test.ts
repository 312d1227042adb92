import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resourcePath } from '../resources.js';
import { SchemaError, describeSymbol, listMethods, listServices, loadProtoFiles } from './index.js';
import { writeTree } from './test-tree.js';

describe('describe / list, grpcurl style', () => {
  const example = loadProtoFiles({ files: [resourcePath('protos', 'example.proto')] });
  const tree = writeTree({
    'misc.proto': `syntax = "proto2";
package misc;
// A thing.
message Thing {
  required string name = 1;
  // How many.
  optional int32 count = 2 [deprecated = true];
  repeated string tags = 3 [json_name = "labels"];
}
`,
  });
  afterAll(() => tree.remove());

  it('describes a service with fully-qualified types', () => {
    expect(describeSymbol(example, 'example.UserService')).toBe(
      'example.UserService is a service:\nservice UserService {\n  rpc GetUser ( .example.UserRequest ) returns ( .example.User );\n}',
    );
    expect(describeSymbol(example, '.example.LogService')).toBe(
      'example.LogService is a service:\n// Server streaming: real-time log streaming.\nservice LogService {\n  rpc Tail ( .example.TailRequest ) returns ( stream .example.LogLine );\n}',
    );
  });

  it('describes methods (dot or slash), messages with maps, oneofs, nested enums, and enums', () => {
    expect(describeSymbol(example, 'example.ChatService.Chat')).toBe(
      'example.ChatService.Chat is a method:\nrpc Chat ( stream .example.ChatMessage ) returns ( stream .example.ChatMessage );',
    );
    expect(describeSymbol(example, 'example.BatchService/Upload')).toContain(
      'rpc Upload ( stream .example.Record ) returns ( .example.Summary );',
    );
    expect(describeSymbol(example, 'example.LogLine')).toBe(
      [
        'example.LogLine is a message:',
        'message LogLine {',
        '  int64 seq = 1;',
        '  .google.protobuf.Timestamp at = 2;',
        '  .example.LogLine.Level level = 3;',
        '  string text = 4;',
        '  map<string, string> fields = 5;',
        '  enum Level {',
        '    LEVEL_UNSPECIFIED = 0;',
        '    DEBUG = 1;',
        '    INFO = 2;',
        '    WARN = 3;',
        '    ERROR = 4;',
        '  }',
        '}',
      ].join('\n'),
    );
    expect(describeSymbol(example, 'example.Record')).toContain(
      '  oneof value {\n    string text = 2;\n    double number = 3;\n    bytes blob = 4;\n  }\n  repeated string tags = 5;',
    );
    expect(describeSymbol(example, 'example.LogLine.Level').split('\n')[0]).toBe(
      'example.LogLine.Level is an enum:',
    );
  });

  it('prints proto2 labels, options and comments', () => {
    const misc = loadProtoFiles({ files: [join(tree.dir, 'misc.proto')] });
    expect(describeSymbol(misc, 'misc.Thing')).toBe(
      [
        'misc.Thing is a message:',
        '// A thing.',
        'message Thing {',
        '  required string name = 1;',
        '  // How many.',
        '  optional int32 count = 2 [deprecated = true];',
        '  repeated string tags = 3 [json_name = "labels"];',
        '}',
      ].join('\n'),
    );
  });

  it('lists services and methods as full names', () => {
    expect(listServices(example)).toEqual([
      'example.BatchService',
      'example.ChatService',
      'example.FileService',
      'example.LogService',
      'example.UserService',
    ]);
    expect(listMethods(example, 'example.UserService')).toEqual(['example.UserService.GetUser']);
  });

  it('unknown symbols and services are SchemaErrors with the name', () => {
    expect(() => describeSymbol(example, 'example.Nope')).toThrow(SchemaError);
    expect(() => describeSymbol(example, 'example.Nope')).toThrow('Symbol not found: example.Nope');
    expect(() => listMethods(example, 'example.User')).toThrow('Service not found: example.User');
  });
});
