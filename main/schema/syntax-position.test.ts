import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SchemaError, loadProtoFiles } from './index.js';
import { writeTree } from './test-tree.js';

const head = 'syntax = "proto3";\npackage x;\n';
const badField = 'message A {\n  int32 foo bar = 1;\n}\n';

/** Each file fails to parse; `at` is the line:column protoc 3.21 reports for it. */
const cases: Record<string, { source: string; at: string }> = {
  'one-comment.proto': { source: `${head}// one\n${badField}`, at: '5:13' },
  'two-comments.proto': { source: `${head}// one\n// two\n${badField}`, at: '6:13' },
  'five-comments.proto': { source: `${head}// 1\n// 2\n// 3\n// 4\n// 5\n${badField}`, at: '9:13' },
  'indented-comments.proto': {
    source: `${head}message A {\n  int32 a = 1; // trailing\n  // lead 1\n  // lead 2\n  int32 x y = 2;\n}\n`,
    at: '7:11',
  },
  'block-comment.proto': { source: `${head}/* a\n b\n c */\n${badField}`, at: '7:13' },
  'blank-lines.proto': { source: `${head}\n\n\n${badField}`, at: '7:13' },
  'crlf.proto': {
    source: `${head}// one\n// two\n${badField}`.replace(/\n/g, '\r\n'),
    at: '6:13',
  },
  'tab.proto': { source: `${head}// c\n// d\nmessage A {\n\tint32 foo bar = 1;\n}\n`, at: '6:19' },
  'comment-in-string.proto': {
    source: `${head}message A {\n  string s = 1 [json_name = "a//b"];\n  // c\n  // d\n  int32 x y = 2;\n}\n`,
    at: '7:11',
  },
  'same-name-earlier.proto': {
    source: `${head}// c\n// d\nmessage A { int32 foo o = 1; }\n`,
    at: '5:23',
  },
  'end-in-message.proto': {
    source: `${head}// c\n// d\nmessage A {\n  int32 foo = 1;\n`,
    at: '7:1',
  },
  'end-mid-line.proto': { source: `${head}message A {\n  int32 foo = 1;`, at: '4:17' },
  'end-in-enum.proto': { source: `${head}enum E {\n  X = 0;\n`, at: '5:1' },
  'end-in-method.proto': {
    source: `${head}message A {}\nservice S {\n  rpc M(A) returns (A) {\n`,
    at: '6:1',
  },
  'end-after-keyword.proto': { source: `${head}message`, at: '3:8' },
};

describe('syntax errors are placed where protoc places them', () => {
  const tree = writeTree(Object.fromEntries(Object.entries(cases).map(([n, c]) => [n, c.source])));
  afterAll(() => tree.remove());

  function ours(name: string): SchemaError {
    try {
      loadProtoFiles({ files: [name], importPaths: [tree.dir] });
    } catch (err) {
      expect(err).toBeInstanceOf(SchemaError);
      return err as SchemaError;
    }
    throw new Error(`${name} parsed, expected a syntax error`);
  }

  function protocs(name: string): string {
    try {
      execFileSync('protoc', ['-I', tree.dir, '--descriptor_set_out=/dev/null', name], {
        stdio: 'pipe',
      });
    } catch (err) {
      const stderr = String((err as { stderr: Buffer }).stderr);
      return (
        new RegExp(`^${name.replace('.', '\\.')}:(\\d+:\\d+):`, 'm').exec(stderr)?.[1] ?? stderr
      );
    }
    return 'no error';
  }

  it.each(Object.keys(cases))('%s', (name) => {
    const err = ours(name);
    const [line, column] = cases[name]!.at.split(':').map(Number);
    expect(err).toMatchObject({ kind: 'syntax', file: join(tree.dir, name), line, column });
    expect(
      err.message.startsWith(`${join(tree.dir, name)}:${cases[name]!.at}: syntax error: `),
    ).toBe(true);
    // The positions above are protoc's: checked against it here, so they cannot drift from it.
    expect(protocs(name)).toBe(cases[name]!.at);
  });

  it('a file that ends inside a definition says so, not a JavaScript TypeError', () => {
    expect(ours('end-in-message.proto').message).toBe(
      `${join(tree.dir, 'end-in-message.proto')}:7:1: syntax error: reached end of input (missing '}')`,
    );
    expect(ours('end-after-keyword.proto').message).toMatch(/reached end of input$/);
  });
});
