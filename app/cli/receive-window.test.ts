import { createServer, type Http2Server, type Settings } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gwb } from './cli.testkit.js';

// The HTTP/2 receive window a gwb call offers the server, as the server sees it. With Node's
// 64 KiB a server stream of small messages stalls on WINDOW_UPDATEs: the 200k-message stream of
// bench:cli cost the bench server ~15-20% more CPU and gwb itself ~5-10% more. grpc-go (grpcurl)
// grows its windows as far as 16 MiB from bandwidth probes; the engine's channels open at 4 MiB.
const protos = join(import.meta.dirname, '..', '..', 'resources', 'protos');

interface Seen {
  /** The client's SETTINGS_INITIAL_WINDOW_SIZE: each stream's window. */
  streamWindow: number | undefined;
  /** The connection's window the client granted, when its call arrived. */
  connectionWindow: number | undefined;
}

let server: Http2Server;
let port = 0;
const seen: Seen[] = [];

beforeAll(async () => {
  // A bare HTTP/2 server speaking just enough gRPC: one empty response, then status OK.
  server = createServer();
  server.on('stream', (stream) => {
    const settings: Settings = stream.session?.remoteSettings ?? {};
    seen.push({
      streamWindow: settings.initialWindowSize,
      connectionWindow: stream.session?.state.remoteWindowSize,
    });
    stream.on('data', () => undefined);
    stream.on('end', () => {
      stream.respond(
        { ':status': 200, 'content-type': 'application/grpc' },
        { waitForTrailers: true },
      );
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end(Buffer.from([0, 0, 0, 0, 0]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the receive window of a gwb call', () => {
  it('offers the server 4 MiB per stream and for the connection, not Node’s 64 KiB', async () => {
    const run = await gwb([
      '-plaintext',
      '-import-path',
      protos,
      '-proto',
      'example.proto',
      '-d',
      '{"id":"1"}',
      `127.0.0.1:${port}`,
      'example.UserService/GetUser',
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('{}\n');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual({ streamWindow: 4 << 20, connectionWindow: 4 << 20 });
  });
});
