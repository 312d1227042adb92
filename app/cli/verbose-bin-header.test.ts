import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { gwb } from './cli.testkit.js';

// grpcurl -v shows a -bin request header as the bytes it sends, re-encoded as padded standard
// base64 (MetadataToString), whichever alphabet it was typed in; gwb showed the text as typed.
let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemoServer({});
});

afterAll(async () => {
  await demo.close();
});

describe('-v shows -bin request headers as grpcurl does', () => {
  it.each([
    ['aGVsbG8', 'aGVsbG8='],
    ['P_8-Pw', 'P/8+Pw=='],
    ['P_8-Pw==', 'P/8+Pw=='],
    ['aGVsbG8=', 'aGVsbG8='],
  ])('%s is shown as %s', async (typed, shown) => {
    const run = await gwb([
      '-plaintext',
      '-v',
      '-H',
      `x-trace-bin: ${typed}`,
      '-d',
      '{"id":"1"}',
      `127.0.0.1:${demo.port}`,
      'example.UserService/GetUser',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`\nRequest metadata to send:\nx-trace-bin: ${shown}\n\n`);
  });
});
