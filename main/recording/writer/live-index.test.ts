import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { resourcePath } from '../../resources.js';
import { loadProtoFiles } from '../../schema/index.js';
import { buildRecordingIndex } from '../reader/recording-index.js';
import { createCallRecorder, type CallRecorder } from './call-recorder.js';

const dir = mkdtempSync(join(tmpdir(), 'gwb-live-index-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tailEvents(lines: number): CallEvent[] {
  const events: CallEvent[] = [];
  const push = (e: Omit<CallEvent, 'seq' | 't'> & Record<string, unknown>) =>
    events.push({ ...e, seq: events.length, t: events.length * 0.5 } as CallEvent);
  push({
    type: 'started',
    at: 0,
    method: '/example.LogService/Tail',
    kind: 'server_stream',
    target: 'x',
    metadata: [],
  });
  push({ type: 'sent', message: { lines }, size: 2 });
  push({ type: 'half_closed' });
  push({ type: 'headers', metadata: [{ key: 'content-type', value: 'application/grpc' }] });
  // Multi-byte text, so byte offsets and string lengths differ.
  for (let i = 0; i < lines; i++)
    push({ type: 'received', message: { seq: String(i), text: `ligne ${i} — ☺ 😈` }, size: 20 });
  push({ type: 'status', status: { code: 0, codeName: 'OK', message: '', details: [] } });
  push({ type: 'ended', durationMs: 1 });
  return events;
}

function tailRecorder(path: string, flushIntervalMs?: number): CallRecorder {
  const schema = loadProtoFiles({
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  });
  return createCallRecorder({
    path,
    registry: schema.registry,
    method: '/example.LogService/Tail',
    target: 'x',
    ...(flushIntervalMs !== undefined ? { flushIntervalMs } : {}),
  });
}

describe('the index a recorder keeps while writing', () => {
  it('is exactly what a reader builds from the finished file, so listings need not re-read it', async () => {
    const path = join(dir, 'tail.ndjson');
    const recorder = tailRecorder(path);
    for (const event of tailEvents(2500)) recorder.onEvent(event);
    await recorder.close();
    const live = recorder.index();
    const read = await buildRecordingIndex(path);
    expect(live).toBeDefined();
    expect(live?.entries.length).toBe(3);
    expect(live).toEqual(read);
  });
});

describe('the live index of a recording whose batches are written out as lines go in', () => {
  it('counts each line where it is, also a line after which its batch was written out', async () => {
    const path = join(dir, 'full-batches.ndjson');
    // Every batch is old: each AGE_CHECK_EVERY-th line writes it out as soon as it is in.
    const recorder = tailRecorder(path, 0);
    const events = tailEvents(0);
    const end = events.splice(-2);
    // Events and messages in turn, of many lengths (multi-byte text: bytes are not characters).
    for (let i = 0; i < 6000; i++) {
      const text = 'é'.repeat(i % 97) + 'x'.repeat(i % 13);
      const body =
        i % 3 !== 0
          ? { type: 'headers', metadata: [{ key: 'k', value: text }] }
          : { type: 'received', message: { seq: String(i), text }, size: 20 };
      events.push({ ...body, seq: events.length, t: events.length } as CallEvent);
    }
    for (const e of end) events.push({ ...e, seq: events.length, t: events.length });
    for (const event of events) recorder.onEvent(event);
    await recorder.close();
    expect(recorder.index()).toEqual(await buildRecordingIndex(path));
  });
});
