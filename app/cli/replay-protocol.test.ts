// `gwb replay` goes over the protocol the recording was made with (its started event names it)
// also when connection flags or --target are given, unless -protocol says otherwise. The servers
// are real: the demo server behind connect-node's gateways (gRPC, gRPC-Web and Connect over
// HTTP/2; gRPC-Web and Connect over HTTP/1.1, where a gRPC call cannot reach them at all).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcePath } from '../../main/resources.js';
import type { ProtocolServers } from '../../main/transports/protocols.testkit.js';
import { gwb } from './cli.testkit.js';
import { startDemoGateways, type DemoGateways } from './demo-gateways.testkit.js';

const SCHEMA = ['-import-path', resourcePath('protos'), '-proto', 'example.proto'];
const GET_USER = ['-d', '{"id":"1"}'];
let dir: string;
let gateways: DemoGateways;
let servers: ProtocolServers;
/** Recorded over Connect (binary) on the HTTP/1.1 server, and over gRPC-Web on the HTTP/2 one. */
let connectFile: string;
let webFile: string;
const file = (name: string): string => path.join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gwb-replay-protocol-'));
  gateways = await startDemoGateways();
  ({ servers } = gateways);
  connectFile = file('connect.ndjson');
  webFile = file('web.ndjson');
  // One after the other: a gwb run closes the gRPC-Web and Connect connections at its end.
  const made = [
    await gwb([
      '-plaintext',
      '-protocol',
      'connect',
      '-http1',
      ...SCHEMA,
      '-record',
      connectFile,
      ...GET_USER,
      servers.http1,
      'example.UserService/GetUser',
    ]),
    await gwb([
      '-plaintext',
      '-protocol',
      'grpcweb',
      ...SCHEMA,
      '-record',
      webFile,
      ...GET_USER,
      servers.http2,
      'example.UserService/GetUser',
    ]),
  ];
  for (const r of made) expect(r.stderr).toBe('');
}, 60_000);

afterAll(async () => {
  await gateways?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The content types the server was asked with during `run`. */
async function askedWith(
  server: 'http1' | 'http2',
  run: () => ReturnType<typeof gwb>,
): Promise<{ code: number; stdout: string; stderr: string; contentTypes: string[] }> {
  const seen = servers.gateways[server].requests;
  seen.length = 0;
  const r = await run();
  return { ...r, contentTypes: seen.map((s) => s.contentType) };
}

/** The protocol the replay's recording says it went over (absent: gRPC). */
const replayedOver = (out: string): string | undefined =>
  (
    JSON.parse(readFileSync(out, 'utf8').split('\n')[1] ?? '{}') as {
      protocol?: string;
    }
  ).protocol;

describe('gwb replay with connection flags and no -protocol', () => {
  it(
    '(with no flag at all, the same: the server is not waited for on a gRPC channel)',
    {
      timeout: 60_000,
    },
    async () => {
      const r = await askedWith('http1', () =>
        gwb(['replay', connectFile, '--out', file('connect-no-flags.ndjson')]),
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.contentTypes).toEqual(['application/proto']);
    },
  );

  it(
    'replays a Connect recording over Connect (HTTP/1.1, where gRPC cannot go)',
    { timeout: 60_000 },
    async () => {
      const out = file('connect-plaintext.ndjson');
      const r = await askedWith('http1', () =>
        gwb(['replay', connectFile, '-plaintext', '--out', out]),
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^IDENTICAL/);
      expect(r.contentTypes).toEqual(['application/proto']);
      expect(replayedOver(out)).toBe('Connect binary (HTTP/1.1)');
    },
  );

  it(
    'replays a gRPC-Web recording over gRPC-Web at another --target',
    { timeout: 60_000 },
    async () => {
      const out = file('web-target.ndjson');
      const r = await askedWith('http2', () =>
        gwb(['replay', webFile, '--target', servers.http2, '-plaintext', '--out', out]),
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.contentTypes).toEqual(['application/grpc-web+proto']);
      expect(replayedOver(out)).toBe('gRPC-Web (HTTP/2)');
    },
  );

  it('-protocol says otherwise: gRPC', { timeout: 60_000 }, async () => {
    const out = file('web-as-grpc.ndjson');
    const r = await askedWith('http2', () =>
      gwb([
        'replay',
        webFile,
        '-plaintext',
        '-protocol',
        'grpc',
        '--out',
        out,
        '--ignore',
        'headers.content-type',
      ]),
    );
    expect(r.stderr).toBe('');
    expect(r.contentTypes).toEqual(['application/grpc']);
    expect(replayedOver(out)).toBeUndefined();
  });

  it(
    'a Connect server over HTTP/1.1 that is not there: failed to connect, exit 2, no replay left',
    { timeout: 60_000 },
    async () => {
      const out = file('connect-nowhere.ndjson');
      const r = await gwb([
        'replay',
        connectFile,
        '-plaintext',
        '--target',
        '127.0.0.1:1',
        '--out',
        out,
      ]);
      expect(r.stderr).toMatch(
        /^gwb: replay .*connect\.ndjson: failed to connect to 127\.0\.0\.1:1: connection refused\n$/,
      );
      expect(r.code).toBe(2);
      expect(existsSync(out)).toBe(false);
    },
  );
});
