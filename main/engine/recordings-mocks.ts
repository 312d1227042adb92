// Mock servers started from the UI, by id, until stopped or the engine closes.

import { randomUUID } from 'node:crypto';
import { CommandError, type Output } from '../../shared/contract/index.js';
import { startMockServer, type MockServer } from '../recording/index.js';

type MockView = Output<'mock.start'>;

export interface MockRegistry {
  start(files: string[], ids: string[], port: number): Promise<MockView>;
  stop(mockId: string): Promise<void>;
  list(): MockView[];
  close(): Promise<void>;
}

export function createMockRegistry(): MockRegistry {
  const mocks = new Map<string, { server: MockServer; view: MockView }>();
  return {
    async start(files, ids, port) {
      let server: MockServer;
      try {
        server = await startMockServer({ recordings: files, port });
      } catch (error) {
        throw new CommandError('unavailable', `the mock server did not start: ${(error as Error).message}`);
      }
      const view: MockView = { mockId: `mock-${randomUUID()}`, port: server.port, methods: server.methods, recordings: ids };
      mocks.set(view.mockId, { server, view });
      return view;
    },
    async stop(mockId) {
      const found = mocks.get(mockId);
      if (!found) throw new CommandError('not_found', `no mock server with id ${mockId}`, { mockId });
      mocks.delete(mockId);
      await found.server.close();
    },
    list: () => [...mocks.values()].map((m) => m.view),
    async close() {
      const all = [...mocks.values()];
      mocks.clear();
      await Promise.all(all.map((m) => m.server.close().catch(() => undefined)));
    },
  };
}
