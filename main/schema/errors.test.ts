import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SchemaError, loadDescriptorSet, loadDescriptorSetFile, loadProtoFiles } from './index.js';
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

describe('schema errors say what and where', () => {
  const tree = writeTree({
    'syntax.proto': 'syntax = "proto3";\npackage x;\n\nmessage A {\n  int32 foo bar = 1;\n}\n',
    'missing.proto': 'syntax = "proto3";\npackage x;\nimport "nope/missing.proto";\nmessage A {}\n',
    'unresolved.proto':
      'syntax = "proto3";\npackage x;\nmessage A {\n  int32 a = 1;\n  Unknown b = 2;\n}\n',
    'unresolved-rpc.proto':
      'syntax = "proto3";\npackage x;\nmessage A {}\nservice S {\n  rpc M (A) returns (Nope);\n}\n',
    'one.proto': 'syntax = "proto3";\npackage x;\nmessage A {}\n',
    'two.proto': 'syntax = "proto3";\npackage x;\n\nmessage A {}\n',
    'dup-number.proto':
      'syntax = "proto3";\npackage x;\nmessage A { int32 a = 1; string b = 1; }\n',
    'sub/one.proto': 'syntax = "proto3";\npackage y;\nmessage B {}\n',
    'cycle-a.proto':
      'syntax = "proto3";\npackage c;\nimport "cycle-b.proto";\nmessage A { B b = 1; }\n',
    'cycle-b.proto':
      'syntax = "proto3";\npackage c;\n\nimport "cycle-a.proto";\nmessage B { A a = 1; }\n',
    'bad-import.proto': 'syntax = "proto3";\nimport "syntax.proto";\n',
  });
  afterAll(() => tree.remove());
  const at = (name: string) => join(tree.dir, name);

  it('syntax error: file, line, column and the offending token', () => {
    const err = failure(() => loadProtoFiles({ files: [at('syntax.proto')] }));
    expect(err).toMatchObject({ kind: 'syntax', file: at('syntax.proto'), line: 5, column: 13 });
    expect(err.message).toBe(
      `${at('syntax.proto')}:5:13: syntax error: illegal token 'bar', '=' expected`,
    );
  });

  it('syntax error in an imported file names that file, not the importer', () => {
    const err = failure(() => loadProtoFiles({ files: [at('bad-import.proto')] }));
    expect(err).toMatchObject({ kind: 'syntax', file: at('syntax.proto'), line: 5 });
  });

  it('missing import: the import, the importing file and every folder searched', () => {
    const other = join(tree.dir, 'elsewhere');
    const err = failure(() =>
      loadProtoFiles({ files: [at('missing.proto')], importPaths: [other] }),
    );
    expect(err).toMatchObject({ kind: 'missing_import', file: at('missing.proto'), line: 3 });
    expect(err.message).toContain('import "nope/missing.proto" not found');
    expect(err.message).toContain(`searched: ${other}, ${tree.dir}`);
    expect(err.message.startsWith(`${at('missing.proto')}:3:`)).toBe(true);
    // Given by its name inside an import path: only the import paths are searched.
    const byName = failure(() =>
      loadProtoFiles({ files: ['missing.proto'], importPaths: [tree.dir] }),
    );
    expect(byName.message).toBe(
      `${at('missing.proto')}:3: import "nope/missing.proto" not found; searched: ${tree.dir}`,
    );
  });

  it('an import cycle names the chain of files', () => {
    const err = failure(() => loadProtoFiles({ files: [at('cycle-a.proto')] }));
    expect(err).toMatchObject({ kind: 'missing_import', file: at('cycle-a.proto'), line: 3 });
    expect(err.message).toBe(
      `${at('cycle-a.proto')}:3: import cycle: cycle-a.proto -> cycle-b.proto -> cycle-a.proto`,
    );
  });

  it('unresolved type: the type, the file and the field or method using it', () => {
    const field = failure(() => loadProtoFiles({ files: [at('unresolved.proto')] }));
    expect(field).toMatchObject({ kind: 'unresolved_type', file: at('unresolved.proto'), line: 5 });
    expect(field.message).toBe(
      `${at('unresolved.proto')}:5: unresolved type 'Unknown' used by field x.A.b`,
    );
    const method = failure(() => loadProtoFiles({ files: [at('unresolved-rpc.proto')] }));
    expect(method).toMatchObject({ kind: 'unresolved_type', line: 5 });
    expect(method.message).toContain("unresolved type 'Nope' used by method x.S.M");
  });

  it('duplicate definitions name both files', () => {
    const err = failure(() => loadProtoFiles({ files: [at('one.proto'), at('two.proto')] }));
    expect(err).toMatchObject({ kind: 'duplicate', file: at('two.proto'), line: 4 });
    expect(err.message).toBe(
      `${at('two.proto')}:4: duplicate definition of x.A: already defined in ${at('one.proto')}`,
    );
    const number = failure(() => loadProtoFiles({ files: [at('dup-number.proto')] }));
    expect(number).toMatchObject({ kind: 'duplicate', file: at('dup-number.proto') });
    expect(number.message).toContain('number 1 is used twice');
  });

  it('two different files with one import name are a duplicate, not silently one of them', () => {
    const err = failure(() => loadProtoFiles({ files: [at('one.proto'), at('sub/one.proto')] }));
    expect(err).toMatchObject({ kind: 'duplicate', file: at('sub/one.proto') });
    expect(err.message).toBe(
      `${at('one.proto')} and ${at('sub/one.proto')} are both named one.proto; give import paths that tell them apart`,
    );
  });

  it('unreadable or absent files are io errors naming the path', () => {
    const err = failure(() => loadProtoFiles({ files: [at('absent.proto')] }));
    expect(err).toMatchObject({ kind: 'io', file: at('absent.proto') });
    expect(err.message).toBe(`cannot read proto file ${at('absent.proto')}: file not found`);
    const dir = failure(() => loadProtoFiles({ files: [tree.dir] }));
    expect(dir.kind).toBe('io');
    const set = failure(() => loadDescriptorSetFile(at('absent.pb')));
    expect(set).toMatchObject({ kind: 'io', file: at('absent.pb') });
  });

  it('bytes that are not a FileDescriptorSet are invalid_descriptor with the source name', () => {
    const err = failure(() => loadDescriptorSet(new Uint8Array([1, 2, 3, 4, 5]), 'junk.pb'));
    expect(err).toMatchObject({ kind: 'invalid_descriptor', file: 'junk.pb' });
    expect(err.message).toMatch(/^junk\.pb: not a FileDescriptorSet/);
    const text = failure(() =>
      loadDescriptorSet(new TextEncoder().encode('syntax = "proto3";'), 'oops.proto'),
    );
    expect(text.kind).toBe('invalid_descriptor');
  });
});
