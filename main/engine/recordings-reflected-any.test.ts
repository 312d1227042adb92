import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract/index.js';
import { startMapServer, type MapServer } from '../codec/map-order.testkit.js';
import { readHeader, recordingCodecs } from '../recording/index.js';
import { demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';

// The recordings folder (the UI's recorder): a call on a reflection schema whose answer packs a
// type found by asking reflection (gwb.packed.Payload, imported by no listed service's file). The
// recording must carry that type's file, so that it decodes from the recording alone.

let kit: EngineKit;
let server: MapServer;
let dir: string;

beforeAll(async () => {
  server = await startMapServer();
  kit = startEngineKit();
  dir = mkdtempSync(path.join(tmpdir(), 'gwb-reflected-any-'));
});

afterAll(async () => {
  await kit.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a recorded call with a type found through reflection', () => {
  it('the recording decodes the packed message with no schema at hand', async () => {
    const connection = demoRequest(server.address, '').connection;
    const { schemaId } = await kit.call('schema.loadReflection', { connection });
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest(server.address, '/gwb.maptest.MapService/Get'),
      record: true,
    });
    await kit.waitForEvent(
      'call.events',
      (p: EventPayload<'call.events'>) =>
        p.callId === callId && p.events.some((e) => e.type === 'ended'),
    );
    const { recordings } = await kit.call('recording.list', {
      method: '/gwb.maptest.MapService/Get',
    });
    expect(recordings).toHaveLength(1);
    const { text } = await kit.call('recording.export', { id: recordings[0]!.id });
    const file = path.join(dir, 'exported.ndjson');
    writeFileSync(file, text);
    const header = await readHeader(file);
    const received = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { type?: string; raw?: string })
      .filter((e) => e.type === 'received');
    expect(received).toHaveLength(1);
    const message = recordingCodecs(header, file).response.decode(
      Buffer.from(received[0]!.raw!, 'base64'),
    ) as { packed: unknown };
    expect(message.packed).toEqual({
      '@type': 'type.googleapis.com/gwb.packed.Payload',
      alpha: 1,
      counts: { a: 1, b: 2 },
      mid: 'm',
      zeta: 'z',
    });
  });
});
