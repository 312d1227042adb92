import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { gwb } from './cli.testkit.js';

// grpcurl skips an empty header text (MetadataFromHeaders: `if part != ""`), so `-H ''` is no
// header at all; gwb refused it ('header "" has no name', exit 1). Also one that -expand-headers
// makes empty.
let demo: DemoServer;
let address = '';

beforeAll(async () => {
  demo = await startDemoServer({});
  address = `127.0.0.1:${demo.port}`;
  process.env.GWB_EMPTY_HEADER_TEST = '';
});

afterAll(async () => {
  delete process.env.GWB_EMPTY_HEADER_TEST;
  await demo.close();
});

describe("-H '' is no header, as in grpcurl", () => {
  it('list', async () => {
    const run = await gwb(['-plaintext', '-H', '', '-reflect-header', '', address, 'list']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('example.UserService\n');
  });

  it('a call, with the other headers sent', async () => {
    const run = await gwb([
      '-plaintext',
      '-v',
      '-H',
      '',
      '-rpc-header',
      '',
      '-H',
      'x-echo-a: 1',
      '-d',
      '{"id":"1"}',
      address,
      'example.UserService/GetUser',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\nRequest metadata to send:\nx-echo-a: 1\n\n');
  });

  it('a header -expand-headers makes empty', async () => {
    const run = await gwb([
      '-plaintext',
      '-expand-headers',
      '-H',
      '${GWB_EMPTY_HEADER_TEST}',
      address,
      'list',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
