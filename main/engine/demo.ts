// The embedded demo server, started on demand (the desktop app does so on first run) and at most
// once per engine.

import type { DemoServer } from '../demo/demo-server.js';
import type { Output } from '../../shared/contract/index.js';

export interface DemoControl {
  start(port: number): Promise<Output<'demo.start'>>;
  close(): Promise<void>;
}

export function createDemoControl(): DemoControl {
  let running: Promise<DemoServer> | undefined;
  return {
    async start(port) {
      const alreadyRunning = running !== undefined;
      // Loaded on first start: the demo server's grpc-health-check parses health.proto when
      // loaded, and most engines (every gwb call) never start the demo.
      running ??= import('../demo/demo-server.js')
        .then(({ startDemoServer }) => startDemoServer({ port }))
        .catch((error: unknown) => {
          running = undefined;
          throw error;
        });
      const server = await running;
      return { target: `127.0.0.1:${server.port}`, port: server.port, alreadyRunning };
    },
    async close() {
      const server = running;
      running = undefined;
      if (server) await (await server).close();
    },
  };
}
