import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { gwb } from './cli.testkit.js';

// A service without methods: grpcurl's `list SERVICE` prints `(No methods)` on stdout and exits 0;
// gwb printed nothing. From files, from a descriptor set, and with reflection and files together
// (the demo server does not know the service: the file fills in, as grpcurl's composite source).
const NOTHING = 'syntax = "proto3";\npackage nothing;\nservice Nothing {}\n';

let demo: DemoServer;
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gwb-list-no-methods-'));
  writeFileSync(path.join(dir, 'nothing.proto'), NOTHING);
  demo = await startDemoServer({});
});

afterAll(async () => {
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('gwb list of a service with no methods', () => {
  const P = () => ['-import-path', dir, '-proto', 'nothing.proto'];

  it('from -proto', async () => {
    const run = await gwb([...P(), 'list', 'nothing.Nothing']);
    expect(run).toEqual({ code: 0, stdout: '(No methods)\n', stderr: '' });
  });

  it('from -protoset', async () => {
    const protoset = path.join(dir, 'nothing.protoset');
    expect((await gwb([...P(), '-protoset-out', protoset, 'list'])).code).toBe(0);
    const run = await gwb(['-protoset', protoset, 'list', 'nothing.Nothing']);
    expect(run).toEqual({ code: 0, stdout: '(No methods)\n', stderr: '' });
  });

  it('with -use-reflection and -proto, the server not knowing the service', async () => {
    const address = `127.0.0.1:${demo.port}`;
    const run = await gwb([
      '-plaintext',
      '-use-reflection',
      ...P(),
      address,
      'list',
      'nothing.Nothing',
    ]);
    expect(run).toEqual({ code: 0, stdout: '(No methods)\n', stderr: '' });
  });
});
