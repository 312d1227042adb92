import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gwb } from './cli.testkit.js';

// protoc, and grpcurl's parser with it, know the well-known files by name: `-proto
// google/protobuf/duration.proto` with no such file on disk is the built-in file, as an import of
// it already was in gwb. gwb said the file was not found. Run from an empty folder, so nothing on
// disk can stand in.
let dir = '';
let cwd = '';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gwb-wkt-input-'));
  cwd = process.cwd();
  process.chdir(dir);
});

afterAll(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

describe('-proto names a well-known file', () => {
  it('describe google.protobuf.Duration from google/protobuf/duration.proto', async () => {
    const run = await gwb([
      '-proto',
      'google/protobuf/duration.proto',
      'describe',
      'google.protobuf.Duration',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^google\.protobuf\.Duration is a message:\nmessage Duration \{/);
    expect(run.stdout).toContain('int64 seconds = 1;');
  });

  it('list google/protobuf/empty.proto: no services', async () => {
    const run = await gwb(['-proto', 'google/protobuf/empty.proto', 'list']);
    expect(run).toEqual({ code: 0, stdout: '(No services)\n', stderr: '' });
  });

  it('with an import path that does not have it', async () => {
    const run = await gwb([
      '-import-path',
      dir,
      '-proto',
      'google/protobuf/timestamp.proto',
      'list',
    ]);
    expect(run).toEqual({ code: 0, stdout: '(No services)\n', stderr: '' });
  });

  it('a file that is neither on disk nor well-known is still not found', async () => {
    const run = await gwb(['-proto', 'google/protobuf/nope.proto', 'list']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nope.proto');
  });
});
