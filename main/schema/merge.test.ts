import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  SchemaError,
  loadDescriptorSetFile,
  loadProtoFiles,
  mergeFileSets,
  mergeSchemas,
} from './index.js';
import { writeTree } from './test-tree.js';

const user = `syntax = "proto3";
package acme.api;
import "acme/types/id.proto";
// Users.
service Users { rpc Get (acme.types.Id) returns (User); }
message User { acme.types.Id id = 1; string name = 2; }
`;
const id = `syntax = "proto3";
package acme.types;
message Id { string value = 1; }
`;

describe('mergeSchemas', () => {
  const tree = writeTree({
    'server/acme/api/user.proto': user,
    'server/acme/types/id.proto': id,
    'local/user.proto': user.replace('import "acme/types/id.proto";', 'import "types/id.proto";'),
    'local/types/id.proto': id,
    'local/other.proto':
      'syntax = "proto3";\npackage acme.other;\nimport "types/id.proto";\nmessage Note { acme.types.Id id = 1; }\n',
    'clash/id.proto': 'syntax = "proto3";\npackage acme.types;\nmessage Id { int64 value = 1; }\n',
    'same-name/acme/types/id.proto':
      'syntax = "proto3";\npackage acme.types;\nmessage Id { int64 value = 1; }\n',
  });
  afterAll(() => tree.remove());

  // What a reflection client would hand over: descriptors compiled by someone else's protoc.
  const serverFiles = () => {
    const path = join(tree.dir, 'server.pb');
    execFileSync('/usr/bin/protoc', [
      `-I${join(tree.dir, 'server')}`,
      '--include_imports',
      `--descriptor_set_out=${path}`,
      'acme/api/user.proto',
    ]);
    return loadDescriptorSetFile(path);
  };

  it('adds what each source has; identical definitions under other file names are not duplicates', () => {
    const server = serverFiles();
    const local = loadProtoFiles({
      files: ['user.proto', 'other.proto'],
      importPaths: [join(tree.dir, 'local')],
    });
    const merged = mergeSchemas([server, local]);
    expect(merged.model.services.map((s) => s.fullName)).toEqual(['acme.api.Users']);
    expect(merged.model.messages['acme.other.Note']).toBeDefined();
    // The server's copies win; the local duplicates of them are dropped.
    expect(merged.model.files).toEqual([
      'acme/types/id.proto',
      'acme/api/user.proto',
      'other.proto',
    ]);
    expect(merged.model.messages['acme.api.User']!.file).toBe('acme/api/user.proto');
    // Importers of a dropped copy now depend on the file that defines the same things.
    expect(merged.files.find((f) => f.name === 'other.proto')!.dependency).toEqual([
      'acme/types/id.proto',
    ]);
  });

  it('local files resolve what reflection does not', () => {
    const server = serverFiles();
    const withoutDep = server.files.filter((f) => f.name !== 'acme/types/id.proto');
    const local = loadProtoFiles({
      files: ['acme/types/id.proto'],
      importPaths: [join(tree.dir, 'server')],
    });
    const merged = mergeFileSets([withoutDep, local.files], 'reflection + files');
    expect(merged.model.services[0]!.methods[0]!.inputType).toBe('acme.types.Id');
  });

  it('the same file name twice keeps the first', () => {
    const first = loadProtoFiles({
      files: ['acme/types/id.proto'],
      importPaths: [join(tree.dir, 'server')],
    });
    const second = loadProtoFiles({
      files: ['acme/types/id.proto'],
      importPaths: [join(tree.dir, 'same-name')],
    });
    const merged = mergeSchemas([first, second]);
    expect(merged.model.messages['acme.types.Id']!.fields[0]!.type).toEqual({
      kind: 'scalar',
      scalar: 'string',
    });
  });

  it('one name defined differently by two files is a duplicate error naming both', () => {
    const first = loadProtoFiles({
      files: ['acme/types/id.proto'],
      importPaths: [join(tree.dir, 'server')],
    });
    const second = loadProtoFiles({ files: [join(tree.dir, 'clash/id.proto')] });
    let err: unknown;
    try {
      mergeSchemas([first, second]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SchemaError);
    expect(err).toMatchObject({ kind: 'duplicate', file: 'id.proto' });
    expect((err as Error).message).toBe(
      'acme.types.Id is defined differently in acme/types/id.proto and id.proto',
    );
  });
});
