// The demo services over gRPC, gRPC-Web and Connect: connect-node's connectNodeAdapter (over
// http2.createServer and http.createServer) in front of the demo server, so every protocol reaches
// the demo's one set of handlers (main/demo/handlers.ts) and its data.
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
