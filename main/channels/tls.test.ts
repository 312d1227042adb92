// TLS and mTLS against real grpc-js servers with certificates openssl makes for this run.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallStatus } from '../../shared/calls/events.js';
import { startCall } from '../calls/index.js';
import { makeTestCerts, type KeyPair, type TestCerts } from '../../test/tls/certs.js';
import { testCodec } from '../../test/interop/codec.js';
import { startInteropServer, type InteropServer } from '../../test/interop/server.js';
import { ChannelPool, type ChannelConfig, type Security } from './index.js';

let certs: TestCerts;
const servers: InteropServer[] = [];
let trusted: InteropServer;
let otherHost: InteropServer;
let selfSigned: InteropServer;
let mutual: InteropServer;
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
  trusted = await tlsServer(certs.server);
  otherHost = await tlsServer(certs.otherHost);
  selfSigned = await tlsServer(certs.selfSigned);
  mutual = await tlsServer(certs.server, true);
});

afterAll(async () => {
  pool.close();
  await Promise.all(servers.map((server) => server.close()));
  certs.cleanup();
});

async function emptyCall(
  server: InteropServer,
  security: Security,
  extra: Partial<ChannelConfig> = {},
): Promise<CallStatus> {
  const config: ChannelConfig = { target: `localhost:${server.port}`, security, ...extra };
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
  return session.done;
}

describe('TLS', () => {
  it('trusts a server signed by the given CA', async () => {
    expect(await emptyCall(trusted, { kind: 'tls', ca: certs.ca.cert })).toMatchObject({
      codeName: 'OK',
    });
  });

  it('rejects a server signed by an unknown CA when only system roots are trusted', async () => {
    const status = await emptyCall(trusted, { kind: 'tls' });
    expect(status.codeName).toBe('UNAVAILABLE');
    expect(status.message).toMatch(/unable to (get local issuer|verify)/i);
  });

  it('rejects a self-signed certificate and says why', async () => {
    const status = await emptyCall(selfSigned, { kind: 'tls', ca: certs.ca.cert });
    expect(status.codeName).toBe('UNAVAILABLE');
    expect(status.message).toMatch(/self[- ]signed certificate/i);
  });

  it('rejects a certificate for another host name', async () => {
    const status = await emptyCall(otherHost, { kind: 'tls', ca: certs.ca.cert });
    expect(status.codeName).toBe('UNAVAILABLE');
    expect(status.message).toMatch(/does not match|not in the cert's altnames/i);
  });

  it('accepts it with a server-name override, or an authority override', async () => {
    expect(
      (await emptyCall(otherHost, { kind: 'tls', ca: certs.ca.cert, serverName: 'other.example' }))
        .codeName,
    ).toBe('OK');
    expect(
      (
        await emptyCall(
          otherHost,
          { kind: 'tls', ca: certs.ca.cert },
          { authority: 'other.example' },
        )
      ).codeName,
    ).toBe('OK');
  });

  it('skipVerify accepts a self-signed certificate, and only when asked', async () => {
    expect((await emptyCall(selfSigned, { kind: 'tls', skipVerify: true })).codeName).toBe('OK');
    expect((await emptyCall(otherHost, { kind: 'tls', skipVerify: true })).codeName).toBe('OK');
    expect((await emptyCall(selfSigned, { kind: 'tls', skipVerify: false })).codeName).toBe(
      'UNAVAILABLE',
    );
  });

  it('a TLS client against a plaintext server fails clearly rather than falling back', async () => {
    const plain = await startInteropServer();
    servers.push(plain);
    const status = await emptyCall(plain, { kind: 'tls', skipVerify: true });
    expect(status.codeName).toBe('UNAVAILABLE');
  });
});

describe('mTLS', () => {
  it('works with a client certificate the server trusts', async () => {
    const security: Security = {
      kind: 'tls',
      ca: certs.ca.cert,
      cert: certs.client.cert,
      key: certs.client.key,
    };
    expect((await emptyCall(mutual, security)).codeName).toBe('OK');
  });

  it('fails without a client certificate', async () => {
    const status = await emptyCall(mutual, { kind: 'tls', ca: certs.ca.cert });
    expect(status.codeName).toBe('UNAVAILABLE');
  });

  it('fails with a client certificate the server does not trust', async () => {
    const security: Security = {
      kind: 'tls',
      ca: certs.ca.cert,
      cert: certs.selfSigned.cert,
      key: certs.selfSigned.key,
    };
    expect((await emptyCall(mutual, security)).codeName).toBe('UNAVAILABLE');
  });
});

describe('bad certificate material gives a clear error before connecting', () => {
  const target = '127.0.0.1:1';
  it.each([
    [{ kind: 'tls', ca: 'not a pem' }, /CA certificate is not PEM/],
    [{ kind: 'tls', ca: '' }, /CA certificate is empty/],
    [{ kind: 'tls', key: 'x' }, /key was given without a client certificate/],
    [{ kind: 'tls', cert: 'x' }, /certificate was given without its private key/],
    [
      { kind: 'tls', ca: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' },
      /CA certificate could not be read/,
    ],
    [
      {
        kind: 'tls',
        cert: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
        key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
      },
      /client certificate could not be read/,
    ],
  ] as [Security, RegExp][])('%j', (security, message) => {
    expect(() => pool.get({ target, security })).toThrow(message);
  });

  it('a client key that does not match the certificate', () => {
    const security: Security = { kind: 'tls', cert: certs.client.cert, key: certs.server.key };
    expect(() => pool.get({ target, security })).toThrow(
      /does not belong to the client certificate/,
    );
  });
});
