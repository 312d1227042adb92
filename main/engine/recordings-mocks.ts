// Mock servers started from the UI, by id, until stopped or the engine closes. Each reports the
// calls it answers (which recording, and why) through `emitCalls`, batched by a MockCallFeed.

import { randomUUID } from 'node:crypto';
import { CommandError } from '../../shared/contract/errors.js';
import type { EventPayload, Output } from '../../shared/contract/index.js';
import { startMockServer, type MockServer, type MockServerOptions } from '../recording/index.js';
import { createMockCallFeed, type MockCallFeed } from './recordings-mock-calls.js';

type MockView = Output<'mock.start'>;
type CallReport = Parameters<NonNullable<MockServerOptions['onCall']>>[0];

export interface MockRegistry {
  start(files: string[], ids: string[], port: number): Promise<MockView>;
  stop(mockId: string): Promise<void>;
  list(): MockView[];
  close(): Promise<void>;
}

export function createMockRegistry(
  emitCalls: (payload: EventPayload<'mock.calls'>) => void,
): MockRegistry {
  const mocks = new Map<string, { server: MockServer; view: MockView; feed: MockCallFeed }>();
  return {
    async start(files, ids, port) {
      const mockId = `mock-${randomUUID()}`;
      // The server reports the file it was given; the UI knows recordings by id.
      const idOf = new Map(files.map((file, i) => [file, ids[i] ?? file]));
      const feed = createMockCallFeed((calls, dropped) => emitCalls({ mockId, calls, dropped }));
      const onCall = (r: CallReport): void =>
        feed.add({
          at: Date.now(),
          method: r.method,
          recording: idOf.get(r.file) ?? r.file,
          matched: r.matched,
          why: r.why,
        });
      let server: MockServer;
      try {
        server = await startMockServer({ recordings: files, port, onCall });
      } catch (error) {
        feed.stop();
        throw new CommandError(
          'unavailable',
          `the mock server did not start: ${(error as Error).message}`,
        );
      }
      const view: MockView = {
        mockId,
        port: server.port,
        methods: server.methods,
        recordings: ids,
        ...(server.masked.length > 0
          ? {
              masked: server.masked.map((m) => ({
                recording: idOf.get(m.file) ?? m.file,
                secrets: m.secrets,
              })),
            }
          : {}),
      };
      mocks.set(mockId, { server, view, feed });
      return view;
    },
    async stop(mockId) {
      const found = mocks.get(mockId);
      if (!found)
        throw new CommandError('not_found', `no mock server with id ${mockId}`, { mockId });
      mocks.delete(mockId);
      // The UI clears a stopped mock's list, so calls still pending (or answered while closing) are not sent.
      found.feed.stop();
      await found.server.close();
    },
    list: () => [...mocks.values()].map((m) => m.view),
    async close() {
      const all = [...mocks.values()];
      mocks.clear();
      for (const m of all) m.feed.stop();
      await Promise.all(all.map((m) => m.server.close().catch(() => undefined)));
    },
  };
}
