import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProtoFiles } from './index.js';
import { writeTree } from './test-tree.js';

// An import name is looked up inside the import paths, never beside or above them: a proto file of
// a cloned workspace cannot make the engine read ../../.ssh/id_rsa or /etc/shadow.

const tree = writeTree({
  'outside/secret.proto': 'syntax = "proto3";\nmessage Secret {}\n',
  'ws/protos/up.proto': 'syntax = "proto3";\nimport "../../outside/secret.proto";\nmessage A {}\n',
  'ws/protos/abs.proto': 'syntax = "proto3";\nimport "/etc/passwd";\nmessage B {}\n',
});
afterAll(() => tree.remove());

describe('import names', () => {
  it('with ".." are refused, not read from above the import path', () => {
    expect(() =>
      loadProtoFiles({ files: ['up.proto'], importPaths: [join(tree.dir, 'ws/protos')] }),
    ).toThrow(
      'import "../../outside/secret.proto": an import name must not be absolute or contain ".."',
    );
  });

  it('that are absolute are refused', () => {
    expect(() =>
      loadProtoFiles({ files: ['abs.proto'], importPaths: [join(tree.dir, 'ws/protos')] }),
    ).toThrow('import "/etc/passwd": an import name must not be absolute');
  });
});
