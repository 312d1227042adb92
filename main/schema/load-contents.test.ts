// Dropped files load from memory through the same parser as files on disk: the same model, the
// same errors (shown by the path the file was dropped as), imports found among the drop.
import { create, toBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SchemaError, loadProtoFiles, loadSchemaContents, type ProtoContents } from './index.js';
import { writeTree } from './test-tree.js';

const greet = `syntax = "proto3";
package acme.greet;

import "common/types.proto";
import "google/protobuf/timestamp.proto";

// Greets.
service Greeter {
  rpc Hello(acme.common.Name) returns (Reply);
}

message Reply {
  string text = 1;
  google.protobuf.Timestamp at = 2;
}
`;
const types = `syntax = "proto3";
package acme.common;
message Name { string first = 1; }
`;

function failure(run: () => unknown): SchemaError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(SchemaError);
    return err as SchemaError;
  }
  throw new Error('expected a SchemaError, got success');
}

const protos = (files: Record<string, string>): ProtoContents[] =>
  Object.entries(files).map(([path, text]) => ({ path, text }));
const load = (files: Record<string, string>) =>
  loadSchemaContents({ protos: protos(files), descriptorSets: [] });

describe('a dropped folder of .proto files', () => {
  const tree = writeTree({ 'protos/api/greet.proto': greet, 'protos/common/types.proto': types });
  afterAll(() => tree.remove());

  it('gives the model loading the same files from disk gives (named from the dropped folder)', () => {
    const dropped = load({
      'protos/api/greet.proto': greet,
      'protos/common/types.proto': types,
    });
    const fromDisk = loadProtoFiles({
      files: ['api/greet.proto', 'common/types.proto'],
      importPaths: [join(tree.dir, 'protos')],
    });
    expect(dropped.model).toEqual(fromDisk.model);
    expect(dropped.files.map((f) => f.name)).toEqual(fromDisk.files.map((f) => f.name));
    expect(dropped.model.services.map((s) => s.fullName)).toEqual(['acme.greet.Greeter']);
  });

  it('finds an import from a folder above the importing file, and a file reached twice is parsed once', () => {
    const schema = load({
      'repo/proto/acme/greet.proto': greet.replace('common/types.proto', 'acme/types.proto'),
      'repo/proto/acme/types.proto': types,
    });
    expect(schema.model.messages['acme.common.Name']).toBeDefined();
  });

  it('uses the shipped well-known files, also over copies among the drop', () => {
    const schema = load({
      'protos/api/greet.proto': greet,
      'protos/common/types.proto': types,
      // Beside the dropped folder, not under it: not named as the well-known file by the drop's root.
      'third_party/google/protobuf/timestamp.proto': 'this copy is never parsed',
    });
    expect(schema.model.messages['acme.greet.Reply']).toBeDefined();
  });
});

describe('errors in the user’s words, by the dropped path', () => {
  it('a syntax error says file, line and column', () => {
    const err = failure(() =>
      load({ 'protos/bad.proto': 'syntax = "proto3";\nmessage A {\n  string x = ;\n}\n' }),
    );
    expect(err).toMatchObject({ kind: 'syntax', file: 'protos/bad.proto', line: 3, column: 14 });
    expect(err.message).toMatch(/^protos\/bad\.proto:3:14: syntax error: /);
  });

  it('lists every missing import at once, with what to drop next', () => {
    const err = failure(() =>
      load({
        'greet.proto': greet.replace(
          'import "google/protobuf/timestamp.proto";',
          'import "google/protobuf/timestamp.proto";\nimport "other/more.proto";',
        ),
      }),
    );
    expect(err.message).toBe(
      [
        '2 imports not found:',
        '  greet.proto:4: import "common/types.proto" not found; searched: the dropped files',
        '  greet.proto:6: import "other/more.proto" not found; searched: the dropped files',
        'Drop the folder that holds common/types.proto, other/more.proto together with the files that import them, or choose the files with Load .proto files… and give the import path.',
      ].join('\n'),
    );
    expect(err).toMatchObject({ kind: 'missing_import', file: 'greet.proto', line: 4 });
    expect(err.details).toMatchObject({ missing: ['common/types.proto', 'other/more.proto'] });
  });

  it('an import that climbs out of the drop is refused, not looked up', () => {
    const err = failure(() =>
      load({ 'a.proto': 'syntax = "proto3";\nimport "../../etc/x.proto";\n' }),
    );
    expect(err.message).toMatch(/must not be absolute or contain "\.\."/);
  });

  it('the same path dropped twice is refused', () => {
    const err = failure(() =>
      loadSchemaContents({
        protos: [
          { path: 'a.proto', text: types },
          { path: 'a.proto', text: types },
        ],
        descriptorSets: [],
      }),
    );
    expect(err.message).toBe('a.proto was dropped twice');
  });
});

describe('dropped descriptor sets', () => {
  const tree = writeTree({ 'protos/api/greet.proto': greet, 'protos/common/types.proto': types });
  afterAll(() => tree.remove());
  const compiled = loadProtoFiles({
    files: ['api/greet.proto'],
    importPaths: [join(tree.dir, 'protos')],
  });
  const bytes = toBinary(
    FileDescriptorSetSchema,
    create(FileDescriptorSetSchema, { file: compiled.files }),
  );

  it('load as from disk, and merge with dropped .proto files', () => {
    const set = loadSchemaContents({
      protos: [],
      descriptorSets: [{ path: 'greet.protoset', bytes }],
    });
    expect(set.model).toEqual(compiled.model);
    const both = loadSchemaContents({
      protos: protos({ 'extra.proto': 'syntax = "proto3";\npackage x;\nmessage Extra {}\n' }),
      descriptorSets: [{ path: 'greet.protoset', bytes }],
    });
    expect(Object.keys(both.model.messages)).toEqual(
      expect.arrayContaining(['x.Extra', 'acme.greet.Reply', 'acme.common.Name']),
    );
  });

  it('bytes that are no descriptor set say which file', () => {
    const err = failure(() =>
      loadSchemaContents({
        protos: [],
        descriptorSets: [{ path: 'notes.pb', bytes: new TextEncoder().encode('hello world') }],
      }),
    );
    expect(err).toMatchObject({ kind: 'invalid_descriptor', file: 'notes.pb' });
    expect(err.message).toMatch(/^notes\.pb: not a FileDescriptorSet/);
  });
});
