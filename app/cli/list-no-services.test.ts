import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gwb } from './cli.testkit.js';

// Files that define no service: grpcurl's `list` prints `(No services)` on stdout and exits 0;
// gwb printed nothing. (A server with reflection always lists at least reflection itself.)
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gwb-list-no-services-'));
  writeFileSync(
    path.join(dir, 'nosvc.proto'),
    'syntax = "proto3";\npackage nosvc;\nmessage Lonely { string name = 1; }\n',
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gwb list of files without a service', () => {
  it('from -proto', async () => {
    const run = await gwb(['-import-path', dir, '-proto', 'nosvc.proto', 'list']);
    expect(run).toEqual({ code: 0, stdout: '(No services)\n', stderr: '' });
  });

  it('from -protoset (written by describe -protoset-out)', async () => {
    const protoset = path.join(dir, 'nosvc.protoset');
    const P = ['-import-path', dir, '-proto', 'nosvc.proto'];
    expect((await gwb([...P, '-protoset-out', protoset, 'describe', 'nosvc.Lonely'])).code).toBe(0);
    const run = await gwb(['-protoset', protoset, 'list']);
    expect(run).toEqual({ code: 0, stdout: '(No services)\n', stderr: '' });
  });
});
