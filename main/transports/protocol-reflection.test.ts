// Server reflection over the connection's protocol (issue 16 §1), against the connect gateway in
// front of the demo server (which offers reflection): Connect over HTTP/2 carries the bidi stream and
// the schema loads over it (the gateway sees Connect's content type, never gRPC's); gRPC-Web and
// Connect over HTTP/1.1 cannot, and schema.load says so in words before anything is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../../shared/request/connection.js';
import { demoRequest, startDemoEngineKit, type EngineKit } from '../engine/engine.testkit.js';
import { startTestGateway, type TestGateway } from './gateway.testkit.js';
import { closeProtocolConnections } from './index.js';
import { demoRegistry } from './protocols.testkit.js';
import { DEMO_SERVICES } from '../demo/demo-server.js';

let kit: EngineKit;
let h2: TestGateway;
let h1: TestGateway;

beforeAll(async () => {
  let target: string;
  ({ kit, target } = await startDemoEngineKit());
  const registry = demoRegistry();
  h2 = await startTestGateway({ upstream: target, registry, services: DEMO_SERVICES });
  h1 = await startTestGateway({
    upstream: target,
    registry,
    services: DEMO_SERVICES,
    httpVersion: '1.1',
  });
});

afterAll(async () => {
  closeProtocolConnections();
  await kit.close();
  await h1.close();
  await h2.close();
});

function loadOver(gateway: TestGateway, protocol: Protocol) {
  const connection = { ...demoRequest(`127.0.0.1:${gateway.port}`, '').connection, protocol };
  return kit.router.invoke('schema.load', { source: { kind: 'reflection' }, connection });
}

describe.each([
  { codec: 'binary' as const, contentType: 'application/connect+proto' },
  // Reflection goes in the connection's codec: JSON too (a Connect server may offer only JSON).
  { codec: 'json' as const, contentType: 'application/connect+json' },
])('Connect $codec over HTTP/2', ({ codec, contentType }) => {
  it('loads the schema by reflection over Connect itself', async () => {
    h2.requests.length = 0;
    const connection = { ...demoRequest(`127.0.0.1:${h2.port}`, '').connection };
    connection.protocol = { kind: 'connect', codec };
    const { schemaId } = await kit.call('schema.load', {
      source: { kind: 'reflection' },
      connection,
    });
    const { model } = await kit.call('schema.get', { schemaId });
    expect(JSON.stringify(model)).toContain('example.UserService');
    const reflection = h2.requests.filter((r) => r.path.includes('ServerReflectionInfo'));
    expect(reflection.length).toBeGreaterThan(0);
    for (const r of reflection) expect(r.contentType).toBe(contentType);
  });
});

describe.each([
  { name: 'gRPC-Web over HTTP/2', protocol: { kind: 'grpcweb' } as Protocol, words: 'gRPC-Web' },
  {
    name: 'gRPC-Web over HTTP/1.1',
    protocol: { kind: 'grpcweb', httpVersion: '1.1' } as Protocol,
    words: 'gRPC-Web',
  },
  {
    name: 'Connect over HTTP/1.1',
    protocol: { kind: 'connect', httpVersion: '1.1' } as Protocol,
    words: 'Connect over HTTP/1.1',
  },
])('$name', ({ protocol, words }) => {
  it('refuses reflection in words, sending nothing', async () => {
    h1.requests.length = 0;
    h2.requests.length = 0;
    const gateway = protocol.kind !== 'grpc' && protocol.httpVersion === '1.1' ? h1 : h2;
    const reply = await loadOver(gateway, protocol);
    expect(reply).toMatchObject({ t: 'error', code: 'schema_error' });
    const message = (reply as { message: string }).message;
    expect(message).toContain(`reflection needs a bidi stream, which ${words} cannot carry`);
    expect(message).toContain(
      'load .proto files or a descriptor set, or use gRPC/Connect over HTTP/2',
    );
    expect(gateway.requests).toEqual([]);
  });
});
