// The protocol tests' one set-up, registered where it is called (a test file, or a describe block):
// an engine with the demo protos and both Connect servers in front of it (protocols.testkit.ts),
// started before the tests and closed after them. And a recorded call, waited for until its
// recording is listed.
import { afterAll, beforeAll } from 'vitest';
import type { Protocol } from '../../shared/request/connection.js';
import { demoRequest } from '../engine/engine.testkit.js';
import { startProtocolEngineKit, type ProtocolEngineKit } from './protocols.testkit.js';

/**
 * The engine and servers of these tests. Its fields are filled before the first test runs (in
 * beforeAll): read them inside tests and hooks, not when the file loads.
 */
export function useProtocolEngineKit(): ProtocolEngineKit {
  const shared = {} as ProtocolEngineKit;
  let started: ProtocolEngineKit | undefined;
  beforeAll(async () => {
    started = await startProtocolEngineKit();
    Object.assign(shared, started);
  });
  afterAll(async () => {
    await started?.close();
  });
  return shared;
}

/** A generous bound: the recording is listed once its file is closed, just after the call ends. */
const LISTED_WITHIN_MS = 20_000;

/**
 * Runs the demo call `method` with `messages` (client stream half-closed) over `protocol` (gRPC
 * without one), recording it; answers its recording's id. Its x-echo-run header comes back in the
 * demo's headers and trailers, so a diff of two recordings compares metadata too.
 */
export async function recordedCall(
  shared: ProtocolEngineKit,
  call: { address: string; method: string; messages: object[]; protocol?: Protocol },
): Promise<string> {
  const doc = demoRequest(call.address, call.method, call.messages as never, {
    metadata: [{ key: 'x-echo-run', value: '7', enabled: true }],
  });
  if (call.protocol) doc.connection = { ...doc.connection, protocol: call.protocol };
  const { kit } = shared;
  const before = new Set((await kit.call('recording.list', {})).recordings.map((r) => r.id));
  await shared.run(doc, { halfClose: true, record: true });
  const deadline = Date.now() + LISTED_WITHIN_MS;
  while (Date.now() < deadline) {
    const found = (await kit.call('recording.list', {})).recordings.find((r) => !before.has(r.id));
    if (found) return found.id;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the call left no recording (none listed ${LISTED_WITHIN_MS} ms after its end)`);
}
