// A {{secret}} in a request's address (`{{host}}:PORT`, host a secret variable) reaches grpc-js
// but nothing that goes out: channel.state events carry a hash of the pool's channel key, and
// that key held the address in clear, so a guess of the host could be checked against an event
// offline (review 27). Neither the value nor a plain SHA-256 of it, of the address or of the key
// as it was built with the address in clear may be in the events, the history or gwb's output.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelKey, toChannelConfig } from '../../main/channels/index.js';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { startEngineKit, type EngineKit } from '../../main/engine/engine.testkit.js';
import type { Connection } from '../../shared/request/connection.js';
import { sampleRequest } from '../../main/workspace/workspace.testkit.js';
import { gwb } from './cli.testkit.js';
import { openSecretWorkspace, type SecretWorkspace } from './secret-workspace.testkit.js';

// The secret: a host name (the loopback's, the one name every test machine resolves).
const HOST = 'localhost';
let server: DemoServer;
let address: string;
let kit: EngineKit;
let secrets: SecretWorkspace;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  address = `${HOST}:${server.port}`;
  kit = startEngineKit();
  await kit.call('environment.save', {
    name: 'prod',
    variables: [{ name: 'host', value: HOST, secret: true }],
  });
  await kit.call('environment.select', { name: 'prod' });
  secrets = openSecretWorkspace();
  await secrets.ws.environments.save({
    name: 'prod',
    variables: [{ name: 'host', value: HOST, secret: true }],
  });
});

afterAll(async () => {
  await kit?.close();
  await server?.close();
  secrets?.close();
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Texts that would give the secret away: the value itself and its plain hashes. */
function giveaways(): string[] {
  const clear: Connection = { address, security: { kind: 'plaintext' } };
  // The key as it was built with the target in clear: the same parts after it.
  const rest = channelKey(toChannelConfig(clear)).split('|').slice(1);
  const unsaltedKey = [address, ...rest].join('|');
  const hashes = [HOST, address, unsaltedKey].map(sha256);
  return [HOST, ...hashes.map((h) => h.slice(0, 16)), ...hashes.map((h) => h.slice(0, 8))];
}

function expectNoGiveaway(text: string): void {
  for (const giveaway of giveaways()) expect(text).not.toContain(giveaway);
}

describe('a {{secret}} host in the address', () => {
  // The events the workbench's page gets (gwb prints none): read from the engine itself.
  it('stays out of channel.state answers and events, and their keys (engine)', async () => {
    const connection = {
      address: `{{host}}:${server.port}`,
      security: { kind: 'plaintext' as const },
    };
    const answer = await kit.call('channel.state', { connection, connect: true });
    expect(answer.target).toBe(`[secret:host]:${server.port}`);
    const ready = await kit.waitForEvent('channel.state', (p) => p.state === 'READY');
    expect(ready.target).toBe(`[secret:host]:${server.port}`);
    expectNoGiveaway(JSON.stringify(kit.events));
  });

  // `request run` and `run` take no -v (it is the grpcurl-style call's, which has no
  // environments): their whole output is checked, the json report (every request's detail) too.
  it('stays out of `gwb request run` and `gwb run --reporter json` output and the history', async () => {
    const { ws } = secrets;
    ws.saveRequest(
      'c/get',
      sampleRequest({
        connection: { address: `{{host}}:${server.port}`, security: { kind: 'plaintext' } },
        schema: { kind: 'reflection' },
        method: '/example.UserService/GetUser',
        messages: [{ id: '1' }],
        metadata: [],
      }),
    );
    const inProd = ['--workspace', ws.dir, '--env', 'prod'];
    const one = await gwb(['request', 'run', 'c/get', ...inProd]);
    const all = await gwb(['run', 'c', ...inProd, '--reporter', 'json']);
    expect([one.code, one.stderr, all.code, all.stderr]).toEqual([0, '', 0, '']);
    expect(one.stdout).toContain('"name"');
    const history = JSON.stringify(ws.history.list().entries);
    expect(history).toContain('{{host}}');
    expectNoGiveaway(one.stdout + all.stdout + history);
  });
});
