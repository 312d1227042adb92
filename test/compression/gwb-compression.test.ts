import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gwb } from '../../app/cli/cli.testkit.js';
import { startByteRelay, type ByteRelay } from '../../main/channels/byte-relay.testkit.js';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';

// gwb's own -compression flag (grpcurl 1.9.3 has none): the request goes compressed on the wire.

let server: DemoServer;
let relay: ByteRelay;
const TEXT = 'the same words again and again '.repeat(1000);

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  relay = await startByteRelay({ host: '127.0.0.1', port: server.port });
});

afterAll(async () => {
  await relay?.close();
  await server?.close();
});

async function upload(extra: string[]): Promise<{ code: number; up: number; stdout: string }> {
  const before = relay.upstream();
  const data = JSON.stringify({ key: 'k', text: TEXT });
  const r = await gwb([
    '-plaintext',
    ...extra,
    '-d',
    data,
    relay.address,
    'example.BatchService/Upload',
  ]);
  expect(r.stderr).toBe('');
  return { code: r.code, up: relay.upstream() - before, stdout: r.stdout };
}

describe('gwb -compression', () => {
  it('gzip and deflate send the request compressed; without it, as it is', async () => {
    const plain = await upload([]);
    expect(plain.code).toBe(0);
    expect(plain.up).toBeGreaterThan(TEXT.length);
    for (const algo of ['gzip', 'deflate']) {
      const packed = await upload(['-compression', algo]);
      expect(packed.code).toBe(0);
      expect(JSON.parse(packed.stdout)).toEqual(JSON.parse(plain.stdout));
      expect(packed.up).toBeLessThan(TEXT.length / 5);
    }
  });

  it('names the values it takes, and help says it is gwb’s own', async () => {
    const r = await gwb(['-plaintext', '-compression', 'brotli', relay.address, 'list']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/-compression.*gzip.*deflate/);
    const help = await gwb(['-help']);
    expect(help.stdout + help.stderr).toMatch(
      /-compression gzip\|deflate\s+compress the messages sent \(gwb's own flag: grpcurl has none\)/,
    );
  });
});
