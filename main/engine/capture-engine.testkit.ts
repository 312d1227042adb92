// The engine's capture tests' one set-up, registered where it is called (a test file): a real
// engine (router, grpc-js) with the demo protos loaded and a real grpc-js target server for
// captures to stand in front of, started before the tests and closed after them. And what those
// tests do through a capture: a client's GetUser, and waiting for a call in `capture.calls`.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll } from 'vitest';
import type { EventPayload } from '../../shared/contract/index.js';
import { startTargetServer, stub, type TargetServer } from '../capture/capture.testkit.js';
import { resourcePath } from '../resources.js';
import { startEngineKit, type EngineKit } from './engine.testkit.js';

export type CapturedCall = EventPayload<'capture.calls'>['calls'][number];

export interface CaptureEngine {
  kit: EngineKit;
  target: TargetServer;
  /** The demo protos, loaded: a capture started with it decodes the calls it records. */
  schemaId: string;
}

/**
 * The engine and target of these tests. Its fields are filled before the first test runs (in
 * beforeAll): read them inside tests and hooks, not when the file loads.
 */
export function useCaptureEngine(): CaptureEngine {
  const shared = {} as CaptureEngine;
  beforeAll(async () => {
    shared.kit = startEngineKit();
    shared.target = await startTargetServer();
    ({ schemaId: shared.schemaId } = await shared.kit.call('schema.loadProtoFiles', {
      files: [resourcePath('protos', 'example.proto')],
      importPaths: [resourcePath('protos')],
    }));
  });
  afterAll(async () => {
    await shared.kit?.close();
    await shared.target?.close();
  });
  return shared;
}

export const plaintext = (port: number) => ({
  address: `127.0.0.1:${port}`,
  security: { kind: 'plaintext' as const },
});

/** A grpc-js client's GetUser through the server (or capture) on `port`: its error, if any. */
export function getUser(port: number, id: string): Promise<grpc.ServiceError | null> {
  const client = stub('UserService', port) as grpc.Client & {
    GetUser: (req: { id: string }, cb: (e: grpc.ServiceError | null) => void) => void;
  };
  return new Promise((resolve) =>
    client.GetUser({ id }, (error) => {
      client.close();
      resolve(error);
    }),
  );
}

/** The call as the latest `capture.calls` event of the capture says it is, once `match` holds. */
export function waitForCall(
  kit: EngineKit,
  captureId: string,
  match: (call: CapturedCall) => boolean,
): Promise<CapturedCall> {
  return kit
    .waitForEvent('capture.calls', (p) => p.captureId === captureId && p.calls.some(match))
    .then((p) => p.calls.find(match) as CapturedCall);
}
