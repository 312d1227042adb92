// The one connection → channel function: address checks, unix sockets, certificate files read
// (relative to the workspace) with errors naming the field, and a real mTLS call through it.
import * as grpc from '@grpc/grpc-js';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plaintextConnection, type Connection } from '../../shared/request/connection.js';
import { WorkbenchError } from '../../shared/contract/errors.js';
import { startCall } from '../calls/index.js';
import { makeTestCerts, type TestCerts } from '../../test/tls/certs.js';
import { testCodec } from '../../test/interop/codec.js';
import { startInteropServer, type InteropServer } from '../../test/interop/server.js';
import { ChannelPool, toChannelConfig } from './index.js';

let certs: TestCerts;
let mutual: InteropServer;
const pool = new ChannelPool();

beforeAll(async () => {
  certs = makeTestCerts();
  mutual = await startInteropServer(
    grpc.ServerCredentials.createSsl(
      Buffer.from(certs.ca.cert),
      [{ cert_chain: Buffer.from(certs.server.cert), private_key: Buffer.from(certs.server.key) }],
      true,
    ),
  );
});

afterAll(async () => {
  pool.close();
  await mutual.close();
  certs.cleanup();
});

function errorOf(fn: () => unknown): WorkbenchError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbenchError);
    return error as WorkbenchError;
  }
  throw new Error('expected an error');
}

describe('toChannelConfig', () => {
  it('carries every connection setting over', () => {
    const connection: Connection = {
      address: ' grpc://api.example:443 ',
      security: { kind: 'tls', skipVerify: true, serverName: 'other.example' },
      authority: 'a.example',
      maxSendBytes: 10,
      maxReceiveBytes: 20,
      keepaliveMs: 30_000,
      connectTimeoutMs: 5000,
    };
    expect(toChannelConfig(connection)).toEqual({
      target: 'api.example:443',
      security: { kind: 'tls', skipVerify: true, serverName: 'other.example' },
      authority: 'a.example',
      maxSendBytes: 10,
      maxReceiveBytes: 20,
      keepaliveMs: 30_000,
      connectTimeoutMs: 5000,
    });
  });

  it('makes a unix: target of a socket path, and leaves one that has it', () => {
    const unix = (address: string) =>
      toChannelConfig({ ...plaintextConnection(address), unix: true }).target;
    expect(unix('/tmp/api.sock')).toBe('unix:/tmp/api.sock');
    expect(unix('unix:/tmp/api.sock')).toBe('unix:/tmp/api.sock');
    expect(toChannelConfig(plaintextConnection('unix:/tmp/a.sock')).target).toBe(
      'unix:/tmp/a.sock',
    );
  });

  it('refuses an empty address or one with whitespace, naming connection.address', () => {
    for (const address of ['', '   ']) {
      const error = errorOf(() => toChannelConfig(plaintextConnection(address)));
      expect(error.message).toMatch(/^connection\.address: must not be empty/);
      expect(error.toData()).toMatchObject({
        code: 'invalid_input',
        details: { field: 'connection.address' },
      });
    }
    const spaced = errorOf(() => toChannelConfig(plaintextConnection('local host:50051')));
    expect(spaced.message).toBe(
      'connection.address: must not contain whitespace (found " " in "local host:50051")',
    );
    expect(
      errorOf(() => toChannelConfig({ ...plaintextConnection(''), unix: true })).message,
    ).toMatch(/^connection\.address: must not be empty/);
  });

  it('names the field and the full path of a certificate file it cannot read', () => {
    const base = path.join(certs.dir, 'workspace');
    mkdirSync(base, { recursive: true });
    const missing = errorOf(() =>
      toChannelConfig(
        { address: 'h:1', security: { kind: 'tls', caFile: 'tls/ca.pem' } },
        { baseDir: base },
      ),
    );
    expect(missing.message).toBe(
      `connection.security.caFile: cannot read ${path.join(base, 'tls/ca.pem')}: no such file`,
    );
    expect(missing.code).toBe('not_found');
    const folder = errorOf(() =>
      toChannelConfig({ address: 'h:1', security: { kind: 'tls', keyFile: base } }),
    );
    expect(folder.message).toBe(`connection.security.keyFile: cannot read ${base}: it is a folder`);
    const huge = path.join(base, 'huge.pem');
    writeFileSync(huge, 'x'.repeat((1 << 20) + 1));
    expect(
      errorOf(() =>
        toChannelConfig(
          { address: 'h:1', security: { kind: 'tls', certFile: 'huge.pem' } },
          {
            baseDir: base,
          },
        ),
      ).message,
    ).toBe(
      `connection.security.certFile: ${huge} is larger than 1 MiB, so it is not a PEM certificate or key`,
    );
  });

  it.runIf(process.platform !== 'win32')(
    'refuses /dev/zero and a FIFO as certificate files at once, naming the field and the type',
    () => {
      const zero = errorOf(() =>
        toChannelConfig({ address: 'h:1', security: { kind: 'tls', caFile: '/dev/zero' } }),
      );
      expect(zero.message).toBe(
        'connection.security.caFile: cannot read /dev/zero: it is a character device, not a regular file, so it cannot be a CA certificate',
      );
      const fifo = path.join(certs.dir, 'key.fifo');
      execFileSync('mkfifo', [fifo]);
      expect(
        errorOf(() => toChannelConfig({ address: 'h:1', security: { kind: 'tls', keyFile: fifo } }))
          .message,
      ).toBe(
        `connection.security.keyFile: cannot read ${fifo}: it is a named pipe (FIFO), not a regular file, so it cannot be a client key`,
      );
    },
  );

  it('reads relative files from baseDir, absolute ones as given, and reaches an mTLS server', async () => {
    const base = path.join(certs.dir, 'ws-mtls');
    mkdirSync(path.join(base, 'tls'), { recursive: true });
    writeFileSync(path.join(base, 'tls', 'client.crt'), certs.client.cert);
    writeFileSync(path.join(base, 'tls', 'client.key'), certs.client.key);
    const config = toChannelConfig(
      {
        address: `localhost:${mutual.port}`,
        security: {
          kind: 'tls',
          caFile: path.join(certs.dir, 'ca.crt'),
          certFile: 'tls/client.crt',
          keyFile: 'tls/client.key',
        },
      },
      { baseDir: base },
    );
    expect(config.security).toMatchObject({
      ca: certs.ca.cert,
      cert: certs.client.cert,
      key: certs.client.key,
    });
    const session = startCall({
      client: pool.get(config),
      path: '/grpc.testing.TestService/EmptyCall',
      kind: 'unary',
      target: config.target,
      requestCodec: testCodec('grpc.testing.Empty'),
      responseCodec: testCodec('grpc.testing.Empty'),
      messages: [{}],
      deadlineMs: 5000,
    });
    expect((await session.done).codeName).toBe('OK');
  });
});
