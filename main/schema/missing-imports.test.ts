import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SchemaError, loadProtoFiles } from './index.js';
import { writeTree } from './test-tree.js';

function failure(run: () => unknown): SchemaError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(SchemaError);
    return err as SchemaError;
  }
  throw new Error('expected a SchemaError, got success');
}

describe('missing imports are all reported at once', () => {
  const tree = writeTree({
    'top.proto':
      'syntax = "proto3";\npackage x;\nimport "a/one.proto";\nimport "b.proto";\nimport "ok.proto";\nimport "sub.proto";\nimport weak "gone.proto";\nmessage A {}\n',
    'ok.proto': 'syntax = "proto3";\npackage x;\nmessage Ok {}\n',
    'sub.proto': 'syntax = "proto3";\npackage x;\n\nimport public "c.proto";\nmessage Sub {}\n',
  });
  afterAll(() => tree.remove());
  const at = (name: string) => join(tree.dir, name);

  it('one error naming each importing file, line and import, with the folders searched', () => {
    const elsewhere = join(tree.dir, 'elsewhere');
    const err = failure(() =>
      loadProtoFiles({ files: [at('top.proto')], importPaths: [elsewhere] }),
    );
    const searched = `searched: ${elsewhere}, ${tree.dir}`;
    expect(err.message).toBe(
      [
        '3 imports not found:',
        `  ${at('top.proto')}:3: import "a/one.proto" not found; ${searched}`,
        `  ${at('top.proto')}:4: import "b.proto" not found; ${searched}`,
        `  ${at('sub.proto')}:4: import "c.proto" not found; ${searched}`,
      ].join('\n'),
    );
    // The first one is where the UI points.
    expect(err).toMatchObject({ kind: 'missing_import', file: at('top.proto'), line: 3 });
  });
});
