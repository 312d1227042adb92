// `gwb request run` of a saved request whose protocol is gRPC-Web or Connect over HTTP/1.1: the
// server is not waited for on a gRPC channel first (a server speaking HTTP/1.1 only can never
// answer one), and one that is not there is still "failed to connect". The servers are real:
// the demo server behind connect-node's gateways (grpc-channel-wait.ts decides the wait).
import { copyFileSync, mkdirSync } from 'node:fs';
import type { Socket } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resourcePath } from '../../main/resources.js';
import { openWorkspace, type Workspace } from '../../main/workspace/index.js';
import { removeDir, sampleRequest, tempDir } from '../../main/workspace/workspace.testkit.js';
import type { Connection } from '../../shared/request/connection.js';
import { gwb } from './cli.testkit.js';
import { startDemoGateways, type DemoGateways } from './demo-gateways.testkit.js';

let gateways: DemoGateways;
let ws: Workspace;
let dataDir: string;
const savedDataDir = process.env.GWB_DATA_DIR;
const ADA = { id: '1', name: 'Ada Lovelace', age: 36 };

/** A GetUser saved in the workspace with this connection (plain text), from its own proto file. */
function saveGetUser(name: string, connection: Omit<Connection, 'security'>): void {
  ws.saveRequest(
    name,
    sampleRequest({
      connection: { ...connection, security: { kind: 'plaintext' } },
      schema: { kind: 'protoFiles', files: ['example.proto'], importPaths: ['protos'] },
      metadata: [],
    }),
  );
}

const run = (name: string, ...flags: string[]) =>
  gwb(['request', 'run', name, '--workspace', ws.dir, ...flags]);

/** What the HTTP/1.1 server was asked (content types), and connections it could not parse. */
function http1Server() {
  const gateway = gateways.servers.gateways.http1;
  gateway.requests.length = 0;
  return {
    contentTypes: () => gateway.requests.map((r) => r.contentType),
    /** Each connection it could not parse (an HTTP/2 preface) is counted, then as `answer` says. */
    unparsed(answer: 'close' | 'leave open'): { count: number } {
      const seen = { count: 0 };
      gateway.server.on('clientError', (_error: Error, socket: Socket) => {
        seen.count++;
        // Node's own answer when no one listens; a server that only logs it leaves it open.
        if (answer === 'close') socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      });
      return seen;
    },
  };
}

beforeAll(async () => {
  dataDir = tempDir('gwb-data-');
  process.env.GWB_DATA_DIR = dataDir;
  gateways = await startDemoGateways();
  ws = openWorkspace(tempDir());
  mkdirSync(path.join(ws.dir, 'protos'));
  copyFileSync(
    resourcePath('protos', 'example.proto'),
    path.join(ws.dir, 'protos', 'example.proto'),
  );
  const { http1 } = gateways.servers;
  saveGetUser('p/connect http1', {
    address: http1,
    protocol: { kind: 'connect', httpVersion: '1.1' },
  });
  saveGetUser('p/web http1', { address: http1, protocol: { kind: 'grpcweb', httpVersion: '1.1' } });
  saveGetUser('p/grpc to http1', { address: http1 });
  saveGetUser('p/connect nowhere', {
    address: '127.0.0.1:1',
    protocol: { kind: 'connect', httpVersion: '1.1' },
  });
}, 60_000);

afterEach(() => {
  gateways.servers.gateways.http1.server.removeAllListeners('clientError');
});

afterAll(async () => {
  await gateways?.close();
  if (ws) removeDir(ws.dir);
  removeDir(dataDir);
  if (savedDataDir === undefined) delete process.env.GWB_DATA_DIR;
  else process.env.GWB_DATA_DIR = savedDataDir;
});

describe('gwb request run over HTTP/1.1 (gRPC-Web, Connect)', () => {
  it(
    'makes the call without first knocking with a gRPC channel the server cannot parse',
    { timeout: 60_000 },
    async () => {
      const server = http1Server();
      const unparsed = server.unparsed('close');
      const r = await run('p/connect http1');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(ADA);
      expect(server.contentTypes()).toEqual(['application/proto']);
      expect(unparsed.count).toBe(0);
    },
  );

  it(
    'runs against a server that leaves a connection it cannot parse open (no wait on it)',
    { timeout: 60_000 },
    async () => {
      const server = http1Server();
      server.unparsed('leave open');
      const r = await run('p/web http1');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(ADA);
      expect(server.contentTypes()).toEqual(['application/grpc-web+proto']);
    },
  );

  it(
    'decides by the protocol the command line lays over the saved one (-protocol, -http1)',
    { timeout: 60_000 },
    async () => {
      const server = http1Server();
      server.unparsed('leave open');
      const r = await run('p/grpc to http1', '-protocol', 'connect', '-http1');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(ADA);
      expect(server.contentTypes()).toEqual(['application/proto']);
    },
  );

  it(
    'a Connect server over HTTP/1.1 that is not there: failed to connect, exit 1 (as over gRPC)',
    { timeout: 60_000 },
    async () => {
      const r = await run('p/connect nowhere');
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr: 'gwb: p/connect nowhere: failed to connect to 127.0.0.1:1: connection refused\n',
      });
    },
  );
});
