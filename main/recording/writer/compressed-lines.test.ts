import { afterAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { eventBatches } from '../reader/index.js';
import { exampleSchema, tempDir } from '../recording.testkit.js';
import { createCallRecorder } from './call-recorder.js';
import { serializeEvent } from './serialize-event.js';

// A message that crossed the wire compressed carries wireSize and encoding (the call session's
// wire-sizes.ts, the proxy's CallRecord): its recorded line keeps both, in the schema's key order,
// so a recording opened later still says "N bytes · M gzip on the wire" as the live call did.
const tmp = tempDir();
afterAll(() => tmp.remove());

const events: CallEvent[] = [
  {
    type: 'sent',
    message: { text: 'hi' },
    size: 300,
    wireSize: 40,
    encoding: 'gzip',
    seq: 1,
    t: 1,
  },
  {
    type: 'received',
    message: null,
    size: 9,
    wireSize: 12,
    encoding: 'x"odd',
    decodeError: 'e',
    seq: 2,
    t: 2.5,
  },
  { type: 'received', message: { text: 'plain' }, size: 7, seq: 3, t: 3 },
];

describe('a compressed message in a recording', () => {
  it('is written with its wireSize and encoding, as the generic form would have them', () => {
    const bytes = Uint8Array.from([1, 2, 3]);
    for (const event of events) {
      const line = serializeEvent(event, bytes);
      const dir = event.type === 'sent' ? 'client' : 'server';
      expect(JSON.parse(line)).toEqual({ dir, ...event, raw: 'AQID' });
      const keys = Object.keys(JSON.parse(line) as object);
      expect(keys.filter((k) => ['size', 'wireSize', 'encoding', 'raw'].includes(k))).toEqual(
        ['size', 'wireSize', 'encoding', 'raw'].filter((k) => k in event || k === 'raw'),
      );
    }
  });

  it('reads back with them from a recording the workbench writes', async () => {
    const path = tmp.file('compressed.ndjson');
    const schema = exampleSchema();
    const recorder = createCallRecorder({
      path,
      registry: schema.registry,
      method: '/example.ChatService/Chat',
      target: 't',
    });
    for (const event of events) recorder.onEvent(event, Uint8Array.from([7]));
    await recorder.close();
    const read: unknown[] = [];
    for await (const batch of eventBatches(path)) read.push(...batch.events.map((e) => e.event));
    expect(read).toEqual(
      events.map((e) => ({
        dir: e.type === 'sent' ? 'client' : 'server',
        ...e,
        raw: 'Bw==',
      })),
    );
  });
});
