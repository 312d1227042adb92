// The mock tests' recordings, made from real calls: each test file records the calls it serves
// against a demo server of its own, which is needed for nothing else (the mock answers from the
// recordings), so it is started and closed here.
import type { JsonValue, MetadataEntry } from '../../../shared/calls/events.js';
import { startDemoServer } from '../../demo/demo-server.js';
import { exampleSchema, plainClient, recordCall, type tempDir } from '../recording.testkit.js';

/** A call to record as `NAME.ndjson`: its method, the client's messages and request metadata. */
export interface DemoCall {
  name: string;
  method: string;
  requests: JsonValue[];
  metadata?: MetadataEntry[];
}

/**
 * Records each call, in order, against a demo server started for them and closed after them;
 * each recording's file (in `tmp`) by its name, in the order of the calls.
 */
export async function recordDemoCalls(
  tmp: ReturnType<typeof tempDir>,
  calls: DemoCall[],
): Promise<Record<string, string>> {
  const demo = await startDemoServer({ port: 0 });
  const target = `127.0.0.1:${demo.port}`;
  const client = plainClient(target);
  const schema = exampleSchema();
  const files: Record<string, string> = {};
  try {
    for (const { name, method, requests, metadata } of calls) {
      const out = tmp.file(`${name}.ndjson`);
      await recordCall({
        client,
        schema,
        method,
        target,
        requests,
        out,
        ...(metadata ? { metadata } : {}),
      });
      files[name] = out;
    }
  } finally {
    client.close();
    await demo.close();
  }
  return files;
}
