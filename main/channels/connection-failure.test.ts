// A TLS handshake that fails ends the call at once with its reason in words and the kind
// `tls_rejected` (certificate untrusted, wrong host name, client certificate wanted), `tls_mismatch`
// for a plaintext server; the message is one line without OpenSSL's per-process hex, so it is the
// same on every run. Real grpc-js servers with certificates openssl makes for this run.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallStatus } from '../../shared/calls/events.js';
import { startCall } from '../calls/index.js';
import { makeTestCerts, type KeyPair, type TestCerts } from '../../test/tls/certs.js';
import { testCodec } from '../../test/interop/codec.js';
import { startInteropServer, type InteropServer } from '../../test/interop/server.js';
import { awaitConnection } from './connect-wait.js';
import { ChannelPool, type Security } from './index.js';

let certs: TestCerts;
const servers: InteropServer[] = [];
let selfSigned: InteropServer;
let otherHost: InteropServer;
let mutual: InteropServer;
let plaintext: InteropServer;
const pool = new ChannelPool();

function tlsServer(pair: KeyPair, requireClientCert = false): Promise<InteropServer> {
  const credentials = grpc.ServerCredentials.createSsl(
    requireClientCert ? Buffer.from(certs.ca.cert) : null,
    [{ cert_chain: Buffer.from(pair.cert), private_key: Buffer.from(pair.key) }],
    requireClientCert,
  );
  return startInteropServer(credentials).then((server) => {
    servers.push(server);
    return server;
  });
}

beforeAll(async () => {
  certs = makeTestCerts();
  selfSigned = await tlsServer(certs.selfSigned);
  otherHost = await tlsServer(certs.otherHost);
  mutual = await tlsServer(certs.server, true);
  plaintext = await startInteropServer(grpc.ServerCredentials.createInsecure());
  servers.push(plaintext);
});

afterAll(async () => {
  pool.close();
  await Promise.all(servers.map((server) => server.close()));
  certs.cleanup();
});

async function emptyCall(server: InteropServer, security: Security): Promise<CallStatus> {
  const target = `localhost:${server.port}`;
  const session = startCall({
    client: pool.get({ target, security }),
    path: '/grpc.testing.TestService/EmptyCall',
    kind: 'unary',
    target,
    requestCodec: testCodec('grpc.testing.Empty'),
    responseCodec: testCodec('grpc.testing.Empty'),
    messages: [{}],
    deadlineMs: 5000,
  });
  return session.done;
}

describe('a TLS handshake that fails', () => {
  it.each([
    ['a self-signed certificate', () => selfSigned, /self[- ]signed certificate/],
    ['a certificate for another host', () => otherHost, /altnames/],
    ['a server that wants a client certificate', () => mutual, /certificate required/],
  ])('%s: tls_rejected, the reason in one stable line', async (_name, server, reason) => {
    const status = await emptyCall(server(), { kind: 'tls', ca: certs.ca.cert });
    expect(status).toMatchObject({ code: 14, failure: 'tls_rejected' });
    expect(status.message).toMatch(
      new RegExp(`^failed to connect to localhost:${server().port}: TLS handshake failed: `),
    );
    expect(status.message).toMatch(reason);
    expect(status.message).not.toMatch(/\n|No connection established|Resolution note|[0-9A-F]{16}/);
    expect(status.rawMessage).toMatch(/^No connection established/);
  });

  it('a plaintext server: tls_mismatch', async () => {
    const status = await emptyCall(plaintext, { kind: 'tls' });
    expect(status).toMatchObject({ code: 14, failure: 'tls_mismatch' });
  });
});

describe('awaitConnection, as grpcurl dials', () => {
  it('is READY for a server that answers', async () => {
    const client = pool.get({
      target: `localhost:${plaintext.port}`,
      security: { kind: 'plaintext' },
    });
    expect(await awaitConnection(client, 5_000)).toBe('ready');
  });

  it('reports a failed handshake at once, not at the timeout', async () => {
    const client = pool.get({
      target: `localhost:${selfSigned.port}`,
      security: { kind: 'tls', ca: certs.ca.cert },
    });
    const started = Date.now();
    expect(await awaitConnection(client, 10_000)).toBe('failed');
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
