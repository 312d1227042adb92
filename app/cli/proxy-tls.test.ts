import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { makeTestCerts, type TestCerts } from '../../test/tls/certs.js';
import { gwb } from './cli.testkit.js';

// gwb proxy serving TLS to its clients, and reaching an mTLS target with the call flags.
let certs: TestCerts;
let mutual: DemoServer;
let other: DemoServer;
const file = (name: string): string => path.join(certs.dir, name);

beforeAll(async () => {
  certs = makeTestCerts();
  mutual = await startDemoServer({ tls: { ...certs.server, clientCa: certs.ca.cert } });
  other = await startDemoServer({ tls: certs.otherHost });
});
afterAll(async () => {
  await mutual?.close();
  await other?.close();
  certs?.cleanup();
});

async function throughProxy(proxyArgs: string[]): Promise<{ call: string; proxyOut: string }> {
  const controller = new AbortController();
  let out = '';
  let listening: (port: number) => void = () => undefined;
  const port = new Promise<number>((resolve) => (listening = resolve));
  const run = gwb(
    [
      'proxy',
      '--listen',
      '127.0.0.1:0',
      '--tls-cert',
      file('server.crt'),
      '--tls-key',
      file('server.key'),
      ...proxyArgs,
    ],
    {
      signal: controller.signal,
      onStdout: (chunk) => {
        out += chunk;
        const match = /listening on [^ ]+:(\d+) \(TLS\)/.exec(out);
        if (match) listening(Number(match[1]));
      },
    },
  );
  const call = await gwb([
    '-cacert',
    file('ca.crt'),
    '-connect-timeout',
    '5',
    '-d',
    '{"id":"1"}',
    `localhost:${await port}`,
    'example.UserService/GetUser',
  ]);
  controller.abort();
  const ended = await run;
  return { call: call.code === 0 ? call.stdout : call.stderr, proxyOut: ended.stdout };
}

describe('gwb proxy over TLS', () => {
  it('serves TLS with --tls-cert/--tls-key and reaches an mTLS target with -cacert -cert -key', async () => {
    const { call, proxyOut } = await throughProxy([
      '--target',
      `localhost:${mutual.port}`,
      '-cacert',
      file('ca.crt'),
      '-cert',
      file('client.crt'),
      '-key',
      file('client.key'),
    ]);
    expect(JSON.parse(call)).toMatchObject({ name: 'Ada Lovelace' });
    expect(proxyOut).toMatch(/\/example\.UserService\/GetUser OK 1 sent 1 received/);
  });

  it('-servername checks the target certificate against that name', async () => {
    const { call } = await throughProxy([
      '--target',
      `127.0.0.1:${other.port}`,
      '-cacert',
      file('ca.crt'),
      '-servername',
      'other.example',
    ]);
    expect(JSON.parse(call)).toMatchObject({ name: 'Ada Lovelace' });
  });
});
