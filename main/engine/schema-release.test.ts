import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plaintextConnection } from '../../shared/request/connection.js';
import { demoRequest, startDemoEngineKit, type EngineKit } from './engine.testkit.js';
import { MAX_IDLE_SCHEMAS } from './schemas.js';

// Every loaded schema used to stay for the engine's life (400 loads: 607 MB). The store keeps
// MAX_IDLE_SCHEMAS schemas no running call uses, the least recently used released first, and
// never one a running call encodes with.

let kit: EngineKit;
let target: string;
let schemaId: string;
let protoDir: string;

beforeAll(async () => {
  ({ kit, target, schemaId } = await startDemoEngineKit());
  protoDir = join(kit.dataDir, '..', 'protos');
  mkdirSync(protoDir, { recursive: true });
});

afterAll(async () => {
  await kit.close();
});

/** `count` schema.loads of distinct one-message proto files. */
async function loadDistinct(from: number, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = from; i < from + count; i++) {
    const file = join(protoDir, `s${i}.proto`);
    writeFileSync(file, `syntax = "proto3";\npackage p${i};\nmessage M${i} { string v = 1; }\n`);
    const summary = await kit.call('schema.load', {
      source: { kind: 'protoFiles', files: [file], importPaths: [protoDir] },
      connection: plaintextConnection(target),
    });
    ids.push(summary.schemaId);
  }
  return ids;
}

const held = async () => (await kit.call('schema.list', {})).schemas.map((s) => s.schemaId);

describe('loaded schemas are released when nothing uses them', () => {
  it('keeps at most the idle limit after 400 loads, and the schema of a running call', async () => {
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest(target, '/example.LogService/Tail', [
        { source: 'held', lines: 0, interval_ms: 50 },
      ]),
      record: false,
    });
    const ids = await loadDistinct(0, 400);
    const during = await held();
    expect(during.length).toBeLessThanOrEqual(MAX_IDLE_SCHEMAS + 1);
    expect(during).toContain(schemaId);
    // The most recent loads are the ones kept.
    expect(during).toContain(ids.at(-1));
    expect(during).not.toContain(ids[0]);
    // A released schema says so when used, and schema.load of its source loads it again.
    const reply = await kit.router.invoke('schema.get', { schemaId: ids[0]! });
    expect(reply).toMatchObject({ t: 'error', code: 'not_found' });
    expect(reply.t === 'error' && reply.message).toMatch(/released after 32 other schemas/);
    const again = await kit.call('schema.load', {
      source: { kind: 'protoFiles', files: [join(protoDir, 's0.proto')], importPaths: [protoDir] },
      connection: plaintextConnection(target),
    });
    expect(again.schemaId).not.toBe(ids[0]);
    expect(await held()).toContain(again.schemaId);

    // Once its call has ended, the schema is idle like the others and goes in its turn.
    await kit.call('call.cancel', { callId });
    await kit.waitForEvent(
      'call.events',
      (p) => p.callId === callId && p.events.some((e) => e.type === 'ended'),
    );
    await loadDistinct(400, MAX_IDLE_SCHEMAS + 1);
    const after = await held();
    expect(after).toHaveLength(MAX_IDLE_SCHEMAS);
    expect(after).not.toContain(schemaId);
  });
});
