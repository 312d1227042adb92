// A gRPC-Web or Connect call over HTTP/1.1 is not pre-waited on a gRPC channel (grpc-channel-wait.ts),
// and that wait was what applied grpcurl's default 10 s connect timeout: the call now carries it
// itself: a call, `gwb request run` and `gwb replay`. The server here accepts TCP, reads, and never
// writes: a TLS handshake to it never ends. The default is not waited out: the connection's timer
// is seen being set (setTimeout with 10 s), and the deadline ends the call.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDemoServer } from '../../main/demo/demo-server.js';
import { resourcePath } from '../../main/resources.js';
import { openWorkspace } from '../../main/workspace/index.js';
import { removeDir, sampleRequest, tempDir } from '../../main/workspace/workspace.testkit.js';
import { gwb, type CliRun } from './cli.testkit.js';
import { DEFAULT_CONNECT_TIMEOUT_MS } from './connection.js';
import { callGetUser, recordGetUser } from './get-user-call.testkit.js';
import { startSilentServer, type SilentServer } from './signalled-gwb.testkit.js';

let silent: SilentServer;
let address = '';

beforeAll(async () => {
  silent = await startSilentServer();
  address = silent.address;
});

const dir = tempDir('gwb-http1-timeout-');
const savedDataDir = process.env.GWB_DATA_DIR;

afterAll(async () => {
  if (savedDataDir === undefined) delete process.env.GWB_DATA_DIR;
  else process.env.GWB_DATA_DIR = savedDataDir;
  removeDir(dir);
  silent?.close();
});

afterEach(() => {
  vi.restoreAllMocks();
});

const call = (...flags: string[]) => callGetUser(address, ...flags);

/** The run, and the delay of every timer set while it ran. */
async function timed(body: () => Promise<CliRun>): Promise<{ run: CliRun; delays: unknown[] }> {
  const timers = vi.spyOn(globalThis, 'setTimeout');
  const run = await body();
  return { run, delays: timers.mock.calls.map((args) => args[1]) };
}

describe.each(['connect', 'grpcweb'])(
  'gwb -protocol %s -http1 to a server that never answers',
  (protocol) => {
    it(
      'gives up after -connect-timeout: failed to connect, exit 1',
      { timeout: 60_000 },
      async () => {
        const r = await call('-protocol', protocol, '-http1', '-connect-timeout', '0.3');
        expect(r.stderr).toContain(`failed to connect to ${address}`);
        expect(r.code).toBe(1);
      },
    );

    it(
      'has the default 10 s connect timeout without -connect-timeout',
      { timeout: 60_000 },
      async () => {
        const { run, delays } = await timed(() =>
          call('-protocol', protocol, '-http1', '-max-time', '0.5'),
        );
        expect(delays).toContain(DEFAULT_CONNECT_TIMEOUT_MS);
        expect(run.code).not.toBe(0);
      },
    );
  },
);

describe('gwb request run and gwb replay over HTTP/1.1 to a server that never answers', () => {
  it(
    'request run: the saved request has the default 10 s connect timeout',
    { timeout: 60_000 },
    async () => {
      process.env.GWB_DATA_DIR = path.join(dir, 'data');
      const ws = openWorkspace(path.join(dir, 'ws'));
      mkdirSync(path.join(ws.dir, 'protos'));
      copyFileSync(
        resourcePath('protos', 'example.proto'),
        path.join(ws.dir, 'protos', 'example.proto'),
      );
      ws.saveRequest(
        'c/silent',
        sampleRequest({
          connection: {
            address,
            security: { kind: 'tls' },
            protocol: { kind: 'connect', httpVersion: '1.1' },
          },
          schema: { kind: 'protoFiles', files: ['example.proto'], importPaths: ['protos'] },
          metadata: [],
          deadlineMs: 500,
        }),
      );
      const { run, delays } = await timed(() =>
        gwb(['request', 'run', 'c/silent', '--workspace', ws.dir]),
      );
      expect(delays).toContain(DEFAULT_CONNECT_TIMEOUT_MS);
      expect(run.code).not.toBe(0);
    },
  );

  it(
    'replay: the replayed call has the default 10 s connect timeout',
    { timeout: 60_000 },
    async () => {
      const demo = await startDemoServer({});
      const recording = path.join(dir, 'get-user.ndjson');
      try {
        // Recorded with a deadline, which the replay keeps: it ends the replayed call. A generous
        // one: 0.5 s ended the recording call itself on a loaded machine.
        await recordGetUser(`127.0.0.1:${demo.port}`, recording, '-max-time', '5');
      } finally {
        await demo.close();
      }
      const { run, delays } = await timed(() =>
        gwb([
          'replay',
          recording,
          '--target',
          address,
          '-plaintext=false',
          '-protocol',
          'connect',
          '-http1',
          '--out',
          path.join(dir, 'replayed.ndjson'),
        ]),
      );
      expect(delays).toContain(DEFAULT_CONNECT_TIMEOUT_MS);
      expect(run.code).not.toBe(0);
    },
  );
});
