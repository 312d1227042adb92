import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { makeTestCerts, type TestCerts } from '../../test/tls/certs.js';
import { gwb } from './cli.testkit.js';

// gwb's TLS flags against demo servers with certificates openssl makes for this run.
let certs: TestCerts;
let trusted: DemoServer;
let otherHost: DemoServer;
let selfSigned: DemoServer;
let mutual: DemoServer;
const file = (name: string): string => path.join(certs.dir, name);
// Successful connections return as soon as they are ready; failures wait out the timeout.
const getUser = (port: number, connectTimeout = '5'): string[] => [
  '-connect-timeout',
  connectTimeout,
  '-d',
  '{"id":"1"}',
  `localhost:${port}`,
  'example.UserService/GetUser',
];

beforeAll(async () => {
  certs = makeTestCerts();
  [trusted, otherHost, selfSigned, mutual] = await Promise.all([
    startDemoServer({ tls: certs.server }),
    startDemoServer({ tls: certs.otherHost }),
    startDemoServer({ tls: certs.selfSigned }),
    startDemoServer({ tls: { ...certs.server, clientCa: certs.ca.cert } }),
  ]);
});

afterAll(async () => {
  await Promise.all([trusted, otherHost, selfSigned, mutual].map((s) => s?.close()));
  certs?.cleanup();
});

describe('gwb over TLS', () => {
  it('trusts a server signed by -cacert', async () => {
    const r = await gwb(['-cacert', file('ca.crt'), ...getUser(trusted.port)]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'Ada Lovelace' });
  });

  it('rejects a self-signed server with the reason, and -insecure accepts it', async () => {
    const rejected = await gwb(['-cacert', file('ca.crt'), ...getUser(selfSigned.port, '1')]);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(
      /^gwb: failed to connect to localhost:\d+: TLS handshake failed: .*self[- ]signed certificate.*\n$/i,
    );
    const accepted = await gwb(['-insecure', ...getUser(selfSigned.port)]);
    expect(JSON.parse(accepted.stdout)).toMatchObject({ id: '1' });
  });

  it('rejects a certificate for another host, unless -servername names it', async () => {
    const mismatch = await gwb(['-cacert', file('ca.crt'), ...getUser(otherHost.port, '1')]);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toMatch(
      /^gwb: failed to connect .*does not match certificate's altnames.*other\.example\n$/,
    );
    const named = await gwb([
      '-cacert',
      file('ca.crt'),
      '-servername',
      'other.example',
      ...getUser(otherHost.port),
    ]);
    expect(JSON.parse(named.stdout)).toMatchObject({ id: '1' });
  });

  it('sends a client certificate with -cert and -key (mTLS)', async () => {
    const without = await gwb(['-cacert', file('ca.crt'), ...getUser(mutual.port, '1')]);
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(
      /^gwb: failed to connect to localhost:\d+: TLS handshake failed: .*certificate required.*-cert and -key\)\n$/,
    );
    const withCert = await gwb([
      '-cacert',
      file('ca.crt'),
      '-cert',
      file('client.crt'),
      '-key',
      file('client.key'),
      ...getUser(mutual.port),
    ]);
    expect(withCert.stderr).toBe('');
    expect(JSON.parse(withCert.stdout)).toMatchObject({ id: '1' });
  });

  it('checks the TLS flags before connecting', async () => {
    const half = await gwb(['-cert', file('client.crt'), ...getUser(trusted.port)]);
    expect(half).toMatchObject({
      code: 2,
      stderr:
        'gwb: -cert and -key must be given together (mutual TLS needs both)\n' +
        "Try 'gwb -help' for more details.\n",
    });
    const missing = await gwb(['-cacert', file('nope.crt'), ...getUser(trusted.port)]);
    expect(missing.stderr).toMatch(/^gwb: -cacert: cannot read .*nope\.crt: no such file\n$/);
    const notPem = await gwb(['-cacert', file('ca.key'), ...getUser(trusted.port)]);
    expect(notPem.code).toBe(1);
    expect(notPem.stderr).toMatch(/^gwb: TLS: .*\n$/);
    const mixed = await gwb(['-plaintext', '-insecure', ...getUser(trusted.port)]);
    expect(mixed.stderr).toMatch(/^gwb: -plaintext cannot be combined/);
  });
});
