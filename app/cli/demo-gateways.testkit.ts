// The demo server behind the real Connect gateways (gRPC, gRPC-Web and Connect over HTTP/2;
// gRPC-Web and Connect over HTTP/1.1, where a gRPC channel cannot reach them), for gwb's tests
// of calls over each protocol (replay, saved requests).
import { startDemoServer } from '../../main/demo/demo-server.js';
import { closeProtocolConnections } from '../../main/transports/index.js';
import {
  startProtocolServers,
  type ProtocolServers,
} from '../../main/transports/protocols.testkit.js';

export interface DemoGateways {
  servers: ProtocolServers;
  /** The gRPC-Web and Connect connections gwb left open (in process), the gateways, the demo. */
  close(): Promise<void>;
}

export async function startDemoGateways(): Promise<DemoGateways> {
  const demo = await startDemoServer({ port: 0 });
  try {
    const servers = await startProtocolServers(`127.0.0.1:${demo.port}`);
    return {
      servers,
      close: async () => {
        closeProtocolConnections();
        await servers.close();
        await demo.close();
      },
    };
  } catch (error) {
    await demo.close();
    throw error;
  }
}
