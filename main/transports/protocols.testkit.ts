// The demo services over gRPC, gRPC-Web and Connect: connect-node's connectNodeAdapter (over
// http2.createServer and http.createServer) in front of the demo server, so every protocol reaches
// the demo's one set of handlers (main/demo/handlers.ts) and its data.
import type { CallEvent } from '../../shared/calls/events.js';
import type { EventPayload } from '../../shared/contract/index.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { callEventsOf, startDemoEngineKit, type EngineKit } from '../engine/engine.testkit.js';
import { resourcePath } from '../resources.js';
import { loadProtoFiles } from '../schema/index.js';
import { DEMO_SERVICES } from '../demo/demo-server.js';
import { startTestGateway, type TestGateway } from './gateway.testkit.js';

export interface ProtocolServers {
  /** h2c: gRPC, gRPC-Web and Connect over HTTP/2. */
  http2: string;
  /** gRPC-Web and Connect over HTTP/1.1. */
  http1: string;
  /** The servers themselves: what they were asked (paths, :authority) and PINGs. */
  gateways: { http2: TestGateway; http1: TestGateway };
  close(): Promise<void>;
}

export function demoRegistry() {
  return loadProtoFiles({
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  }).registry;
}

/** Both Connect servers in front of the demo server at `upstream` (`127.0.0.1:port`). */
export async function startProtocolServers(
  upstream: string,
  tls?: { key: string; cert: string },
): Promise<ProtocolServers> {
  const registry = demoRegistry();
  const gateways: TestGateway[] = [];
  const start = (httpVersion: '1.1' | '2') =>
    startTestGateway({
      upstream,
      registry,
      services: DEMO_SERVICES,
      httpVersion,
      ...(tls ? { tls } : {}),
    });
  try {
    gateways.push(await start('2'), await start('1.1'));
  } catch (error) {
    await Promise.all(gateways.map((g) => g.close()));
    throw error;
  }
  const [h2, h1] = gateways as [TestGateway, TestGateway];
  return {
    http2: `127.0.0.1:${h2.port}`,
    http1: `127.0.0.1:${h1.port}`,
    gateways: { http2: h2, http1: h1 },
    close: async () => {
      await Promise.all(gateways.map((g) => g.close()));
    },
  };
}

/** A demo engine (workspace open, demo protos loaded) with both Connect servers in front of it. */
export interface ProtocolEngineKit {
  kit: EngineKit;
  schemaId: string;
  servers: ProtocolServers;
  /** Starts the call, waits for its end and gives all its events. */
  run(
    doc: RequestDocument,
    options?: { halfClose?: boolean; record?: boolean },
  ): Promise<CallEvent[]>;
  /** Closes the engine (its gRPC-Web and Connect connections with it), then the servers. */
  close(): Promise<void>;
}

/** The set-up the protocol tests share (one engine, both Connect servers). */
export async function startProtocolEngineKit(): Promise<ProtocolEngineKit> {
  const { kit, target, schemaId } = await startDemoEngineKit();
  try {
    await kit.call('workspace.open', {});
    const servers = await startProtocolServers(target);
    return {
      kit,
      schemaId,
      servers,
      async run(doc, options = {}) {
        const { callId } = await kit.call('call.start', { schemaId, request: doc, ...options });
        await kit.waitForEvent(
          'call.events',
          (p: EventPayload<'call.events'>) =>
            p.callId === callId && p.events.some((e) => e.type === 'ended'),
        );
        return callEventsOf(kit.events, callId);
      },
      async close() {
        await kit.close();
        await servers.close();
      },
    };
  } catch (error) {
    await kit.close();
    throw error;
  }
}
