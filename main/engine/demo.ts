// The embedded demo server, started on demand (the desktop app does so on first run) and at most
// once per engine.

import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
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
      running ??= startDemoServer({ port }).catch((error: unknown) => {
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
