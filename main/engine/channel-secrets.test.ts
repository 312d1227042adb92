import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { resourcePath } from '../resources.js';
import { demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';

// Issue 11.1: a secret in the address itself (`{{addr}}`) reaches grpc-js, but channel states,
// answers and errors show it masked: the pool's key and target never go out in clear.

let kit: EngineKit;
let server: DemoServer;
let address: string;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  address = `127.0.0.1:${server.port}`;
  kit = startEngineKit();
  await kit.call('environment.save', {
    name: 'prod',
    variables: [{ name: 'addr', value: address, secret: true }],
  });
  await kit.call('environment.select', { name: 'prod' });
});

afterAll(async () => {
  await kit?.close();
  await server?.close();
});

const secretAddress = { address: '{{addr}}', security: { kind: 'plaintext' as const } };

describe('a secret in the address', () => {
  it('connects, and channel.state answers and emits the masked target only', async () => {
    const answer = await kit.call('channel.state', { connection: secretAddress, connect: true });
    expect(answer.target).toBe('[secret:addr]');
    await kit.waitForEvent('channel.state', (p) => p.state === 'READY');
    const { schemaId } = await kit.call('schema.loadProtoFiles', {
      files: [resourcePath('protos', 'example.proto')],
      importPaths: [resourcePath('protos')],
    });
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest('{{addr}}', '/example.UserService/GetUser', [{ id: '1' }]),
    });
    const ended = await kit.waitForEvent(
      'call.events',
      (p) => p.callId === callId && p.events.some((e) => e.type === 'ended'),
    );
    expect(ended.events.find((e) => e.type === 'status')).toMatchObject({ status: { code: 0 } });
    const states = kit.events.filter((e) => e.topic === 'channel.state');
    expect(states.length).toBeGreaterThan(0);
    const out = JSON.stringify(kit.events);
    expect(out).not.toContain(address);
    expect(out).not.toContain(String(server.port));
  });

  it('loads a schema by reflection on it with the name, progress and errors masked', async () => {
    const before = kit.events.length;
    const summary = await kit.call('schema.load', {
      connection: secretAddress,
      progressId: 'reflect-secret',
    });
    expect(summary.name).toBe('[secret:addr]');
    expect(summary.services).toContain('example.UserService');
    // A server that is not there: the failure is said without the address.
    await kit.call('environment.save', {
      name: 'prod',
      variables: [
        { name: 'addr', value: address, secret: true },
        { name: 'gone', value: '127.0.0.1:1', secret: true },
      ],
    });
    const failed = await kit
      .call('schema.load', {
        connection: { ...secretAddress, address: '{{gone}}', connectTimeoutMs: 300 },
      })
      .then(
        () => '',
        (e: unknown) => JSON.stringify(e) + String(e),
      );
    expect(failed).not.toBe('');
    const out = JSON.stringify(kit.events.slice(before)) + failed;
    expect(out).not.toContain(address);
    expect(out).not.toContain('127.0.0.1:1');
  });
});
